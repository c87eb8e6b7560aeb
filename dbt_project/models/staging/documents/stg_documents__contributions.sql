with

source as (

    select * from {{ source('documents', 'contributions') }}

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
        donor_code,
        donor_name as donor_name_as_written,
        donor_type,
        fund_code,
        pledged_usd,
        paid_usd,
        unearmarked_usd,
        earmarked_usd,
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
