with

source as (

    select * from {{ source('request_logs', 'request_events') }}

),

renamed as (

    select
        request_id || '|' || status as request_event_key,
        request_id,
        country_iso3,
        country_name as country_name_as_written,
        status,
        received_on,
        event_date,
        reporting_year,
        channel,
        thematic_area_code,
        thematic_area_label,
        upr_recommendations,
        coalesce(trim(upr_recommendations), '') <> '' as has_upr_link,
        responding_office,
        estimated_cost,
        currency,
        funded_amount,
        fund_code,
        source_file,
        source_row
    from source

)

select * from renamed
