{#- The reporting-year window of this run, from --vars (see dbt_project.yml). -#}
{% macro in_reporting_years(column) -%}
    {{ column }} between {{ var('start_year') | int }} and {{ var('end_year') | int }}
{%- endmacro %}

{% macro year_end(year_column) -%}
    cast(cast({{ year_column }} as varchar) || '-12-31' as date)
{%- endmacro %}
