"""Sample reports of the Working Group on the Universal Periodic Review (`sources/upr_reports/`).

The reports imitate the real layout (docs/upr_reports.md): the symbol `A/HRC/<session>/<n>` at
the top and the job number `GE.yy-nnnnn` at the foot of every page, the distribution block on
page 1, the title "Report of the Working Group on the Universal Periodic Review" over the State,
paragraph 1 saying when the review was held, a summary of the dialogue, then section II,
"Conclusions and/or recommendations", whose paragraphs introduce the lists and give the State's
position, the recommendations as numbered sub-paragraphs ending with the recommending States in
parentheses, running over lines (hyphenated at line ends) and pages.

Each sample State under review (`REVIEWED_STATES`) has one review per cycle from the second
(2012) on: `SAMPLE_REVIEWS`. The request-log generator (`samples/request_logs.py`) cites, for a
request, recommendations of the State's latest review before the request (`review_before`):
paragraph numbers `<head>.<n>` with n up to `MAX_CITED`, so every report lists at least that
many recommendations under its head paragraph, which the State supports. A request received
before the State's first sample review cites nothing (the first-cycle reports of 2008-2011 fall
before the first reporting year, 2012).

`write_upr_reports(out)` writes the PDFs and `manifest.json` with the expected rows and counts.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from samples.documents.pdf import FONT, FONT_BOLD, _register_fonts
from samples.upr_reviews import MAX_CITED, SAMPLE_REVIEWS, Review, stable_hash

GENERATOR: Final = {"module": "samples.upr_reports", "version": "1.0.0"}
FAMILY: Final = "upr_reports"

_RECOMMENDING: Final = (
    "Slovakia",
    "Spain",
    "Brazil",
    "Norway",
    "Ghana",
    "Indonesia",
    "Mexico",
    "Chile",
    "Holy See",
    "State of Palestine",
    "United Kingdom of Great Britain and Northern Ireland",
    "Bolivarian Republic of Venezuela",
    "Iran (Islamic Republic of)",
    "Bosnia and Herzegovina",
    "Republic of Korea",
    "Sierra Leone",
    "Portugal",
    "Philippines",
    "Tunisia",
    "Uruguay",
    "New Zealand",
    "Thailand",
    "Botswana",
    "Czechia",
    "Argentina",
    "Morocco",
    "Senegal",
)

# Recommendation texts by the thematic area a reader would give them (the warehouse's own
# seeded rules classify them; the manifest does not say what they should find).
_TEXTS: Final = (
    "Ratify the Optional Protocol to the Convention against Torture and establish a national "
    "preventive mechanism",
    "Bring the national human rights institution into full compliance with the Paris Principles",
    "Strengthen measures to combat domestic violence and ensure that perpetrators are prosecuted",
    "Adopt comprehensive anti-discrimination legislation covering all grounds, including disability",
    "Guarantee the safety of journalists and human rights defenders and investigate all attacks against them",
    "Continue its efforts to improve access to health care and safe drinking water in rural areas",
    "Ensure the independence of the judiciary and reduce the length of pretrial detention",
    "Submit its overdue reports to the treaty bodies and extend a standing invitation to the "
    "special procedures",
    "Protect the rights of migrants, refugees and asylum seekers, in particular unaccompanied children",
    "Establish a truth commission and provide reparation to the victims of enforced disappearance",
    "Develop a national action plan on business and human rights",
    "Integrate human rights education into the school curricula and the training of teachers",
    "Continue its efforts to consolidate institutional frameworks and public policies in the "
    "country's development strategy",
)
_OPENINGS: Final = (
    "",
    "",
    "Continue to ",
    "Take further steps to ",
    "Redouble its efforts to ",
    "Consider measures to ",
    "Step up efforts to ",
)
# Endings that call for technical assistance, in the wordings the real reports use.
_ASSISTANCE: Final = (
    ", with the technical assistance of the Office of the United Nations High Commissioner for Human Rights",
    ", and seek the support of the international community to that end",
    ", including through capacity-building programmes for the officials concerned",
    ", in cooperation with OHCHR and other relevant United Nations agencies",
)

_ORDINALS: Final = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
)


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class Recommendation:
    paragraph: str
    text: str
    states: tuple[str, ...]
    position: str


def _recommendations(review: Review) -> list[tuple[int, str, list[Recommendation]]]:
    """Section II's lists: (paragraph, position, recommendations). The head paragraph lists the
    supported ones (at least MAX_CITED); then those the State will examine, then the noted."""
    rng = random.Random(stable_hash("upr", review.iso3, review.cycle))
    sizes = [
        ("supported", MAX_CITED + rng.randint(0, 14)),
        ("pending", rng.randint(6, 18)),
        ("noted", rng.randint(4, 12)),
    ]
    if _first_cycle_wording(review):
        sizes.insert(1, ("already_implemented", rng.randint(5, 12)))
    lists = []
    for offset, (position, size) in enumerate(sizes):
        paragraph = review.head + offset
        items = []
        for n in range(1, size + 1):
            # Openings vary as in the real reports, so a long word does not always fall at
            # the same line end.
            text = rng.choice(_TEXTS)
            opening = rng.choice(_OPENINGS)
            if opening:
                text = opening + text[0].lower() + text[1:]
            if rng.random() < 0.22:
                text += rng.choice(_ASSISTANCE)
            states = tuple(rng.sample(_RECOMMENDING, 1 + (rng.random() < 0.3) + (rng.random() < 0.1)))
            items.append(Recommendation(f"{paragraph}.{n}", text, states, position))
        lists.append((paragraph, position, items))
    return lists


def _first_cycle_wording(review: Review) -> bool:
    """The first session of the second cycle kept the first cycle's wordings (and its list of
    recommendations "already implemented or in the process of implementation")."""
    return review.upr_session == 13


def _introduction(review: Review, position: str, cycle: int) -> str:
    """The paragraph introducing a list, in the wording of the review's cycle."""
    state = review.state_name
    if _first_cycle_wording(review):
        return {
            "supported": f"The recommendations formulated during the interactive dialogue have been "
            f"examined by {state} and the recommendations listed below enjoy the support of {state}:",
            "already_implemented": f"The following recommendations are considered by {state} as "
            "already implemented or in the process of implementation:",
            "pending": f"The following recommendations will be examined by {state}, which will provide "
            f"responses in due time. The response of {state} to these recommendations will be "
            "included in the outcome report adopted by the Human Rights Council:",
            "noted": f"The following recommendations did not enjoy the support of {state}:",
        }[position]
    return {
        "supported": f"The following recommendations have been examined by {state} and enjoy the "
        f"support of {state}:",
        "pending": f"{state} will examine the following recommendations and provide responses in "
        f"due time, but no later than the {_ORDINALS[(review.hrc_session + 1) % 14]} session of "
        "the Human Rights Council:",
        "noted": f"The following recommendations did not enjoy the support of {state} and would "
        "thus be noted:",
    }[position]


