{#- Ongoing technical-assistance needs of States, from their own requests (res. 18/18 para. 6 (b),
    and how they were answered, para. 11). Grain: country x reporting year x thematic area.
    Incremental by reporting year: a Dagster partition run rebuilds exactly its years. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

with

requests as (

    select * from {{ ref('int_requests_pivoted') }}

),

events as (

    select * from {{ ref('stg_request_logs__request_events') }}

),

years as (

    select distinct reporting_year as year
    from events
    where {{ in_reporting_years('reporting_year') }}

),

request_years as (

    select
        y.year,
        {{ year_end('y.year') }} as year_end,
        r.*
    from requests as r
    inner join years as y on r.received_on <= {{ year_end('y.year') }}

),

request_counts as (

    select
        year,
        country_iso3,
        thematic_area_code,
        sum(case when received_year = year then 1 else 0 end) as requests_received,
        sum(case when extract(year from accepted_on) = year then 1 else 0 end) as requests_accepted,
        sum(case when extract(year from declined_on) = year then 1 else 0 end) as requests_declined,
        sum(case when extract(year from completed_on) = year then 1 else 0 end) as requests_completed,
        sum(case when extract(year from withdrawn_on) = year then 1 else 0 end) as requests_withdrawn,
        sum(case when closed_on is null or closed_on > year_end then 1 else 0 end)
            as requests_open_at_year_end,
        max(
            case
                when closed_on is null or closed_on > year_end
                    then {{ dbt.datediff('received_on', 'year_end', 'day') }}
            end
        ) as oldest_open_request_age_days,
        sum(case when received_year = year then estimated_cost_usd end) as amount_requested_usd,
        sum(case when received_year = year and has_upr_link then 1 else 0 end) as requests_upr_linked
    from request_years
    group by year, country_iso3, thematic_area_code

),

responses as (

    select
        e.reporting_year as year,
        r.country_iso3,
        r.thematic_area_code,
        percentile_cont(0.5) within group (
            order by {{ dbt.datediff('r.received_on', 'e.event_date', 'day') }}
        ) as median_days_to_respond
    from events as e
    inner join requests as r on e.request_id = r.request_id
    where e.status in ('accepted', 'declined') and {{ in_reporting_years('e.reporting_year') }}
    group by e.reporting_year, r.country_iso3, r.thematic_area_code

),

final as (

    select
        c.country_iso3 || '|' || cast(c.year as varchar) || '|' || c.thematic_area_code as needs_key,
        cast(c.year as integer) as year,
        c.country_iso3,
        c.thematic_area_code,
        cast(c.requests_received as integer) as requests_received,
        cast(c.requests_accepted as integer) as requests_accepted,
        cast(c.requests_declined as integer) as requests_declined,
        cast(c.requests_completed as integer) as requests_completed,
        cast(c.requests_withdrawn as integer) as requests_withdrawn,
        cast(c.requests_open_at_year_end as integer) as requests_open_at_year_end,
        cast(
            case
                when c.requests_accepted + c.requests_declined > 0
                    then round(1.0 * c.requests_accepted / (c.requests_accepted + c.requests_declined), 4)
            end as double precision
        ) as positive_response_rate,
        cast(r.median_days_to_respond as double precision) as median_days_to_respond,
        cast(c.oldest_open_request_age_days as integer) as oldest_open_request_age_days,
        cast(coalesce(c.amount_requested_usd, 0) as decimal(18, 2)) as amount_requested_usd,
        cast(
            case
                when c.requests_received > 0
                    then round(1.0 * c.requests_upr_linked / c.requests_received, 4)
            end as double precision
        ) as upr_linked_share
    from request_counts as c
    left join responses as r
        on
            c.year = r.year
            and c.country_iso3 = r.country_iso3
            and c.thematic_area_code = r.thematic_area_code
    where
        c.requests_received + c.requests_accepted + c.requests_declined + c.requests_completed
        + c.requests_withdrawn + c.requests_open_at_year_end > 0

)

select * from final
