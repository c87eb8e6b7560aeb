{#- Fund income, expenditure and balances by year (res. 18/18 paras 6 (c), 8, 14), from each
    fund's own statement of income and expenditure (board reports), the annual report's funds
    table where no board statement exists; donors from `contributions`. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='replace_years',
        on_schema_change=schema_change_guard(),
    )
}}

with

statements as (

    select
        *,
        row_number() over (
            partition by year, fund_code, line_item
            order by
                case when document_type = 'annual_report' then 1 else 0 end,
                case when figure_status = 'final' then 0 else 1 end,
                as_of desc,
                source_file asc
        ) as preference
    from {{ ref('stg_documents__fund_statements') }}
    where {{ in_reporting_years('year') }}

),

chosen as (

    select * from statements
    where preference = 1

),

pivoted as (

    select
        year,
        fund_code,
        min(period_start) as period_start,
        max(period_end) as period_end,
        sum(case when line_item = 'opening_balance' then amount_usd end) as opening_balance_usd,
        sum(case when line_item = 'contributions_received' then amount_usd end) as contributions_received_usd,
        sum(case when line_item = 'other_income' then amount_usd end) as other_income_usd,
        sum(case when line_item = 'total_income' then amount_usd end) as total_income_usd,
        sum(case when line_item = 'total_expenditure' then amount_usd end) as total_expenditure_usd,
        sum(case when line_item = 'closing_balance' then amount_usd end) as closing_balance_usd,
        max(figure_status) as figure_status,
        max(as_of) as as_of,
        max(source_file) as source_file
    from chosen
    group by year, fund_code

),

donors as (

    select
        year,
        fund_code,
        count(distinct donor_code) as donors
    from {{ ref('contributions') }}
    where {{ in_reporting_years('year') }}
    group by year, fund_code

),

final as (

    select
        p.fund_code || '|' || cast(p.year as varchar) as fund_year_key,
        cast(p.year as integer) as year,
        p.fund_code,
        p.period_start,
        p.period_end,
        cast(p.opening_balance_usd as decimal(18, 2)) as opening_balance_usd,
        cast(p.contributions_received_usd as decimal(18, 2)) as contributions_received_usd,
        cast(p.other_income_usd as decimal(18, 2)) as other_income_usd,
        cast(p.total_income_usd as decimal(18, 2)) as total_income_usd,
        cast(p.total_expenditure_usd as decimal(18, 2)) as total_expenditure_usd,
        cast(p.closing_balance_usd as decimal(18, 2)) as closing_balance_usd,
        -- No contribution rows for the fund and year means the documents do not count its
        -- donors: unknown (null), not zero.
        cast(d.donors as integer) as donors,
        p.figure_status,
        p.as_of,
        p.source_file
    from pivoted as p
    left join donors as d on p.year = d.year and p.fund_code = d.fund_code

)

select * from final
