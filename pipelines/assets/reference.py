"""Reference data that comes from maintained libraries rather than from sources."""

from dagster import AssetKey, MaterializeResult, asset

from pipelines.partitions import TRANSIENT_FAULTS
from pipelines.reference.countries import country_dimension
from pipelines.reference.seeds import seeds_version
from pipelines.resources import WarehouseResource

RAW_COUNTRIES = AssetKey(["raw", "countries"])


@asset(
    key=RAW_COUNTRIES,
    group_name="reference",
    pool="duckdb_writer",
    retry_policy=TRANSIENT_FAULTS,
    kinds={"python", "duckdb"},
    code_version=seeds_version("countries"),
)
def raw_countries(warehouse: WarehouseResource) -> MaterializeResult:
    """Every ISO 3166-1 country or area with its M49 code and geoscheme, names in the six UN
    languages, UN regional group and LDC/LLDC/SIDS flags: from pycountry, babel (CLDR) and
    country_converter plus the project's seeds. Feeds dim_country."""
    frame = country_dimension()
    warehouse.store.replace_table("countries", frame)
    return MaterializeResult(
        metadata={
            "rows": frame.height,
            "un_members": int(frame["is_un_member"].sum()),
        }
    )
