with

source as (

    select * from {{ source('documents', 'field_expenditure') }}

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
        presence_name,
        presence_type,
        country_iso3,
        regular_budget_usd,
        extrabudgetary_usd,
        total_usd,
        figure_status,
        as_of,
        source_file,
        source_page,
        source_sheet,
        source_row
    from source

)

select * from renamed
