{#- One row per request: its defining event, whose State, area, cost, currency and UPR references
    are the request's. That is its `received` event; the earliest event stands in when the
    received row was rejected at ingestion. int_requests_pivoted and int_request_upr_links both
    read it, so the rule is written (and its window over every event computed) once. -#}
with

events as (

    select * from {{ ref('stg_request_logs__request_events') }}

),

ranked as (

    -- Only the columns the request takes from its defining event: a window carries every
    -- column it is given through its sort (at 10M events, `*` took 3 times as long).
    select
        request_id,
        country_iso3,
        thematic_area_code,
        received_on,
        has_upr_link as cites_upr,
        upr_recommendations,
        estimated_cost,
        currency,
        row_number() over (
            partition by request_id
            order by case when status = 'received' then 0 else 1 end, event_date, source_row
        ) as defining_rank
    from events

)

select
    request_id,
    country_iso3,
    thematic_area_code,
    received_on,
    cites_upr,
    upr_recommendations,
    estimated_cost,
    currency
from ranked
where defining_rank = 1
