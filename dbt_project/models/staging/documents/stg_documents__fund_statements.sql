with

source as (

    select * from {{ source('documents', 'fund_statements') }}

),

renamed as (

    select
        reporting_year as year,
        fund_code,
        period_start,
        period_end,
        line_item,
        amount_usd,
        figure_status,
        as_of,
        document_type,
        document_symbol,
        source_file,
        source_page,
        source_table,
        source_row
    from source

)

select * from renamed