# --------------------------------------------------------------------------- rendering

_W, _H = A4
_LEFT, _RIGHT, _TOP, _BOTTOM = 72.0, _W - 72.0, _H - 80.0, 90.0
_SIZE, _LEADING = 10.0, 12.0


class _Writer:
    """Lines on pages with the report's furniture: symbol at the top, job number and page
    number at the foot of every page. Words too long for the rest of a line are hyphenated."""

    def __init__(self, path: Path, review: Review) -> None:
        self.canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        self.canvas.setTitle(
            f"Report of the Working Group on the Universal Periodic Review: {review.state_name}"
        )
        self.review = review
        self.job = f"GE.{review.document_date:%y}-{10000 + stable_hash(review.symbol) % 89999:05d}"
        self.page = 0
        self.y = _TOP
        self._furniture()

    def _furniture(self) -> None:
        self.page += 1
        c = self.canvas
        c.setFont(FONT_BOLD, 10)
        right = self.page % 2 == 1
        if right:
            c.drawRightString(_RIGHT, _H - 50, self.review.symbol)
        else:
            c.drawString(_LEFT, _H - 50, self.review.symbol)
        c.setFont(FONT, 8)
        c.drawString(_LEFT, 50, self.job)
        c.drawRightString(_RIGHT, 50, str(self.page))
        self.y = _TOP

    def new_page(self) -> None:
        self.canvas.showPage()
        self._furniture()

    def line(self, text: str, x: float = _LEFT, font: str = FONT, size: float = _SIZE) -> None:
        if self.y < _BOTTOM:
            self.new_page()
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, self.y, text)
        self.y -= _LEADING

    def gap(self, lines: float = 0.6) -> None:
        self.y -= _LEADING * lines

    def paragraph(self, label: str, text: str, x: float, indent: float, font: str = FONT) -> None:
        """A numbered paragraph: the label at `x`, the text wrapped from `x + indent`."""
        width = _RIGHT - (x + indent)
        lines = _wrap(text, width, font)
        for index, piece in enumerate(lines):
            if self.y < _BOTTOM:
                self.new_page()
            if index == 0 and label:
                self.canvas.setFont(font, _SIZE)
                self.canvas.drawString(x, self.y, label)
            self.line(piece, x + indent, font)

    def save(self) -> int:
        self.canvas.save()
        return self.page


