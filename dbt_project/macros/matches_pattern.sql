{#- Rules kept in a seed, applied as constant regular expressions. A join on a pattern column
    makes the database compile each pattern for every row (a minute for the 27,000 real
    recommendations); reading the few rules when the model runs and writing them into the SQL
    compiles each once. A model using it declares the seed (`-- depends_on: ref(...)`), so dbt
    builds the seed first. -#}

{#- The rules of `seed` ordered by `order_by`, as a list of rows (empty while dbt parses). -#}
{% macro seed_rules(seed, columns, order_by) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set rows = run_query("select " ~ columns ~ " from " ~ ref(seed) ~ " order by " ~ order_by) -%}
    {{ return(rows.rows) }}
{%- endmacro %}

{#- The value of the first rule (in priority order) whose pattern matches `text`, else NULL. -#}
{% macro first_matching_rule(text, seed, value_column, order_by) -%}
    {%- set rules = seed_rules(seed, "pattern, " ~ value_column, order_by) -%}
    {%- if rules | length == 0 -%}
        cast(null as varchar)
    {%- else -%}
        case
        {%- for rule in rules %}
            when {{ matches_pattern(text, "'" ~ (rule[0] | replace("'", "''")) ~ "'") }} then '{{ rule[1] }}'
        {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}

{#- The names of every rule whose pattern matches `text`, comma-separated (NULL when none). -#}
{% macro matching_rules(text, seed, name_column) -%}
    {%- set rules = seed_rules(seed, "pattern, " ~ name_column, name_column) -%}
    {%- if rules | length == 0 -%}
        cast(null as varchar)
    {%- else -%}
        nullif(concat_ws(
            ', '
        {%- for rule in rules %},
            case when {{ matches_pattern(text, "'" ~ (rule[0] | replace("'", "''")) ~ "'") }} then '{{ rule[1] }}' end
        {%- endfor %}
        ), '')
    {%- endif -%}
{%- endmacro %}

{#- Whether `text` matches the regular expression `pattern`. The rules are written for RE2 and
    POSIX alike (no look-around, no back-references). -#}
{% macro matches_pattern(text, pattern) -%}
    {%- if target.type == 'postgres' -%}
        ({{ text }} ~ {{ pattern }})
    {%- else -%}
        regexp_matches({{ text }}, {{ pattern }})
    {%- endif -%}
{%- endmacro %}
