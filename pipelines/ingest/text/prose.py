"""Running text as real UN PDFs give it: the characters normalized, page furniture removed,
lines joined into prose with hyphenation decided by the words of the document itself.

PDFium returns what the PDF encodes, and real UN documents encode oddities a parser must not
see: the hyphen of some fonts comes back as U+FFFE (`Guinea\\ufffeBissau`, 201 of the 208 real
UPR reports), soft hyphens (U+00AD) and non-breaking hyphens (U+2011) stand where a hyphen is
printed, thousand separators are NBSP or thin spaces, footnote marks are `*`, `∗` (U+2217) or
superscript digits, and every page repeats the document symbol (`A/HRC/21/13`), the job number
(`GE.12-14978`) and a page number. This module is the one place that knows it.

Prose extraction reads `PdfTextPage.get_text_range` (one call a page, no geometry), which keeps
it well above 200 pages/s; the cell-level reader for tables is `extract.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.ingest.text.extract import open_document, text_pages

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# Characters a font maps to "no character" or a special hyphen, and the spaces used as thousand
# separators: all printed as a plain hyphen or space.
_CHAR_MAP = str.maketrans(
    {
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",  # hyphen
        "\u00a0": " ",  # no-break space
        "\u2009": " ",  # thin space (thousand separator)
        "\u202f": " ",  # narrow no-break space (thousand separator)
        "\u2007": " ",  # figure space
        "\u2217": "*",  # asterisk operator, used as a footnote mark
        "\ufeff": "",
        "\u200b": "",
    }
)
_SOFT_HYPHEN = "\u00ad"
# PDFium returns a hyphen that ends a visual line as U+FFFE (201 of the 208 real UPR reports,
# the 2020 OHCHR report): a typesetter's break (`partic\ufffe` + `ipants`) or a compound's own
# hyphen (`Guinea\ufffeBissau`, `ill\ufffetreatment`). It is kept as a marker until the line
# is joined (`join_lines` decides), then printed as "-".
LINE_END_HYPHEN = "\ufffe"

# Page furniture of UN documents: symbol (A/HRC/21/13, A/HRC/WG.6/2/L.5, E/CN.4/2005/1/Add.1),
# job number (GE.12-14978, GE.19-01520(E), 08-12345 (E)), page numbers ("Page 15", "3"), the
# "Please recycle" mark. A line made only of these is furniture, whatever it combines.
_SYMBOL = r"(?:A|E|S|CRC|CEDAW|CCPR|CAT)/(?:[A-Z0-9.]+/)*[A-Z0-9.]+(?:/(?:Add|Corr|Rev)\.\d+)*"
_JOB = r"(?:GE\.)?\d{2}-\d{5}\s*(?:\([A-Z]\))?"
_PAGE = r"(?:Page\s+)?\d{1,3}"
_FURNITURE = re.compile(rf"^\s*(?:(?:{_SYMBOL}|{_JOB}|{_PAGE}|\*\d+\*|Please\s+recycle)\s*)+$", re.IGNORECASE)
_JOB_ONLY = re.compile(rf"^\s*{_JOB}\s*$")
_FOOTNOTE_RULE = re.compile(r"^\s*_{5,}\s*$")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:\*{1,4}|†|‡)\s*\S")
# Prefixes that keep their hyphen at a line end (`non-` + `discrimination`): English compounds
# are written with the hyphen even when a line breaks after it.
_HYPHEN_PREFIXES = frozenset(
    {"non", "anti", "ex", "inter", "intra", "co", "re", "pre", "post", "self", "multi", "cross"}
    | {"ill", "semi", "sub", "counter", "pro", "quasi", "neo", "socio", "macro", "micro"}
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HYPHENATED = re.compile(r"[^\W\d_]+-[^\W\d_]+", re.UNICODE)
# The pieces around a U+FFFE are fragments (`partic`, `ipants`), not words of the document.
_BROKEN = re.compile(r"[^\W\d_]*\ufffe\s*[^\W\d_]*", re.UNICODE)
_MID_LINE_BREAK = re.compile(r"([^\W\d_]+)\ufffe(\s*)(?=(\S))", re.UNICODE)
_TRAILING_WORD = re.compile(r"([^\W\d_]+)[-\ufffe]$")
_LEADING_WORD = re.compile(r"^([^\W\d_]+|\d)")


def normalize_chars(text: str) -> str:
    """Special hyphens and spaces as printed (a hyphen, a space); soft hyphens inside a line
    are invisible in print and dropped, at a line end they are a hyphenation point ("-")."""
    if _SOFT_HYPHEN in text:
        text = re.sub(r"\u00ad\s*$", "-", text, flags=re.MULTILINE).replace(_SOFT_HYPHEN, "")
    return text.translate(_CHAR_MAP)


def is_furniture(line: str) -> bool:
    """Whether a line is page furniture only: document symbol, job number, page number."""
    return bool(_FURNITURE.match(line)) if line.strip() else True


@dataclass(frozen=True, slots=True)
class ProseLine:
    """One line of running text; `page` is 1-based."""

    page: int
    text: str


def body_lines(page: int, raw: str) -> list[ProseLine]:
    """The lines of one page's text, characters normalized, furniture and footnotes removed.

    Furniture is removed wherever it stands, not only at a page's edges: PDFium returns text in
    content-stream order and UN documents draw the footer (job number) before the body. A line
    of underscores opens the footnote area: everything after it on the page is footnotes
    (UN documents set footnotes below such a rule), and so is a line opening with `*`.
    """
    lines: list[ProseLine] = []
    in_footnotes = False
    for text in normalize_chars(raw).splitlines():
        text = text.rstrip()
        if _FOOTNOTE_RULE.match(text):
            in_footnotes = True
            continue
        if in_footnotes and not _JOB_ONLY.match(text):
            continue
        if is_furniture(text) or _FOOTNOTE_LINE.match(text):
            continue
        lines.append(ProseLine(page, text.strip()))
    return lines


def vocabulary(lines: Iterable[ProseLine]) -> frozenset[str]:
    """The words of a document, lower case, and its hyphenated words (`follow-up`): what
    tells `implemen-`+`tation` (joined: the document writes `implementation` elsewhere) from
    `awareness-`+`raising` (kept: both are words of the document)."""
    words: set[str] = set()
    for line in lines:
        text = _BROKEN.sub(" ", line.text) if LINE_END_HYPHEN in line.text else line.text
        words.update(word.casefold() for word in _WORD.findall(text))
        if "-" in text:
            words.update(word.casefold() for word in _HYPHENATED.findall(text))
    return frozenset(words)


def join_lines(lines: Sequence[ProseLine], words: frozenset[str] = frozenset()) -> str:
    """Lines -> one paragraph of prose, each hyphen at a line end joined or kept as the word
    needs (`_keeps_hyphen`); PDFium's U+FFFE comes out as "-" or nothing."""
    out = ""
    for line in lines:
        text = line.text
        if not out:
            out = text
        elif out.endswith(("-", LINE_END_HYPHEN)) and not out.endswith(" -"):
            out = (out if _keeps_hyphen(out, text, words) else out[:-1]) + text
        else:
            out = f"{out} {text}"
    if LINE_END_HYPHEN in out:
        # PDFium sometimes joins the two visual lines itself and leaves the U+FFFE mid-line.
        out = _MID_LINE_BREAK.sub(lambda m: _mid_line(m, words), out).replace(LINE_END_HYPHEN, "-")
    return out