def _wrap(text: str, width: float, font: str) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, font, _SIZE) <= width:
            current = candidate
            continue
        # Hyphenate a long word across the line end, as the UN's typesetting does: with the
        # soft hyphen (printed as a hyphen, extracted as PDFium's U+FFFE like the real reports').
        if len(word) >= 9 and "-" not in word:
            for cut in range(len(word) - 4, 3, -1):
                head = f"{current} {word[:cut]}\xad".strip()
                if stringWidth(head, font, _SIZE) <= width:
                    lines.append(head)
                    current = word[cut:]
                    break
            else:
                lines.append(current)
                current = word
            continue
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def _front(w: _Writer, review: Review) -> None:
    c = w.canvas
    c.setFont(FONT_BOLD, 14)
    c.drawString(_LEFT, _H - 90, "United Nations")
    c.setFont(FONT, 10)
    w.y = _H - 120
    w.line("General Assembly", font=FONT_BOLD, size=12)
    w.gap()
    for text in (
        "Distr.: General",
        f"{review.document_date.day} {review.document_date:%B %Y}",
        "",
        "Original: English",
    ):
        w.line(text, x=_RIGHT - 130)
    w.gap()
    w.line("Human Rights Council", font=FONT_BOLD)
    w.line(f"{_session_words(review.hrc_session)} session")
    w.line("Agenda item 6")
    w.line("Universal Periodic Review")
    w.gap()
    w.line("Report of the Working Group on the Universal Periodic Review*", font=FONT_BOLD, size=14)
    w.line(review.state_name, font=FONT_BOLD, size=14)
    w.gap(2)
    w.line("* The annex to the present report is circulated as received.", size=8)
    w.new_page()


_UNITS: Final = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TENS: Final = {20: "Twenty", 30: "Thirty", 40: "Forty", 50: "Fifty"}


