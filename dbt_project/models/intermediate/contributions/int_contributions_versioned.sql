{#- Every figure a document reported for a donor's contribution to a fund in a year, one row per
    document that reported it, ranked newest first: a final figure outranks a provisional one,
    then the later as-of date, then the fund's own board report over the annual report. A
    restatement adds a version; it never replaces history. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

with

contributions as (

    select * from {{ ref('stg_documents__contributions') }}
    where {{ in_reporting_years('year') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by year, donor_code, fund_code
            order by
                case when figure_status = 'final' then 0 else 1 end,
                as_of desc,
                case
                    when
                        document_type in (
                            'vftc_board_report', 'upr_participation_fund_report', 'vffta_report'
                        )
                        then 0
                    else 1
                end,
                source_file asc,
                source_row asc
        ) as version_rank,
        {{ count_distinct_over('paid_usd', 'year, donor_code, fund_code') }} as distinct_paid_figures
    from contributions

)

select * from ranked
