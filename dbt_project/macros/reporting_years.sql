{#- The reporting-year window of this run. Dagster passes it in the environment, not --vars:
    changed --vars make dbt re-parse the whole project (~2 s), a changed environment variable
    only the files that read it. --vars still win (unit tests, a build by hand); without
    either the whole history is built. -#}
{% macro in_reporting_years(column) -%}
    {{ column }} between {{ var('start_year', env_var('TCW_START_YEAR', '2012')) | int }}
    and {{ var('end_year', env_var('TCW_END_YEAR', '2100')) | int }}
{%- endmacro %}

{% macro year_end(year_column) -%}
    cast(cast({{ year_column }} as varchar) || '-12-31' as date)
{%- endmacro %}
