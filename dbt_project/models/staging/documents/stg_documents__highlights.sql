with

source as (

    select * from {{ source('documents', 'highlights') }}

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
