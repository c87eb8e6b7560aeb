{#- Voluntary contributions by donor, fund and year (res. 18/18 para. 14): the current figure,
    where it was published, and whether an earlier publication said otherwise. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

with

versions as (

    select * from {{ ref('int_contributions_versioned') }}
    where {{ in_reporting_years('year') }}

),

current_figures as (

    select * from versions
    where version_rank = 1

),

earlier as (

    select
        year,
        donor_code,
        fund_code,
        paid_usd as previous_paid_usd,
        as_of as previous_as_of,
        row_number() over (
            partition by year, donor_code, fund_code order by as_of desc, source_file asc
        ) as recency
    from versions
    where version_rank > 1

),

final as (

    select
        c.donor_code || '|' || c.fund_code || '|' || cast(c.year as varchar) as contribution_key,
        cast(c.year as integer) as year,
        c.donor_code,
        c.donor_type,
        c.fund_code,
        cast(c.pledged_usd as decimal(18, 2)) as pledged_usd,
        cast(c.paid_usd as decimal(18, 2)) as paid_usd,
        cast(c.unearmarked_usd as decimal(18, 2)) as unearmarked_usd,
        cast(c.earmarked_usd as decimal(18, 2)) as earmarked_usd,
        c.figure_status,
        c.as_of,
        c.document_type as source_document_type,
        c.document_symbol as source_document_symbol,
        c.source_file,
        c.source_page,
        c.distinct_paid_figures > 1 as is_restated,
        cast(e.previous_paid_usd as decimal(18, 2)) as previous_paid_usd,
        e.previous_as_of
    from current_figures as c
    left join earlier as e
        on
            c.year = e.year
            and c.donor_code = e.donor_code
            and c.fund_code = e.fund_code
            and e.recency = 1
            and c.distinct_paid_figures > 1

)

select * from final
