select
    fund_code,
    fund_name,
    short_name,
    mandate
from {{ ref('funds') }}
