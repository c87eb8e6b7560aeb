with

source as (

    select * from {{ source('documents', 'funding_summary') }}

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
        scope,
        metric,
        reporting_year as year,
        value,
        unit,
        figure_status,
        as_of,
        document_type,
        document_symbol,
        source_file,
        source_page,
        source_sheet,
        source_table,
        source_row
    from source

)

select * from renamed
