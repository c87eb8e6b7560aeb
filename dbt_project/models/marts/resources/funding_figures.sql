{#- OHCHR-level funding figures by year (voluntary contributions, donors, regular budget,
    unearmarked share): the current figure and, when it was restated, the figure it replaced.
    Final outranks provisional, then the later as-of date. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

with

figures as (

    select * from {{ ref('stg_documents__funding_figures') }}
    where {{ in_reporting_years('year') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by scope, metric, year
            order by case when figure_status = 'final' then 0 else 1 end, as_of desc, source_file asc
        ) as version_rank,
        {{ count_distinct_over('value', 'scope, metric, year') }} as distinct_values
    from figures

),

previous as (

    select
        scope,
        metric,
        year,
        value as previous_value,
        figure_status as previous_status,
        as_of as previous_as_of,
        source_file as previous_source_file,
        row_number() over (partition by scope, metric, year order by version_rank) as recency
    from ranked
    where version_rank > 1

),

final as (

    select
        r.scope || '|' || r.metric || '|' || cast(r.year as varchar) as funding_figure_key,
        r.scope,
        r.metric,
        cast(r.year as integer) as year,
        cast(r.value as double precision) as value,
        r.unit,
        r.figure_status,
        r.as_of,
        r.document_type as source_document_type,
        r.source_file,
        r.source_page,
        r.distinct_values > 1 as is_restated,
        cast(p.previous_value as double precision) as previous_value,
        p.previous_status,
        p.previous_as_of,
        p.previous_source_file
    from ranked as r
    left join previous as p
        on
            r.scope = p.scope
            and r.metric = p.metric
            and r.year = p.year
            and p.recency = 1
            and r.distinct_values > 1
    where r.version_rank = 1

)

select * from final
