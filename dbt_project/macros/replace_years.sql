{#- Incremental strategy "replace_years": delete every row of the run's reporting years, then
    insert the rows the model computed for them, in one transaction (the raw tables reload a
    year the same way, pipelines/warehouse.py). Unlike dbt's delete+insert keyed on the new
    rows' years, a year that now yields no rows is emptied rather than left with its old rows.
    The model selects only the run's years ({{ in_reporting_years('year') }}); rows of other
    years are never read or written. -#}
{% macro get_incremental_replace_years_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }} where {{ in_reporting_years('year') }};
    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ source }}
{%- endmacro %}
