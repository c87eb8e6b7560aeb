with

source as (

    select * from {{ source('documents', 'fund_statements') }}

),

renamed as (

    select
        -- A row of the annual report's funds table carries two lines (contributions received,
        -- expenditure): the line item completes the source row.
        concat_ws(
            '|',
            source_file,
            source_sheet,
            cast(source_page as varchar),
            source_table,
            cast(source_row as varchar),
            line_item
        ) as statement_line_key,
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
