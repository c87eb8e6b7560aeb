with

source as (

    select * from {{ source('reference', 'countries') }}

),

renamed as (

    select
        iso3,
        iso2,
        m49_code,
        name_en,
        name_fr,
        name_es,
        name_ru,
        name_ar,
        name_zh,
        region_code,
        region_name,
        sub_region_code,
        sub_region_name,
        intermediate_region_code,
        intermediate_region_name,
        un_regional_group,
        is_un_member,
        is_ldc,
        is_lldc,
        is_sids
    from source

)

select * from renamed
