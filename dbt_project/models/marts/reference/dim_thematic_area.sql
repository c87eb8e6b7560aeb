select
    thematic_area_code,
    thematic_area_name,
    description
from {{ ref('thematic_areas') }}
