{#- UPR recommendations (res. 18/18 paras. 6 (a), 9, 11, 14): one row per recommendation and
    recommending State, with its thematic area and whether it calls for technical assistance,
    both by the seeded rules (upr_theme_rules, upr_assistance_rules; macros/matches_pattern.sql).
    Rebuilt whole: a change of the rules applies to every review at once, and the table is
    small (~28,000 rows for the 208 real reports of 2008-2024). -#}
-- depends_on: {{ ref('upr_theme_rules') }}
-- depends_on: {{ ref('upr_assistance_rules') }}
with

recommendations as (

    select * from {{ ref('stg_upr_reports__recommendations') }}

),

texts as (

    -- The rules read the recommendation, not the State: matched once per distinct text.
    select
        recommendation_id,
        part,
        {{ first_matching_rule('lowered', 'upr_theme_rules', 'thematic_area_code', 'priority') }}
            as thematic_area_code,
        {{ matching_rules('lowered', 'upr_assistance_rules', 'rule') }} as assistance_rules
    from (
        select distinct
            recommendation_id,
            part,
            lower(recommendation_text) as lowered
        from recommendations
    ) as distinct_texts

),

final as (

    select
        rec.upr_recommendation_key,
        rec.recommendation_id,
        rec.review_year as year,
        rec.state_under_review_iso3,
        rec.state_under_review_as_written,
        rec.review_year,
        rec.review_date,
        rec.cycle,
        rec.document_symbol,
        rec.session,
        rec.document_date,
        rec.introducing_paragraph,
        rec.paragraph,
        rec.part,
        rec.recommendation_text,
        rec.recommending_iso3,
        rec.recommending_state_as_written,
        rec.position,
        t.thematic_area_code,
        t.assistance_rules is not null as calls_for_technical_assistance,
        t.assistance_rules,
        rec.source_file,
        rec.source_page
    from recommendations as rec
    inner join texts as t
        on
            rec.recommendation_id = t.recommendation_id
            and rec.part = t.part

)

select * from final
