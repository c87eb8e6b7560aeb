with

source as (

    select * from {{ source('upr_reports', 'upr_recommendations') }}

),

renamed as (

    select
        -- One recommendation of one recommending State: a State named in two groups of the
        -- same recommendation recommended it once (the parser keeps one row), so the report,
        -- the paragraph, its part and the State identify the row.
        concat_ws(
            '|',
            document_symbol,
            paragraph,
            cast(part as varchar),
            recommending_iso3
        ) as upr_recommendation_key,
        concat_ws('|', document_symbol, paragraph) as recommendation_id,
        reporting_year as review_year,
        document_symbol,
        session,
        as_of as document_date,
        state_under_review_as_written,
        state_under_review_iso3,
        review_date,
        cycle,
        introducing_paragraph,
        paragraph,
        part,
        text as recommendation_text,
        recommending_state_as_written,
        recommending_iso3,
        position,
        source_file,
        source_sha256,
        source_page,
        source_row
    from source

)

select * from renamed
