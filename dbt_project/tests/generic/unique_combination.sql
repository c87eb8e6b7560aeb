{#- The columns together identify a row. Written here rather than pulled from dbt_utils: the
    project installs no dbt packages (no network beyond the package registries). -#}
{% test unique_combination(model, columns) %}

select {{ columns | join(', ') }}, count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
