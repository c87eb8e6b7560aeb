"""Reports of the Working Group on the Universal Periodic Review (`A/HRC/<session>/<n>`) ->
`raw.upr_recommendations`: one row per recommendation and recommending State.

What the parser relies on is what the real reports print (see docs/upr_reports.md):
- page 1: the document symbol, the date of the distribution block, and the title "Report of the
  Working Group on the Universal Periodic Review" followed by the State under review;
- paragraph 1 of the introduction: "The review of <State> was held at the <n>th meeting on
  <date>" (the review date gives the year and the cycle);
- section II, "Conclusions and/or recommendations" (the heading's wording varies, so only
  "II." and "conclusions" or "recommendations" are required), whose numbered paragraphs
  introduce lists of recommendations and give the State's position for the list: "enjoy the
  support of" (supported), "will be examined by" (pending), "did not enjoy the support"
  (noted), "already implemented or in the process of implementation" (already_implemented);
- the recommendations as sub-paragraphs `129.1`, `129.1.1` or, in the 2008 reports, items
  `1.`, `2.` under the introducing paragraph (cited `56.1`), each naming the recommending
  States in parentheses, `(Slovakia, Spain);`, possibly several times in one recommendation
  (`Ratify (Slovakia, Hungary), or consider ratifying (Costa Rica) the Rome Statute`).

Only section II is read (plus the first pages for the metadata): the parser reads pages from
the end backwards until it meets the section heading, which keeps it far above 200 pages/s.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.ingest.raw_schemas import DOCUMENT_SCHEMAS
from pipelines.ingest.rejects import REJECT_SCHEMA, conform
from pipelines.ingest.tables import sha256_of
from pipelines.ingest.text.extract import open_document
from pipelines.ingest.text.furniture import parse_date
from pipelines.ingest.text.prose import ProseLine, body_lines, join_lines, prose_pages, vocabulary
from pipelines.ingest.upr_positions import Block, position_for, positions
from pipelines.reference.countries import resolve_country

FAMILY = "upr_reports"

DOCUMENT_TYPE = "upr_report"
TABLE = "upr_recommendations"
# The parser writes the raw table's rows (one schema, raw_schemas.py): the family
# (`upr_family.py`) only stamps the reporting year it was filed under and the file's path.
UPR_RECOMMENDATION_SCHEMA = DOCUMENT_SCHEMAS[TABLE]

# Cycle start dates (HRC resolutions 5/1 and 16/21: four and a half years a cycle; the third
# cycle ran from May 2017, the fourth from November 2022).
_CYCLES = (
    (dt.date(2008, 1, 1), 1),
    (dt.date(2012, 1, 1), 2),
    (dt.date(2017, 1, 1), 3),
    (dt.date(2022, 11, 1), 4),
)

_SYMBOL = re.compile(r"\bA/HRC/(\d{1,2})/(\d{1,3})(?:/Add\.\d+)?")
_TITLE = re.compile(r"report\s+of\s+the\s+working\s+group\s+on\s+the\s+universal\s+periodic\s+review", re.I)
_REVIEW = re.compile(
    r"review\s+of\s+(?:the\s+)?(.{2,80}?)\s+was\s+held\s+at\s+the\s+.{1,20}?meeting,?\s+on\s+(\d{1,2}\s+\w+\s+\d{4})",
    re.I | re.S,
)
_SECTION = re.compile(r"^(?:II|2)\.?\s+(?:conclusions?|recommendations?)\b", re.I)
_CONTENTS = re.compile(r"\.{4,}|\s\d+\s*[-–]\s*\d+\s+\d+\s*$")
# Section III (first-cycle "VOLUNTARY PLEDGES AND COMMITMENTS") ends section II; a 2008 item
# "3. Recommended that..." must not, so the numeral is Roman only and case-sensitive.
_NEXT_SECTION = re.compile(r"^III\.\s+[A-Z]")
_END = re.compile(r"^(?:annex(?:es)?\b|all\s+conclusions\s+and/or\s+recommendations)", re.I)
_SUB_ITEM = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(\S.*)$")
_PARAGRAPH = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_BARE_ITEM = re.compile(r"^(\d{1,3})\s+([A-Z][a-z].*)$")
_STATE_MARKS = re.compile(r"[\s*∗†‡\d]+$")


class UprFormatError(ValueError):
    """A report whose structure the parser cannot find: names the file and what is missing."""


@dataclass
class UprMetadata:
    """What a report says about itself; `problem` names why no rows came out, if none did."""

    source_file: str
    sha256: str
    page_count: int = 0
    symbol: str | None = None
    session: int | None = None
    document_date: dt.date | None = None
    state_as_written: str | None = None
    state_iso3: str | None = None
    review_date: dt.date | None = None
    review_year: int | None = None
    cycle: int | None = None
    pages_read: int = 0
    problem: str | None = None


def resolve_state(name: str) -> str | None:
    """ISO3 of a State as a UPR report writes it, or None."""
    # Former and informal names UPR reports print ("Libyan Arab Jamahiriya", "DRC") are rows
    # of the country alias seed, like every other alias.
    match = resolve_country(name)
    return match.iso3 if match.ok else None


def cycle_of(review: dt.date) -> int:
    """UPR cycle of a review held on `review`."""
    cycle = 1
    for start, number in _CYCLES:
        if review >= start:
            cycle = number
    return cycle


def parse_upr_report(path: Path) -> tuple[pl.DataFrame, pl.DataFrame, UprMetadata]:
    """Rows of `raw.upr_recommendations`, rejects (REJECT_SCHEMA) and the report's metadata.

    A report whose section II or metadata cannot be found gives no rows and one file-level
    reject naming what is missing (metadata.problem says the same). Raises
    UnreadableSourceError only for a file that is not a readable PDF.
    """
    path = Path(path)
    meta = UprMetadata(source_file=path.name, sha256=sha256_of(path))
    try:
        section = _read(path, meta)
        blocks = _blocks(section)
        if not any(block.kind == "item" for block in blocks):
            raise UprFormatError(f"{path.name}: no numbered recommendations in section II")
    except UprFormatError as exc:
        meta.problem = str(exc)
        reject = _reject(meta, None, None, "upr_report_structure", str(exc), {"file": path.name})
        return _frame([]), conform(pl.DataFrame([reject]), REJECT_SCHEMA), meta
    words = vocabulary(section)
    rows, rejects = _rows(blocks, meta, words)
    if not rows:
        rules = sorted({str(reject["rule"]) for reject in rejects})
        meta.problem = f"{path.name}: no recommendation rows; {len(rejects)} rejected ({', '.join(rules)})"
    return _frame(rows), conform(pl.DataFrame(rejects, schema=list(REJECT_SCHEMA)), REJECT_SCHEMA), meta


def _frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    if not rows:
        return pl.DataFrame(schema=UPR_RECOMMENDATION_SCHEMA)
    frame = pl.DataFrame(rows, schema=UPR_RECOMMENDATION_SCHEMA, orient="row")
    # The n-th row of the report (1-based), in the order read.
    return frame.with_columns(source_row=pl.int_range(1, pl.len() + 1, dtype=pl.Int64()))


# --------------------------------------------------------------------------- reading


def _read(path: Path, meta: UprMetadata) -> list[ProseLine]:
    """Metadata from the first pages, then section II read from the last page backwards (the
    PDF opened once; a page both reads reach is read once)."""
    with open_document(path) as document:
        meta.page_count = len(document)
        texts: dict[int, str] = {}
        front: list[str] = []
        for number, raw in prose_pages(document, path, range(1, min(meta.page_count, 4) + 1)):
            texts[number] = raw
            front.append(raw)
            meta.pages_read += 1
            if number >= 2 and _REVIEW.search(" ".join(" ".join(front).split())):
                break
        _metadata(front, meta)
        pages: list[list[ProseLine]] = []
        for number in range(meta.page_count, 0, -1):
            raw = texts.get(number)
            if raw is None:
                raw = next(prose_pages(document, path, (number,)))[1]
            meta.pages_read += 1
            lines = body_lines(number, raw)
            pages.append(lines)
            start = _section_start(lines)
            if start is not None:
                pages[-1] = lines[start:]
                break
        else:
            raise UprFormatError(f"{path.name}: no section II 'Conclusions and/or recommendations' heading")
    section: list[ProseLine] = []
    for lines in reversed(pages):
        for line in lines:
            if section and (_END.match(line.text) or _NEXT_SECTION.match(line.text)):
                return section
            section.append(line)
    return section


def _section_start(lines: Sequence[ProseLine]) -> int | None:
    for index, line in enumerate(lines):
        if _SECTION.match(line.text) and not _CONTENTS.search(line.text):
            return index + 1
    return None


def _metadata(front: Sequence[str], meta: UprMetadata) -> None:
    first = front[0] if front else ""
    if symbol := _SYMBOL.search(first):
        meta.symbol, meta.session = symbol.group(0), int(symbol.group(1))
    for line in first.splitlines():
        if (date := parse_date(line)) is not None:
            meta.document_date = date
            break
    lines = [line.strip() for line in first.replace("\ufffe", "-").splitlines() if line.strip()]
    for index in range(len(lines)):
        if _TITLE.search(" ".join(lines[max(index - 1, 0) : index + 1])) and index + 1 < len(lines):
            meta.state_as_written = _STATE_MARKS.sub("", lines[index + 1]).strip() or None
            break
    text = " ".join(" ".join(front).replace("\ufffe", "-").split())
    if review := _REVIEW.search(text):
        meta.review_date = parse_date(review.group(2))
        if meta.state_as_written is None:
            meta.state_as_written = review.group(1)
    if meta.state_as_written:
        # "China (including Hong Kong, China and Macao, China)": the qualifier is not the name.
        meta.state_iso3 = resolve_state(meta.state_as_written) or resolve_state(
            re.sub(r"\s*\(.*$", "", meta.state_as_written)
        )
    when = meta.review_date or meta.document_date
    if when is not None:
        meta.review_year, meta.cycle = when.year, cycle_of(when)
    missing = [name for name in ("symbol", "state_iso3", "review_year") if getattr(meta, name) is None]
    if missing:
        raise UprFormatError(f"{meta.source_file}: first pages lack {', '.join(missing)}")


# --------------------------------------------------------------------------- structure


def _blocks(section: Sequence[ProseLine]) -> list[Block]:
    """Section II's lines -> numbered blocks. A paragraph number must follow the previous
    paragraph's (a wrapped line may start with a number); a 2008-style item `k.` must follow
    item k-1 under the current paragraph."""
    blocks: list[Block] = []
    paragraph: Block | None = None
    last_item = 0
    for line in section:
        text = line.text
        sub = _SUB_ITEM.match(text)
        if sub and _is_sub_item(sub.group(1), paragraph, blocks):
            blocks.append(Block(sub.group(1), "item", line.page, [ProseLine(line.page, sub.group(2))]))
            blocks[-1].parent = paragraph.number if paragraph else None
            continue
        top = _PARAGRAPH.match(text)
        if top is None and paragraph is not None and last_item:
            # An item printed without its dot ("73 Take appropriate measures", albania2010)
            # counts only as the very next item of a running list.
            bare = _BARE_ITEM.match(text)
            top = bare if bare and int(bare.group(1)) == last_item + 1 else None
        if top:
            number = int(top.group(1))
            # The next item, or the one after when a misprint hid one.
            follows = last_item < number <= last_item + 2
            if paragraph is not None and follows and _lists_items(paragraph, blocks):
                last_item = number
                cited = f"{paragraph.number}.{number}"
                blocks.append(
                    Block(cited, "item", line.page, [ProseLine(line.page, top.group(2))], paragraph.number)
                )
                continue
            if paragraph is None or int(paragraph.number) < number <= int(paragraph.number) + 3:
                paragraph = Block(top.group(1), "paragraph", line.page, [ProseLine(line.page, top.group(2))])
                blocks.append(paragraph)
                last_item = 0
                continue
        if blocks:
            blocks[-1].lines.append(line)
    return blocks


def _is_sub_item(number: str, paragraph: Block | None, blocks: Sequence[Block]) -> bool:
    """Whether `number` (`129.12`) opens a recommendation under `paragraph`: its first part is
    the paragraph's, give or take a misprint (`128.12` under 129), or it is the next number of
    the running list whatever its first part (`120.111` after `129.110`, bangladesh2013)."""
    if paragraph is None:
        return True
    head, _, rest = number.partition(".")
    if abs(int(head) - int(paragraph.number)) <= 2:
        return True
    previous = blocks[-1].number.split(".") if blocks and blocks[-1].kind == "item" else []
    return len(previous) == 2 and rest.isdigit() and int(rest) == int(previous[1]) + 1


def _lists_items(paragraph: Block, blocks: Sequence[Block]) -> bool:
    """Whether `paragraph` introduces 2008-style items: it speaks of recommendations or ends
    with a colon, or items under it have begun."""
    if blocks and blocks[-1].kind == "item" and blocks[-1].parent == paragraph.number:
        return blocks[-1].number.count(".") == 1
    text = " ".join(line.text for line in paragraph.lines)
    return text.rstrip().endswith(":") or "recommendation" in text.casefold()


# --------------------------------------------------------------------------- rows


def _rows(
    blocks: Sequence[Block], meta: UprMetadata, words: frozenset[str]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    by_paragraph = positions(blocks, words)
    rows: list[dict[str, object]] = []
    rejects: list[dict[str, object]] = []
    items = [block for block in blocks if block.kind == "item"]
    for index, item in enumerate(items):
        text = join_lines(item.lines, words)
        if not _paren_groups(text):
            following = items[index + 1].number if index + 1 < len(items) else ""
            if following.startswith(item.number + "."):
                continue  # a heading over sub-items (129.1 over 129.1.1), not a recommendation
            reason = f"recommendation {item.number} names no recommending State in parentheses"
            rejects.append(_reject(meta, item, index, "upr_no_recommending_state", reason, {"text": text}))
            continue
        position = position_for(item, by_paragraph)
        if position is None:
            reason = f"recommendation {item.number}: paragraph {item.parent} states no position"
            rejects.append(_reject(meta, item, index, "upr_position_unknown", reason, {"text": text}))
            continue
        part = 0
        for segment in _segments(text):
            # A State named in several groups of one recommendation ("Sign (Germany, Spain)
            # and ratify (Germany, Spain, Maldives) the Convention") recommended it once.
            seen: set[str] = set()
            for names in _states(_paren_groups(segment)):
                part += 1
                for name, iso3 in names:
                    if (iso3 or name) in seen:
                        continue
                    seen.add(iso3 or name)
                    if iso3 is None:
                        reason = f"recommendation {item.number}: unknown recommending State {name!r}"
                        raw = {"paragraph": item.number, "state": name}
                        rejects.append(_reject(meta, item, index, "upr_state_unresolved", reason, raw))
                        continue
                    rows.append(_row(meta, item, part, segment, name, iso3, position))
    return rows, rejects


def _segments(text: str) -> list[str]:
    """The recommendations of one printed paragraph. The first-cycle reports print several
    recommendations in one numbered item, each closed by its States and a semicolon:
    `... for everyone (Burkina Faso); take all necessary measures ... (Ireland);`. A cut falls
    after a parenthesized group naming only States that a semicolon follows and more text with
    its own group of States; a comma (`Ratify (Slovakia), or consider ratifying (Costa Rica)
    the Rome Statute`) does not cut. The text of each ends at its closing parenthesis."""
    segments: list[str] = []
    begin = 0
    for _, end, inside in _paren_groups(text):
        rest = text[end:]
        if not re.match(r"\s*;\s*\S", rest) or not _paren_groups(rest):
            continue
        if all(resolve_state(name) for name in _names(inside)):
            segments.append(text[begin:end].strip())
            begin = end + rest.index(";") + 1
    last = text[begin:]
    groups = _paren_groups(last)
    segments.append(_recommendation_text(last, groups[-1][1]) if groups else last.strip())
    return [segment for segment in segments if segment]


def _row(
    meta: UprMetadata, item: Block, part: int, text: str, name: str, iso3: str, position: str
) -> dict[str, object]:
    return {
        "reporting_year": meta.review_year,
        "document_type": DOCUMENT_TYPE,
        "document_symbol": meta.symbol,
        # A Working Group report is adopted and issued once; its figures are final.
        "figure_status": "final",
        "as_of": meta.document_date,
        "session": meta.session,
        "state_under_review_as_written": meta.state_as_written,
        "state_under_review_iso3": meta.state_iso3,
        "review_date": meta.review_date,
        "review_year": meta.review_year,
        "cycle": meta.cycle,
        "introducing_paragraph": item.parent,
        "paragraph": item.number,
        "part": part,
        "text": text,
        "recommending_state_as_written": name,
        "recommending_iso3": iso3,
        "position": position,
        "source_file": meta.source_file,
        "source_sha256": meta.sha256,
        "source_page": item.page,
        "source_sheet": None,
        "source_table": "recommendations",
        "source_row": None,  # numbered by _frame
    }


def _recommendation_text(text: str, end: int) -> str:
    """The recommendation up to its closing parenthesis and punctuation: a section heading
    printed between two recommendations is not part of either."""
    tail = text[end:]
    cut = re.match(r"^[\s;.,]*", tail)
    return (text[:end] + (cut.group(0).strip() if cut else "")).strip()


def _paren_groups(text: str) -> list[tuple[int, int, str]]:
    """Top-level parenthesized groups (start, end, inside); nested parentheses stay inside
    (`(Iran (Islamic Republic of), Cuba)`)."""
    groups: list[tuple[int, int, str]] = []
    depth, start = 0, 0
    # Only the parentheses are visited (a loop over every character costs as much as PDFium).
    for match in _PARENS.finditer(text):
        index = match.start()
        if match.group() == "(":
            if depth == 0:
                start = index
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((start, index + 1, text[start + 1 : index]))
    return groups


_PARENS = re.compile(r"[()]")


def _states(groups: Sequence[tuple[int, int, str]]) -> list[list[tuple[str, str | None]]]:
    """The groups of recommending States of one recommendation, each as (name as written,
    ISO3 or None). The final group names them by definition (an unknown name there is a
    reject); an earlier group counts only when every name in it resolves (`(OP-CAT)`, `(CRC)`
    are not States). Each group is one part: in `violence against women (Indonesia, Sweden),
    domestic violence (Algeria)` different States recommended different things."""
    out: list[list[tuple[str, str | None]]] = []
    for number, (_, _, inside) in enumerate(groups):
        final = number == len(groups) - 1
        resolved = [(name, resolve_state(name)) for name in _names(inside)]
        if not final and (not resolved or any(iso3 is None for _, iso3 in resolved)):
            continue
        unique = {iso3 or name: (name, iso3) for name, iso3 in resolved}
        if unique:
            out.append(list(unique.values()))
    return out


def _names(inside: str) -> list[str]:
    """State names of one group: split on commas and semicolons outside nested parentheses,
    then on " and " only where the whole part is not itself a name (Bosnia and Herzegovina)."""
    parts, depth, current = [], 0, ""
    for char in inside:
        depth += char == "("
        depth -= char == ")"
        if char in ",;/" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    names: list[str] = []
    for part in parts:
        part = _clean_name(part)
        if not part:
            continue
        if resolve_state(part) is None and re.search(r"\s(?:and|&)\s", part):
            names.extend(n for n in (_clean_name(p) for p in re.split(r"\s(?:and|&)\s", part)) if n)
        else:
            names.append(part)
    return names


def _clean_name(part: str) -> str:
    part = " ".join(part.split()).strip(" .:")
    part = re.sub(r"^(?:and|&)\s+", "", part)
    return _STATE_MARKS.sub("", part) if not part.endswith(")") else part


def _reject(
    meta: UprMetadata, item: Block | None, index: int | None, rule: str, reason: str, raw: dict[str, object]
) -> dict[str, object]:
    return {
        "source_family": FAMILY,
        "reporting_year": meta.review_year,
        "source_file": meta.source_file,
        "source_sha256": meta.sha256,
        "source_sheet": None,
        "source_page": item.page if item else None,
        "source_table": "recommendations",
        "source_row": index,
        "rule": rule,
        "reason": f"{meta.source_file}: {reason}",
        "raw_values": json.dumps(raw, ensure_ascii=False),
    }
