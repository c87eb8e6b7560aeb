"""The State's position on each UPR recommendation, from the paragraphs of section II that
introduce the lists ("enjoy the support of", "will be examined by", "did not enjoy the
support", "already implemented or in the process of implementation") and those that name
recommendations by number. Used by `upr_reports.py`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipelines.ingest.text.prose import ProseLine, join_lines

POSITIONS = ("supported", "noted", "pending", "already_implemented")


@dataclass
class Block:
    """A numbered paragraph or recommendation of section II, its lines as printed."""

    number: str
    kind: str  # "paragraph" | "item"
    page: int
    lines: list[ProseLine] = field(default_factory=list)
    parent: str | None = None


_NOTED = re.compile(
    r"(?:did|do|does|not)\s+(?:not\s+)?enjoy|not\s+(?:been\s+)?(?:supported|accepted)|were\s+noted|"
    r"has\s+noted|took\s+note|takes\s+note|rejected|cannot\s+accept|does\s+not\s+accept|not\s+to\s+accept|"
    r"not\s+be\s+accepted|(?:have|has)\s+been\s+noted|will\s+(?:thus\s+)?be\s+noted|are\s+noted",
    re.I,
)
_IMPLEMENTED = re.compile(
    r"already\s+(?:been\s+)?implemented|in\s+the\s+process\s+of\s+(?:being\s+)?implement|"
    r"have\s+been\s+implemented\s+or\s+are\s+(?:currently\s+)?being\s+implemented",
    re.I,
)
_SUPPORTED = re.compile(
    r"enjoys?\s+(?:the|its)\s+support|(?:are|were|have\s+been)\s+(?:accepted|supported)|accepts|"
    r"agrees?\s+to\s+follow\s+up",
    re.I,
)
_PENDING = re.compile(
    r"will\s+be\s+examined|will\s+examine|will\s+(?:provide\s+)?respon|will\s+be\s+included\s+in|"
    r"will\s+consider|will\s+be\s+considered|answered\s+later|in\s+due\s+(?:time|course)",
    re.I,
)
_FOLLOWING_REFERENCE = re.compile(
    r"\b(?:these|above|foregoing|all)\s+recommendations|recommendations\s+(?:listed\s+)?above", re.I
)


def position_of(text: str) -> str | None:
    """The State's position a paragraph introducing recommendations gives them, or None."""
    if _NOTED.search(text):
        return "noted"
    if _IMPLEMENTED.search(text):
        return "already_implemented"
    if _SUPPORTED.search(text):
        return "supported"
    if _PENDING.search(text):
        return "pending"
    return None


def positions(blocks: Sequence[Block], words: frozenset[str]) -> dict[str, str | None]:
    """Position by introducing paragraph number, and by recommendation number where a
    paragraph names some recommendations of a list as already implemented.

    A paragraph that states no position (2008: "the following recommendations were made to
    Benin:") takes the position of the next paragraph when that one speaks of "these
    recommendations"; there the State's answer to come decides ("Pakistan has noted these
    recommendations for consideration and response in due time": pending, not noted).
    """
    paragraphs = [block for block in blocks if block.kind == "paragraph"]
    texts = {p.number: join_lines(p.lines, words) for p in paragraphs}
    found: dict[str, str | None] = {}
    for paragraph in paragraphs:
        text = texts[paragraph.number]
        listed = _listed_as_implemented(text)
        # "..., which considers that recommendations 1, 3 and 5 are already implemented": the
        # list's position is the rest of the sentence; the named ones are overridden below.
        found[paragraph.number] = position_of(_IMPLEMENTED.sub(" ", text) if listed else text)
    for current, following in itertools.pairwise(paragraphs):
        text = texts[following.number]
        if found[current.number] is None and _FOLLOWING_REFERENCE.search(text):
            found[current.number] = "pending" if _PENDING.search(text) else position_of(text)
    last_list: str | None = None
    for block in blocks:
        if block.kind == "item":
            last_list = block.parent
            continue
        numbers = _listed_as_implemented(texts[block.number])
        has_items = any(b.kind == "item" and b.parent == block.number for b in blocks)
        target = block.number if has_items else last_list
        for number in numbers:
            found[f"{target}#{number}"] = "already_implemented"
    return found


# "recommendations Nos. 85-119", "recommendations 56, 57, ... and 97 above", "the
# recommendations in paragraphs 77.13, 77.43": the numbers between "recommendation" and
# "already implemented / in the process of implementation".
_LISTED = re.compile(
    r"recommendations?\b(?P<numbers>.{1,1500}?)(?:have|has|are|is|were)?\s*(?:either\s+)?"
    r"(?:already\s+(?:been\s+)?implemented|in\s+the\s+process\s+of\s+(?:being\s+)?implement)",
    re.I | re.S,
)
_NUMBER_OR_RANGE = re.compile(
    r"(\d{1,3}(?:\.\s?\d{1,3}){0,2})(?:\s*(?:[-–]|to)\s*(\d{1,3}(?:\.\d{1,3}){0,2}))?"
)


def _listed_as_implemented(text: str) -> list[str]:
    """Recommendation numbers a paragraph says are already implemented (empty if none)."""
    match = _LISTED.search(text)
    if not match:
        return []
    # "above in paragraph 99" names the list, not a recommendation.
    inside = re.sub(r"\bparagraphs?\s+\d{1,3}(?![.\d])", " ", match["numbers"])
    numbers: list[str] = []
    for first, last in _NUMBER_OR_RANGE.findall(inside):
        first = re.sub(r"\s", "", first)
        if last and "." not in first and "." not in last and int(first) <= int(last) <= int(first) + 300:
            numbers.extend(str(n) for n in range(int(first), int(last) + 1))
        else:
            numbers.append(first)
    return numbers


def position_for(item: Block, positions: dict[str, str | None]) -> str | None:
    """An item's own listed position if a paragraph names it, else its list's."""
    short = item.number.split(".", 1)[1] if item.number.count(".") == 1 else None
    for key in (f"{item.parent}#{item.number}", f"{item.parent}#{short}"):
        if key in positions:
            return positions[key]
    return positions.get(item.parent or "")
