{#- Member States that have not yet contributed to a fund (res. 18/18 para. 14 encourages them
    to): one row per Member State, fund and year with no contribution to that fund in any year
    up to and including that year, among the years and funds the documents cover. -#}
with

members as (

    select iso3 from {{ ref('dim_country') }}
    where is_un_member

),

contributions as (

    select
        year,
        donor_code,
        fund_code
    from {{ ref('contributions') }}
    where paid_usd > 0 or pledged_usd > 0

),

fund_years as (

    select distinct
        year,
        fund_code
    from {{ ref('contributions') }}

),

first_contribution as (

    select
        donor_code,
        fund_code,
        min(year) as first_year
    from contributions
    group by donor_code, fund_code

),

final as (

    select
        m.iso3 || '|' || fy.fund_code || '|' || cast(fy.year as varchar) as non_contributor_key,
        cast(fy.year as integer) as year,
        m.iso3 as country_iso3,
        fy.fund_code
    from fund_years as fy
    cross join members as m
    left join first_contribution as f
        on m.iso3 = f.donor_code and fy.fund_code = f.fund_code
    where f.first_year is null or f.first_year > fy.year

)

select * from final
