{#- Use the folder's schema name as it is (staging, intermediate, marts, reference) rather than
    dbt's default "<target schema>_<custom schema>": analysts query marts.needs, not main_marts.needs.
    On PostgreSQL a run builds into prefixed schemas (TCW_SCHEMA_PREFIX=build_: build_marts, ...)
    that publication swaps in (pipelines/warehouses/postgres.py); DuckDB leaves it empty. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}
    {%- else -%}{{ var('schema_prefix', env_var('TCW_SCHEMA_PREFIX', '')) }}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
