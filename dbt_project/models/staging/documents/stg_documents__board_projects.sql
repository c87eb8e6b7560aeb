with

source as (

    select * from {{ source('documents', 'board_projects') }}

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
        fund_code,
        country_iso3,
        region,
        project_title,
        thematic_area_code,
        amount_usd,
        figure_status,
        as_of,
        document_symbol,
        source_file,
        source_page,
        source_row
    from source

)

select * from renamed
