with

source as (

    select * from {{ source('documents', 'assistance_activities') }}

),

renamed as (

    select
        concat_ws(
            '|',
            source_file,
            source_sheet,
            cast(source_page as varchar),
            source_table,
            cast(source_row as varchar)
        ) as document_row_key,
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
