{#- What became of the UPR recommendations a State received (res. 18/18 paras. 6 (b), 11), as
    at the end of each reporting year: year x State under review x cycle x thematic area, for
    the State's latest review held by the end of the year. Recommendations are counted once
    whatever the number of States that made them; requests and assistance count from the
    review to the end of the year. Rebuilt whole, not by year: a review's follow-up spans every
    year after it, and a year's row changes when a later year's requests arrive. -#}
with

recommendations as (

    select * from {{ ref('upr_recommendations') }}

),

requests as (

    select * from {{ ref('int_requests_pivoted') }}

),

assistance as (

    select * from {{ ref('assistance') }}

),

distinct_recommendations as (

    select distinct
        state_under_review_iso3,
        cycle,
        thematic_area_code,
        recommendation_id,
        part,
        position,
        calls_for_technical_assistance
    from recommendations

),

reviews as (

    select
        state_under_review_iso3,
        cycle,
        min(review_date) as review_date
    from recommendations
    group by state_under_review_iso3, cycle

),

last_year as (

    -- The last reporting year the warehouse holds anything for.
    select greatest(
        (select max(received_year) from requests),
        (select max(year) from assistance),
        (select max(extract(year from review_date)) from reviews)
    ) as year

),

periods as (

    -- Each year from the review's to the year before the State's next review: the review is
    -- the State's latest at the end of those years; "since" runs to the end of the year.
    select
        r.state_under_review_iso3,
        r.cycle,
        r.review_date,
        cast(y.year as integer) as year,
        make_date(cast(y.year as integer), 12, 31) as as_of
    from (
        select
            *,
            lead(review_date) over (
                partition by state_under_review_iso3 order by review_date
            ) as next_review_date
        from reviews
    ) as r
    cross join last_year as ly
    inner join
        generate_series(
            cast(extract(year from r.review_date) as bigint), cast(ly.year as bigint)
        ) as y (year)
        on
            r.next_review_date is null
            or y.year < extract(year from r.next_review_date)

),

received as (

    select
        state_under_review_iso3,
        cycle,
        thematic_area_code,
        count(*) as recommendations_received,
        count(*) filter (where position = 'supported') as recommendations_supported,
        count(*) filter (where position = 'noted') as recommendations_noted,
        count(*) filter (where position = 'pending') as recommendations_pending,
        count(*) filter (
            where position = 'already_implemented'
        ) as recommendations_already_implemented,
        count(*) filter (where calls_for_technical_assistance) as recommendations_calling_for_assistance,
        count(*) filter (
            where calls_for_technical_assistance and position = 'supported'
        ) as supported_calling_for_assistance
    from distinct_recommendations
    group by state_under_review_iso3, cycle, thematic_area_code

),

requests_since as (

    select
        p.year,
        p.state_under_review_iso3,
        p.cycle,
        r.thematic_area_code,
        count(*) as requests_since_review
    from periods as p
    inner join requests as r
        on
            p.state_under_review_iso3 = r.country_iso3
            and p.review_date <= r.received_on
            and p.as_of >= r.received_on
    group by p.year, p.state_under_review_iso3, p.cycle, r.thematic_area_code

),

assistance_since as (

    -- The assistance mart is by reporting year: a year counts from the review's year on.
    select
        p.year,
        p.state_under_review_iso3,
        p.cycle,
        a.thematic_area_code,
        sum(a.activities + a.projects) as assistance_since_review
    from periods as p
    inner join assistance as a
        on
            p.state_under_review_iso3 = a.country_iso3
            and extract(year from p.review_date) <= a.year
            and p.year >= a.year
    group by p.year, p.state_under_review_iso3, p.cycle, a.thematic_area_code

),

final as (

    select
        concat_ws(
            '|',
            cast(p.year as varchar),
            rc.state_under_review_iso3,
            cast(rc.cycle as varchar),
            coalesce(rc.thematic_area_code, '(unclassified)')
        ) as upr_follow_up_key,
        p.year,
        rc.state_under_review_iso3,
        rc.cycle,
        p.review_date,
        rc.thematic_area_code,
        cast(rc.recommendations_received as integer) as recommendations_received,
        cast(rc.recommendations_supported as integer) as recommendations_supported,
        cast(rc.recommendations_noted as integer) as recommendations_noted,
        cast(rc.recommendations_pending as integer) as recommendations_pending,
        cast(rc.recommendations_already_implemented as integer) as recommendations_already_implemented,
        cast(rc.recommendations_calling_for_assistance as integer) as recommendations_calling_for_assistance,
        cast(rc.supported_calling_for_assistance as integer) as supported_calling_for_assistance,
        cast(coalesce(rq.requests_since_review, 0) as integer) as requests_since_review,
        cast(coalesce(a.assistance_since_review, 0) as integer) as assistance_since_review,
        cast(
            case
                when coalesce(rq.requests_since_review, 0) = 0 and coalesce(a.assistance_since_review, 0) = 0
                    then rc.supported_calling_for_assistance
                else 0
            end as integer
        ) as supported_calling_for_assistance_unanswered
    from received as rc
    inner join periods as p
        on
            rc.state_under_review_iso3 = p.state_under_review_iso3
            and rc.cycle = p.cycle
    left join requests_since as rq
        on
            p.year = rq.year
            and rc.state_under_review_iso3 = rq.state_under_review_iso3
            and rc.cycle = rq.cycle
            and rc.thematic_area_code = rq.thematic_area_code
    left join assistance_since as a
        on
            p.year = a.year
            and rc.state_under_review_iso3 = a.state_under_review_iso3
            and rc.cycle = a.cycle
            and rc.thematic_area_code = a.thematic_area_code

)

select * from final
