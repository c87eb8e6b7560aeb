{#- Use the folder's schema name as it is (staging, intermediate, marts, reference) rather than
    dbt's default "<target schema>_<custom schema>": analysts query marts.needs, not main_marts.needs. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
