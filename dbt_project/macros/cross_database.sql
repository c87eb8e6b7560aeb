{#- SQL that DuckDB and PostgreSQL spell differently, behind adapter dispatch so that the models
    stay one text for both warehouses (docs/deployment.md). -#}

{#- count(distinct x) over (partition by ...): DuckDB has it, PostgreSQL does not ("DISTINCT is
    not implemented for window functions"). There it is the rank of the last distinct value,
    less one when the partition holds a NULL (dense_rank counts NULL; count(distinct) does not). -#}
{% macro count_distinct_over(expression, partition_by) -%}
    {{ return(adapter.dispatch('count_distinct_over')(expression, partition_by)) }}
{%- endmacro %}

{% macro default__count_distinct_over(expression, partition_by) -%}
    count(distinct {{ expression }}) over (partition by {{ partition_by }})
{%- endmacro %}

{% macro postgres__count_distinct_over(expression, partition_by) -%}
    (
        dense_rank() over (partition by {{ partition_by }} order by {{ expression }} asc nulls first)
        + dense_rank() over (partition by {{ partition_by }} order by {{ expression }} desc nulls last)
        - 1
        - max(case when {{ expression }} is null then 1 else 0 end) over (partition by {{ partition_by }})
    )
{%- endmacro %}

{#- round(x, digits) of a DOUBLE: PostgreSQL rounds only numeric to a number of digits. -#}
{% macro round_to(expression, digits) -%}
    {{ return(adapter.dispatch('round_to')(expression, digits)) }}
{%- endmacro %}

{% macro default__round_to(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}

{% macro postgres__round_to(expression, digits) -%}
    round(cast({{ expression }} as numeric), {{ digits }})
{%- endmacro %}

{#- on_schema_change of the models incremental by year. DuckDB: 'fail', a changed column stops
    the run. PostgreSQL reports every contracted `varchar` column as changed to the `text` its
    query yields (the same type to DuckDB), so a second run would always fail: there a new
    column is added and a type difference let be ('append_new_columns', the other setting dbt
    allows with an enforced contract, which guards the columns). -#}
{% macro schema_change_guard() -%}
    {{ return('append_new_columns' if target.type == 'postgres' else 'fail') }}
{%- endmacro %}
