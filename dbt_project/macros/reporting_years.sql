{#- The reporting-year window of this run. Dagster passes it in the environment, not --vars:
    changed --vars make dbt re-parse the whole project (~2 s). The variable is read only when
    the SQL is executed (`execute`), never at parse time: dbt re-parses every file whose
    parse read an environment variable that has changed since (1.3 s a run, 9 files), and
    that would be every run. --vars still win (unit tests, a build by hand); without either
    the whole history is built. -#}
{% macro in_reporting_years(column) -%}
    {%- if execute -%}
    {{ column }} between {{ var('start_year', env_var('TCW_START_YEAR', '2012')) | int }}
    and {{ var('end_year', env_var('TCW_END_YEAR', '2100')) | int }}
    {%- else -%}
    true
    {%- endif -%}
{%- endmacro %}

{% macro year_end(year_column) -%}
    cast(cast({{ year_column }} as varchar) || '-12-31' as date)
{%- endmacro %}
