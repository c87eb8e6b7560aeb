{#- Technical assistance provided to States (res. 18/18 para. 6 (a)): by country, year, thematic
    area, provider and funding source, from the annual reports' country chapters and the fund
    boards' lists of funded projects (implemented through field presences). -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

with

activities as (

    select
        year,
        country_iso3,
        thematic_area_code,
        provider_type,
        fund_code,
        count(*) as activities,
        count(distinct activity_type) as activity_types,
        sum(upr_recommendations_addressed) as upr_recommendations_addressed
    from {{ ref('stg_documents__activities') }}
    where {{ in_reporting_years('year') }}
    group by year, country_iso3, thematic_area_code, provider_type, fund_code

),

projects as (

    select
        year,
        country_iso3,
        thematic_area_code,
        'field_presence' as provider_type,
        fund_code,
        count(*) as projects,
        sum(amount_usd) as project_funding_usd
    from {{ ref('stg_documents__board_projects') }}
    where {{ in_reporting_years('year') }}
    group by year, country_iso3, thematic_area_code, fund_code

),

keys as (

    select
        year,
        country_iso3,
        thematic_area_code,
        provider_type,
        fund_code
    from activities
    union
    select
        year,
        country_iso3,
        thematic_area_code,
        provider_type,
        fund_code
    from projects

),

final as (

    select
        k.country_iso3 || '|' || cast(k.year as varchar) || '|' || k.thematic_area_code || '|'
        || k.provider_type || '|' || k.fund_code as assistance_key,
        cast(k.year as integer) as year,
        k.country_iso3,
        k.thematic_area_code,
        k.provider_type,
        k.fund_code,
        cast(coalesce(a.activities, 0) as integer) as activities,
        cast(coalesce(a.activity_types, 0) as integer) as activity_types,
        cast(coalesce(a.upr_recommendations_addressed, 0) as integer) as upr_recommendations_addressed,
        cast(coalesce(p.projects, 0) as integer) as projects,
        cast(coalesce(p.project_funding_usd, 0) as decimal(18, 2)) as project_funding_usd
    from keys as k
    left join activities as a
        on
            k.year = a.year
            and k.country_iso3 = a.country_iso3
            and k.thematic_area_code = a.thematic_area_code
            and k.provider_type = a.provider_type
            and k.fund_code = a.fund_code
    left join projects as p
        on
            k.year = p.year
            and k.country_iso3 = p.country_iso3
            and k.thematic_area_code = p.thematic_area_code
            and k.provider_type = p.provider_type
            and k.fund_code = p.fund_code

)

select * from final
