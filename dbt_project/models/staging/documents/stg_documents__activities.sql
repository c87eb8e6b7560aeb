with

source as (

    select * from {{ source('documents', 'assistance_activities') }}

),

renamed as (

    select
        reporting_year as year,
        country_iso3,
        activity_title,
        thematic_area_code,
        activity_type,
        provider_type,
        provider_name,
        partner_entity,
        fund_code,
        upr_recommendations_addressed,
        source_file,
        source_page,
        source_row
    from source

)

select * from renamed
