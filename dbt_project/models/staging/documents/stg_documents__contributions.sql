with

source as (

    select * from {{ source('documents', 'contributions') }}

),

renamed as (

    select
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
