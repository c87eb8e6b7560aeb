{#- Every donor the documents may name: States and territories by ISO3 (from dim_country) and
    the other donors of the seed `donors`, with their true type (pipelines/reference/donors.py
    gives raw.contributions the same): a UN member is a member_state, the Holy See and the State
    of Palestine are the non-member observer States, every other ISO entry is a territory. -#}
select
    iso3 as donor_code,
    name_en as donor_name,
    case
        when is_un_member then 'member_state'
        when iso3 in ('VAT', 'PSE') then 'observer_state'
        else 'territory'
    end as donor_type,
    iso3 as country_iso3
from {{ ref('dim_country') }}
union all
select
    donor_code,
    donor_name,
    donor_type,
    cast(null as varchar) as country_iso3
from {{ ref('donors') }}
