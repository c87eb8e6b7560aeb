{#- The year's success stories, best practices and challenges (res. 18/18 para. 7), each with
    the page it came from. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

select
    source_file || '|' || cast(source_row as varchar) as highlight_key,
    cast(year as integer) as year,
    country_iso3,
    thematic_area_code,
    kind,
    title,
    body,
    source_file,
    cast(source_page as integer) as source_page
from {{ ref('stg_documents__highlights') }}
where {{ in_reporting_years('year') }}