def _session_words(n: int) -> str:
    tens, unit = (n // 10) * 10, n % 10
    if unit == 0:
        return {20: "Twentieth", 30: "Thirtieth", 40: "Fortieth", 50: "Fiftieth"}[tens]
    return f"{_TENS[tens]}-{_UNITS[unit]}"


def _introduction_section(w: _Writer, review: Review) -> None:
    w.line("Introduction", font=FONT_BOLD)
    w.gap()
    date = f"{review.review_date.day} {review.review_date:%B %Y}"
    w.paragraph(
        "1.",
        f"The Working Group on the Universal Periodic Review, established in accordance with Human "
        f"Rights Council resolution 5/1, held its {_session_ordinal(review.upr_session)} session in "
        f"{review.review_date:%B %Y}. The review of {review.state_name} was held at the "
        f"{1 + review.number % 17}th meeting on {date}. The delegation of {review.state_name} was "
        "headed by its Minister of Justice.",
        _LEFT,
        28,
    )
    w.gap()
    w.line("I. Summary of the proceedings of the review process", font=FONT_BOLD)
    w.gap()
    rng = random.Random(stable_hash("dialogue", review.symbol))
    for number in range(2, review.head):
        speaker = rng.choice(_RECOMMENDING)
        w.paragraph(
            f"{number}.",
            f"{speaker} commended {review.state_name} for its engagement with the review and "
            "welcomed the measures taken since the previous cycle. It made recommendations.",
            _LEFT,
            28,
        )
        w.gap(0.4)


def _session_ordinal(n: int) -> str:
    words = {
        13: "thirteenth",
        14: "fourteenth",
        15: "fifteenth",
        27: "twenty-seventh",
        28: "twenty-eighth",
        29: "twenty-ninth",
        41: "forty-first",
        42: "forty-second",
        43: "forty-third",
    }
    return words[n]


def _section_two(w: _Writer, review: Review, lists: Sequence[tuple[int, str, list[Recommendation]]]) -> None:
    w.gap()
    w.line("II. Conclusions and/or recommendations", font=FONT_BOLD)
    w.gap()
    for paragraph, position, items in lists:
        w.paragraph(f"{paragraph}.", _introduction(review, position, review.cycle), _LEFT, 28)
        w.gap(0.4)
        for index, item in enumerate(items):
            end = "." if index == len(items) - 1 else ";"
            w.paragraph(item.paragraph, f"{item.text} ({', '.join(item.states)}){end}", _LEFT + 28, 48)
        w.gap()
    closing = lists[-1][0] + 1
    w.paragraph(
        f"{closing}.",
        "All conclusions and/or recommendations contained in the present report reflect the position "
        "of the submitting State(s) and/or the State under review. They should not be construed as "
        "endorsed by the Working Group as a whole.",
        _LEFT,
        28,
    )
    w.new_page()
    w.line("Annex", font=FONT_BOLD)
    w.line("Composition of the delegation", font=FONT_BOLD)
    w.line(f"The delegation of {review.state_name} was headed by its Minister of Justice.")


def write_report(path: Path, review: Review) -> dict[str, Any]:
    """One report; returns its manifest entry (what the parser must find)."""
    _register_fonts()
    lists = _recommendations(review)
    w = _Writer(path, review)
    _front(w, review)
    _introduction_section(w, review)
    _section_two(w, review, lists)
    pages = w.save()
    items = [item for _, _, group in lists for item in group]
    by_position: dict[str, int] = {}
    for item in items:
        by_position[item.position] = by_position.get(item.position, 0) + 1
    return {
        "file": f"{FAMILY}/{path.name}",
        "symbol": review.symbol,
        "state_under_review_iso3": review.iso3,
        "review_date": review.review_date.isoformat(),
        "review_year": review.review_date.year,
        "cycle": review.cycle,
        "head_paragraph": str(review.head),
        "pages": pages,
        "recommendations": len(items),
        "rows": sum(len(item.states) for item in items),
        "by_position": dict(sorted(by_position.items())),
        "with_assistance_wording": sum(any(a in item.text for a in _ASSISTANCE) for item in items),
    }


def write_upr_reports(out: Path) -> dict[str, Any]:
    """Write every sample report and `manifest.json` under `out` (the family's folder)."""
    out.mkdir(parents=True, exist_ok=True)
    reports = [write_report(out / review.file_name, review) for review in SAMPLE_REVIEWS]
    for entry in reports:
        entry["sha256"] = hashlib.sha256((out / Path(entry["file"]).name).read_bytes()).hexdigest()
    manifest = {
        "generator": GENERATOR,
        "notes": {
            "rows": "one row per recommendation and recommending State; every recommendation is "
            "read (none is a reject)",
            "citations": "request logs cite <head_paragraph>.<n> of the State's latest review before "
            f"the request, n <= {MAX_CITED}: samples.upr_reports.review_before",
        },
        "reports": reports,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest
