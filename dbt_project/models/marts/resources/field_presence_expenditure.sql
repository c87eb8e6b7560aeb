{#- Expenditure by field presence and year, regular budget and extrabudgetary, from the annual
    reports' funding chapter. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

select
    presence_name || '|' || cast(year as varchar) as presence_year_key,
    cast(year as integer) as year,
    presence_name,
    presence_type,
    country_iso3,
    cast(regular_budget_usd as decimal(18, 2)) as regular_budget_usd,
    cast(extrabudgetary_usd as decimal(18, 2)) as extrabudgetary_usd,
    cast(total_usd as decimal(18, 2)) as total_usd,
    figure_status,
    as_of,
    source_file,
    cast(source_page as integer) as source_page
from {{ ref('stg_documents__field_expenditures') }}
where {{ in_reporting_years('year') }}
