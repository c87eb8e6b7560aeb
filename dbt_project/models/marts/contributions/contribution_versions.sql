{#- The history behind `contributions`: every figure every document published, provisional and
    final, so a restatement can be traced from what was said to what it became. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

select
    donor_code || '|' || fund_code || '|' || cast(year as varchar) || '|' || source_file || '|'
    || source_table || '|' || cast(source_row as varchar) as contribution_version_key,
    cast(year as integer) as year,
    donor_code,
    donor_name_as_written,
    fund_code,
    cast(pledged_usd as decimal(18, 2)) as pledged_usd,
    cast(paid_usd as decimal(18, 2)) as paid_usd,
    figure_status,
    as_of,
    document_type as source_document_type,
    source_file,
    source_page,
    source_sheet,
    cast(version_rank as integer) as version_rank,
    version_rank = 1 as is_current
from {{ ref('int_contributions_versioned') }}
where {{ in_reporting_years('year') }}
