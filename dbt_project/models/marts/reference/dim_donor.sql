{#- Every donor the documents may name: States by ISO3 (from dim_country) and the non-State
    donors of the seed `donors`. -#}
select
    iso3 as donor_code,
    name_en as donor_name,
    case when is_un_member then 'member_state' else 'non_member_state' end as donor_type,
    iso3 as country_iso3
from {{ ref('dim_country') }}
union all
select
    donor_code,
    donor_name,
    donor_type,
    cast(null as varchar) as country_iso3
from {{ ref('donors') }}
