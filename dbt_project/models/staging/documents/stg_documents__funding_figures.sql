with

source as (

    select * from {{ source('documents', 'funding_summary') }}

),

renamed as (

    select
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
