with

source as (

    select * from {{ source('documents', 'field_expenditure') }}

),

renamed as (

    select
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
