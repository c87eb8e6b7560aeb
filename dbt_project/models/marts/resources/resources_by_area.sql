{#- Where more resources are needed (res. 18/18 para. 6 (c)): by thematic area and year, what
    States requested against what was funded, the gap and coverage (the requirements-versus-
    funding view of OCHA's FTS), and the areas ranked by unmet need. -#}
with

requested as (

    select
        year,
        thematic_area_code,
        sum(requests_received) as requests_received,
        sum(amount_requested_usd) as requested_usd
    from {{ ref('needs') }}
    group by year, thematic_area_code

),

funded as (

    select
        received_year as year,
        thematic_area_code,
        sum(funded_amount_usd) as funded_usd
    from {{ ref('int_requests_pivoted') }}
    group by received_year, thematic_area_code

),

projects as (

    select
        year,
        thematic_area_code,
        sum(amount_usd) as fund_projects_usd
    from {{ ref('stg_documents__board_projects') }}
    group by year, thematic_area_code

),

combined as (

    select
        r.year,
        r.thematic_area_code,
        r.requests_received,
        coalesce(r.requested_usd, 0) as requested_usd,
        coalesce(f.funded_usd, 0) as funded_usd,
        coalesce(p.fund_projects_usd, 0) as fund_projects_usd
    from requested as r
    left join funded as f on r.year = f.year and r.thematic_area_code = f.thematic_area_code
    left join projects as p on r.year = p.year and r.thematic_area_code = p.thematic_area_code

),

final as (

    select
        thematic_area_code || '|' || cast(year as varchar) as area_year_key,
        cast(year as integer) as year,
        thematic_area_code,
        cast(requests_received as integer) as requests_received,
        cast(requested_usd as decimal(18, 2)) as requested_usd,
        cast(funded_usd as decimal(18, 2)) as funded_usd,
        cast(requested_usd - funded_usd as decimal(18, 2)) as gap_usd,
        cast(case when requested_usd > 0 then round(funded_usd / requested_usd, 4) end as double precision)
            as coverage_ratio,
        cast(fund_projects_usd as decimal(18, 2)) as fund_projects_usd,
        cast(
            rank() over (partition by year order by requested_usd - funded_usd desc, thematic_area_code)
            as integer
        ) as unmet_need_rank
    from combined

)

select * from final
