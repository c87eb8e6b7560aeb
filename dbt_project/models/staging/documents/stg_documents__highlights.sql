with

source as (

    select * from {{ source('documents', 'highlights') }}

),

renamed as (

    select
        reporting_year as year,
        country_iso3,
        thematic_area_code,
        kind,
        title,
        body,
        source_file,
        source_page,
        source_row
    from source

)

select * from renamed
