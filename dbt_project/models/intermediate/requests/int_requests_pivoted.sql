{#- One row per request: who asked, for what, when it was received and when it reached each
    status. A request's State, area, cost and UPR references are those of its defining event
    (int_request_defining_events). -#}
with

events as (

    select * from {{ ref('stg_request_logs__request_events') }}

),

fx_rates as (

    select * from {{ ref('fx_rates') }}

),

upr_links as (

    -- A request is linked to the UPR when a reference it cites resolves to a recommendation.
    select
        request_id,
        bool_or(resolved) as has_upr_link
    from {{ ref('int_request_upr_links') }}
    group by request_id

),

defining_event as (

    select * from {{ ref('int_request_defining_events') }}

),

status_dates as (

    select
        request_id,
        min(case when status = 'accepted' then event_date end) as accepted_on,
        min(case when status = 'declined' then event_date end) as declined_on,
        min(case when status = 'completed' then event_date end) as completed_on,
        min(case when status = 'withdrawn' then event_date end) as withdrawn_on,
        max(funded_amount) as funded_amount
    from events
    group by request_id

),

pivoted as (

    select
        d.request_id,
        d.country_iso3,
        d.thematic_area_code,
        d.received_on,
        cast(extract(year from d.received_on) as integer) as received_year,
        s.accepted_on,
        s.declined_on,
        s.completed_on,
        s.withdrawn_on,
        -- least() skips nulls in DuckDB and PostgreSQL alike.
        least(s.declined_on, s.completed_on, s.withdrawn_on) as closed_on,
        d.cites_upr,
        coalesce(u.has_upr_link, false) as has_upr_link,
        d.estimated_cost,
        d.currency,
        cast({{ round_to("d.estimated_cost * fx.usd_per_unit", 2) }} as decimal(18, 2)) as estimated_cost_usd,
        s.funded_amount,
        cast({{ round_to("s.funded_amount * fx.usd_per_unit", 2) }} as decimal(18, 2)) as funded_amount_usd
    from defining_event as d
    inner join status_dates as s on d.request_id = s.request_id
    left join upr_links as u on d.request_id = u.request_id
    left join fx_rates as fx
        on
            d.currency = fx.currency
            and extract(year from d.received_on) = fx.year

)

select * from pivoted
