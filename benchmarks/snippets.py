"""The child processes `make bench` measures, as code run by a fresh interpreter each (a
measurement's start-up, memory and CPU are its own; benchmarks/measure.py). Each is a
`str.format` template, its literal braces doubled: format it even when it has no field."""

PARSE = """
import json, time
from pathlib import Path
from pipelines.ingest.request_logs import discover, parse_request_log
root = Path({out!r})
start = time.perf_counter(); rows = 0
for year, paths in discover(root / "request_logs").items():
    for path in paths:
        rows += parse_request_log(path, year, root).rows_read
seconds = time.perf_counter() - start
print(json.dumps({{"rows": rows, "rows_per_second": round(rows / seconds)}}))
"""

LINE_ENDS = """
import json
from pathlib import Path
from benchmarks.line_ends import compare
csv_files = sorted((Path({out!r}) / "request_logs").glob("*.csv"))
print(json.dumps(compare(csv_files[-1])))
"""

# The annual-report parser, PDF text layer and tables included, cold (no PDF cache): pages per
# second. The country-name index is reference data built once a process (pycountry, CLDR,
# country_converter), not work per page: it is timed apart, and the rate with it is printed too.
ANNUAL_REPORTS = """
import json, time
from pathlib import Path
import pypdfium2
from pipelines.ingest.annual_reports import parse_annual_report
from pipelines.reference.countries import country_index
root = Path({sources!r})
paths = sorted((root / "annual_reports").glob("ohchr_report_*.pdf"))
pages = sum(len(pypdfium2.PdfDocument(p)) for p in paths)
start = time.perf_counter()
country_index()
index_seconds = time.perf_counter() - start
start = time.perf_counter()
for path in paths:
    parse_annual_report(path, int(path.stem.rsplit("_", 1)[1]), root)
seconds = time.perf_counter() - start
print(json.dumps({{
    "reports": len(paths),
    "pages": pages,
    "pages_per_second": round(pages / seconds),
    "index_seconds": round(index_seconds, 2),
    "pages_per_second_with_index": round(pages / (seconds + index_seconds)),
}}))
"""

IMPORT_GX = "import great_expectations"

# Was a test's `< 1 s`: resolving 100,000 State names as the sources write them (cache cleared,
# the index built once before timing).
RESOLVE_NAMES = """
import json, time
from pipelines.reference.countries import resolve_country
names = ["Kenya", "Republic of Moldova", "Côte d'Ivoire", "Türkiye", "Viet Nam", "Atlantis", ""] * 14_286
resolve_country("Kenya")
resolve_country.cache_clear()
start = time.perf_counter()
for name in names[:100_000]:
    try:
        resolve_country(name)
    except (LookupError, ValueError):
        pass
print(json.dumps({{"names": 100_000, "seconds": round(time.perf_counter() - start, 3)}}))
"""

# Was a test's `< 60 s`: writing every sample document (PDF and XLSX).
GENERATE_DOCUMENTS = """
import json, time
from pathlib import Path
from samples.documents import generate_documents
start = time.perf_counter()
generate_documents(Path({out!r}))
print(json.dumps({{"seconds": round(time.perf_counter() - start, 2)}}))
"""

CHANGE_ONE_SOURCE = """
from pathlib import Path
from samples.edits import restate_first_request_cost
# One changed source file: a corrected 2018 request-log export (one estimated cost restated).
restate_first_request_cost(Path({sources!r}), 2018)
print('{{"changed_files": 1}}')
"""

PDF_COMPARE = """
import json
from pathlib import Path
from benchmarks.pdf import compare
root = Path({sources!r})
paths = sorted(root.glob("annual_reports/*2019*.pdf")) + sorted(root.glob("fund_board_reports/*2019*.pdf"))
result = compare(paths)
print(json.dumps({{k: v for k, v in result.items() if isinstance(v, (int, float, str))}}))
"""

# The UPR Working Group report parser over the real reports (../shared/reference/upr), one
# round (benchmarks/upr_reports.py runs three and the oracle agreement); skipped without them.
UPR_REPORTS = """
import json
from benchmarks.upr_reports import DEFAULT, run
if DEFAULT.is_dir():
    figures = run(DEFAULT, 1)
    keys = ("files", "pages", "rows", "best_pages_per_second")
    print(json.dumps({{k: figures[k] for k in keys}}))
else:
    print(json.dumps({{"skipped": "no ../shared/reference/upr/reports"}}))
"""

VERSIONS = """
import json
from pathlib import Path
print(json.dumps({{"versions_2018": len(list((Path({publications!r}) / "2018").glob("v*")))}}))
"""
