{#- One row per UPR recommendation a request cites (`133.30; 133.45` in its defining event):
    the reference as written and, when it resolves, the recommendation it means: the one with
    that paragraph number in the requesting State's latest review before the request was
    received. A reference that resolves to nothing keeps its row (resolved = false) and is
    listed by the asset check upr_references_resolve; the request itself is kept either way. -#}
with

defining_events as (

    select * from {{ ref('int_request_defining_events') }}

),

recommendations as (

    select * from {{ ref('stg_upr_reports__recommendations') }}

),

citations as (

    select distinct
        request_id,
        country_iso3,
        received_on,
        trim(reference) as reference
    from defining_events,
        unnest(string_to_array(replace(upr_recommendations, ',', ';'), ';')) as refs (reference)
    where trim(reference) <> ''

),

reviews as (

    select distinct
        state_under_review_iso3,
        document_symbol,
        review_date
    from recommendations

),

latest_review as (

    select
        c.request_id,
        c.reference,
        r.document_symbol,
        r.review_date,
        row_number() over (
            partition by c.request_id, c.reference order by r.review_date desc
        ) as review_rank
    from citations as c
    inner join reviews as r
        on
            c.country_iso3 = r.state_under_review_iso3
            and c.received_on > r.review_date

),

paragraphs as (

    select distinct
        document_symbol,
        paragraph,
        recommendation_id
    from recommendations

),

resolved as (

    select
        c.request_id,
        c.country_iso3,
        c.received_on,
        c.reference,
        lr.document_symbol as review_symbol,
        lr.review_date,
        p.recommendation_id,
        p.recommendation_id is not null as resolved
    from citations as c
    left join latest_review as lr
        on
            c.request_id = lr.request_id
            and c.reference = lr.reference
            and lr.review_rank = 1
    left join paragraphs as p
        on
            lr.document_symbol = p.document_symbol
            and c.reference = p.paragraph

)

select
    concat_ws('|', request_id, reference) as request_reference_key,
    *
from resolved