def _mid_line(match: re.Match[str], words: frozenset[str]) -> str:
    first, after = match.group(1), match.string[match.end() :]
    return f"{first}-" if _keeps_hyphen(first + LINE_END_HYPHEN, after, words) else first


def _keeps_hyphen(before: str, after: str, words: frozenset[str]) -> bool:
    """Whether a hyphen ending a line (`before`) stays when `after` is joined to it.

    Kept: before a capital or a digit (`Guinea-Bissau`, `COVID-19`, `OP-CAT`), when the
    document writes the hyphenated word, after a prefix English hyphenates (`non-`, `ill-`),
    and when both parts are words of the document (`awareness-raising`, `mandate-holders`).
    Joined: when the document writes the joined word (`implementation`). Otherwise a plain
    hyphen stays (UN documents rarely break words) and a U+FFFE, PDFium's mark of a
    typesetter's break, goes (`partic` + `ipants`)."""
    left = _TRAILING_WORD.search(before)
    right = _LEADING_WORD.match(after.lstrip())
    if not left or not right:
        return True
    first, second = left.group(1), right.group(1)
    lower_first, lower_second = first.casefold(), second.casefold()
    if not second[0].islower() or f"{lower_first}-{lower_second}" in words:
        return True
    if lower_first + lower_second in words:
        return False
    if lower_first in _HYPHEN_PREFIXES or (lower_first in words and lower_second in words):
        return True
    return not before.endswith(LINE_END_HYPHEN)


def read_prose(path: Path, pages: Iterable[int] | None = None) -> Iterator[tuple[int, str]]:
    """(page number, raw page text) for `pages` (1-based; negative counts from the end, as a
    Python index) or every page, in the order asked. Raises UnreadableSourceError for a file
    that is not a readable PDF."""
    with open_document(path) as document:
        yield from prose_pages(document, path, pages)


def prose_pages(
    document: pdfium.PdfDocument, path: Path, pages: Iterable[int] | None = None
) -> Iterator[tuple[int, str]]:
    """`read_prose` over a document already open (a parser that reads the front and then the
    back of a report opens it once)."""
    for number, _, textpage in text_pages(document, path, pages):
        yield number, textpage.get_text_range()


def page_count(path: Path) -> int:
    """Pages of a PDF, without reading their text."""
    with open_document(path) as document:
        return len(document)
