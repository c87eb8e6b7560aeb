"""The sample documents' the model.

A part of `samples.documents` (see its docstring).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np

from pipelines.reference.countries import resolve_country
from pipelines.settings import SEEDS_DIR
from samples import document_data as dd
from samples.documents.constants import ABSENT_DONORS, DEFAULT_YEARS, PLANTED_DIFFERENCE, SENTINEL_COUNTRIES
from samples.documents.published import _MEMBER_STATES_NOTE, PublishedFigure, PublishedFigures
from samples.documents.wordings import ACTIVITY_FUND_WEIGHTS, ANNUAL_FUND_ROWS, APPEAL_PILLARS
from samples.request_logs import STATES, StateSpec


@dataclass
class DonorRow:
    code: str  # ISO3 for a Member State, donors.csv code otherwise
    kind: str  # member_state | non_state
    group: str  # UN regional group, or "non_state"
    pledged: int
    paid: int
    unearmarked: int
    published: bool = False

    @property
    def earmarked(self) -> int:
        return self.paid - self.unearmarked


@dataclass
class Project:
    iso3: str
    region: str
    title: str
    area_code: str
    amount: int


@dataclass
class FundYear:
    fund_code: str
    contributions: int
    expenditure: int
    opening: int = 0
    other_income: int = 0
    donors: list[tuple[str, int]] = field(default_factory=list)  # (donor code, amount)
    projects: list[Project] = field(default_factory=list)
    programme_support: int = 0

    @property
    def total_income(self) -> int:
        return self.contributions + self.other_income

    @property
    def closing(self) -> int:
        return self.opening + self.total_income - self.expenditure


@dataclass
class Activity:
    iso3: str
    title: str
    area_code: str
    activity_type: str
    provider: str
    provider_type: str
    partner: str
    fund_code: str
    upr: int


@dataclass
class PresenceRow:
    presence: dd.Presence
    regular_budget: int
    extrabudgetary: int

    @property
    def total(self) -> int:
        return self.regular_budget + self.extrabudgetary


@dataclass
class Highlight:
    kind: str
    iso3: str
    area_code: str
    partner: str
    title: str
    body: str


@dataclass
class Session:
    number: int
    city: str
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """The heading a board report gives the session: `Forty-third session (Geneva)`."""
        return f"{_ordinal(self.number)} session ({self.city})"

    @property
    def days(self) -> str:
        """`from 11 to 15 March 2019`, or `from 28 September to 2 October 2020`."""
        if self.start.month == self.end.month:
            return f"from {self.start.day} to {self.end.day} {self.end:%B %Y}"
        return f"from {self.start.day} {self.start:%B} to {self.end.day} {self.end:%B %Y}"


@dataclass
class YearModel:
    year: int
    voluntary_contributions: int
    voluntary_contributions_provisional: int
    donors: int
    member_state_donors: int
    donors_provisional: int
    member_state_donors_provisional: int
    regular_budget: int
    unearmarked_share: float
    unearmarked_share_provisional: float
    donor_rows: list[DonorRow]
    funds: dict[str, FundYear]
    annual_funds: dict[str, tuple[int, int]]  # as the annual report prints them
    presences: list[PresenceRow]
    countries: list[str]  # the annual report's country chapters, in order
    activities: dict[str, list[Activity]]
    highlights: list[Highlight]
    sessions: list[Session]  # the Board sessions the VFTC report for the year covers
    requirements: list[tuple[str, int]]  # the Appeal's requirements for Y+1 by pillar
    requirements_published: bool
    provenance: dict[str, str]  # figure -> "published" | "synthetic" | "derived"


@dataclass(frozen=True)
class _Reference:
    area_labels: Mapping[str, tuple[tuple[str, str], ...]]  # code -> ((label, language), ...)
    fund_labels: frozenset[str]
    regional_group: Mapping[str, str]


def _read_seed(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _load_reference(seeds_dir: Path = SEEDS_DIR) -> _Reference:
    labels: dict[str, list[tuple[str, str]]] = {}
    for r in _read_seed(seeds_dir / "thematic_area_labels.csv"):
        labels.setdefault(r["thematic_area_code"], []).append((r["label"], r["language"]))
    return _Reference(
        area_labels={k: tuple(v) for k, v in labels.items()},
        fund_labels=frozenset(r["label"] for r in _read_seed(seeds_dir / "fund_labels.csv")),
        regional_group={
            r["iso3"]: r["un_regional_group"] for r in _read_seed(seeds_dir / "un_regional_groups.csv")
        },
    )


def _rng(seed: int, *keys: int) -> np.random.Generator:
    # One independent stream per purpose and year, as in the request-log generator.
    return np.random.default_rng([seed, *keys])


def _allocate(total: int, weights: Sequence[float], minimum: int = 1) -> list[int]:
    """Integers proportional to `weights`, each >= `minimum`, adding up to `total` exactly."""
    w = np.asarray(weights, dtype=np.float64)
    if total < minimum * len(w):
        raise ValueError(f"cannot split {total} into {len(w)} parts of at least {minimum}")
    raw = w / w.sum() * total
    parts = np.maximum(minimum, np.floor(raw)).astype(np.int64)
    order = np.argsort(-(raw - np.floor(raw)), kind="stable")
    diff = int(total - parts.sum())
    i = 0
    while diff:
        k = order[i % len(order)]
        if diff > 0:
            parts[k] += 1
            diff -= 1
        elif parts[k] > minimum:
            parts[k] -= 1
            diff += 1
        i += 1
    return [int(p) for p in parts]


def _pick(rng: np.random.Generator, options: Sequence[Any], weights: Sequence[float] | None = None) -> Any:
    if weights is None:
        return options[int(rng.integers(len(options)))]
    p = np.asarray(weights, dtype=np.float64)
    return options[int(rng.choice(len(options), p=p / p.sum()))]


def _sample(rng: np.random.Generator, options: Sequence[Any], k: int, weights: Sequence[float]) -> list[Any]:
    """k distinct options, weighted, in the options' order."""
    if k <= 0:
        return []
    p = np.asarray(weights, dtype=np.float64)
    chosen = rng.choice(len(options), size=min(k, len(options)), replace=False, p=p / p.sum())
    return [options[i] for i in sorted(int(c) for c in chosen)]


_STATE_SPEC: Final[Mapping[str, StateSpec]] = {s.iso3: s for s in STATES}
_STATE_DONOR: Final[Mapping[str, dd.StateDonor]] = {d.iso3: d for d in dd.STATE_DONORS}
_NON_STATE: Final[Mapping[str, dd.NonStateDonor]] = {d.code: d for d in dd.NON_STATE_DONORS}
_PRESENCE_BY_NAME: Final[Mapping[str, dd.Presence]] = {p.name: p for p in dd.FIELD_PRESENCES}


def _donor_code_of_published_name(name: str) -> str:
    for donor in dd.NON_STATE_DONORS:
        if name in (label for label, _ in donor.labels):
            return donor.code
    match = resolve_country(name)
    if match.iso3 is None:
        raise ValueError(f"published donor {name!r} is neither a donor label nor a country: {match.reason}")
    return match.iso3


def _published_donor_rows(published: PublishedFigures, year: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in published.rows:
        donor_row = r.scope == "OHCHR" and r.metric.startswith("contribution_by_donor:")
        if donor_row and r.period == str(year) and r.status == "final":
            out[_donor_code_of_published_name(r.metric.split(":", 1)[1])] = round(r.value)
    return out


def _member_states_from_note(figure: PublishedFigure | None) -> int | None:
    if figure is None:
        return None
    found = _MEMBER_STATES_NOTE.search(figure.note)
    return int(found.group(1)) if found else None


def build_model(seed: int, years: Sequence[int], published: PublishedFigures) -> dict[int, YearModel]:
    """Every figure of every document, from the published record and the synthetic tables."""
    ref = _load_reference()
    models: dict[int, YearModel] = {}
    openings = {
        "VFTC": dd.VFTC_OPENING_BALANCE_2012,
        "VFFTA": dd.VFFTA_OPENING_BALANCE_2012,
        "UPR_PARTICIPATION": dd.UPR_PARTICIPATION_OPENING_BALANCE_2012,
    }
    # Fund balances chain from 2012, so the chain runs through every year up to the last asked.
    for year in range(DEFAULT_YEARS.start, max(years) + 1):
        model = _build_year(seed, year, published, ref, openings)
        for code in openings:
            openings[code] = model.funds[code].closing
        if year in years:
            models[year] = model
    return models


def _build_year(
    seed: int, year: int, published: PublishedFigures, ref: _Reference, openings: Mapping[str, int]
) -> YearModel:
    provenance: dict[str, str] = {}

    def figure(
        name: str, value: int | None, fallback: Mapping[int, int] | None, kind: str = "published"
    ) -> int:
        if value is not None:
            provenance[name] = kind
            return value
        if fallback is None or year not in fallback:
            raise ValueError(f"no published or synthetic {name} for {year}")
        provenance[name] = "synthetic"
        return fallback[year]

    rng = _rng(seed, 100, year)
    vc = figure(
        "voluntary_contributions",
        published.value("OHCHR", "voluntary_contributions", year),
        dd.SYNTHETIC_VOLUNTARY_CONTRIBUTIONS,
    )
    vc_prov = published.value("OHCHR", "voluntary_contributions", year, "provisional")
    provenance["voluntary_contributions_provisional"] = "published" if vc_prov is not None else "synthetic"
    if vc_prov is None:
        vc_prov = round(vc * float(rng.uniform(0.94, 0.985)), -5)

    donors_fig = published.get("OHCHR", "donors", year)
    donors = figure("donors", None if donors_fig is None else round(donors_fig.value), dd.SYNTHETIC_DONORS)
    published_non_state = published.value("OHCHR", "non_state_donors", year)
    member_states = _member_states_from_note(donors_fig)
    if member_states is not None:
        non_state = donors - member_states
        provenance["member_state_donors"] = "published"
        if published_non_state is not None and published_non_state != non_state:
            raise ValueError(f"{year}: published donors {donors} != {member_states} + {published_non_state}")
        provenance["non_state_donors"] = "published" if published_non_state is not None else "derived"
    else:
        if published_non_state is None:
            non_state = dd.SYNTHETIC_NON_STATE_DONORS[year]
            provenance["non_state_donors"] = "synthetic"
        else:
            non_state = published_non_state
            provenance["non_state_donors"] = "published"
        member_states = donors - non_state
        provenance["member_state_donors"] = "derived"

    donors_prov_fig = published.get("OHCHR", "donors", year, "provisional")
    if donors_prov_fig is not None:
        donors_prov = round(donors_prov_fig.value)
        noted = _member_states_from_note(donors_prov_fig)
        ms_prov = noted if noted is not None else round(donors_prov * member_states / donors)
        provenance["donors_provisional"] = "published"
        provenance["member_state_donors_provisional"] = "published" if noted is not None else "derived"
    else:
        donors_prov = donors - int(rng.integers(3, 9))
        ms_prov = member_states - int(rng.integers(2, 6))
        provenance["donors_provisional"] = "synthetic"
        provenance["member_state_donors_provisional"] = "synthetic"

    regular_budget = figure(
        "regular_budget", published.value("OHCHR", "regular_budget", year), dd.SYNTHETIC_REGULAR_BUDGET
    )
    provenance["regular_budget_provisional"] = provenance["regular_budget"]
    provenance["unearmarked_share"] = "derived"
    provenance["unearmarked_share_provisional"] = "synthetic"

    fixed = _published_donor_rows(published, year)
    if fixed:
        provenance["donor_rows"] = "published: " + ", ".join(sorted(fixed))
    donor_rows = _donor_rows(seed, year, vc, member_states, non_state, fixed, ref)
    unearmarked_share = round(100 * sum(d.unearmarked for d in donor_rows) / vc, 1)
    share_prov = round(unearmarked_share + float(rng.uniform(-1.5, 1.5)), 1)

    funds = _funds(seed, year, vc, published, openings, provenance)
    annual_funds = {code: (funds[code].contributions, funds[code].expenditure) for code in ANNUAL_FUND_ROWS}
    if year == PLANTED_DIFFERENCE["year"]:
        code = str(PLANTED_DIFFERENCE["fund_code"])
        contributions, expenditure = annual_funds[code]
        annual_funds[code] = (
            contributions + int(PLANTED_DIFFERENCE["annual_report_minus_board_report"]),
            expenditure,
        )

    presences = _presences(seed, year)
    countries = _countries(seed, year, funds)
    activities = _activities(seed, year, countries, funds, presences, ref)
    highlights = _highlights(seed, year, countries, activities)
    sessions = covered_sessions(seed, year)
    requirements, req_published = _requirements(seed, year, vc, published)
    return YearModel(
        year=year,
        voluntary_contributions=vc,
        voluntary_contributions_provisional=int(vc_prov),
        donors=donors,
        member_state_donors=member_states,
        donors_provisional=donors_prov,
        member_state_donors_provisional=ms_prov,
        regular_budget=regular_budget,
        unearmarked_share=unearmarked_share,
        unearmarked_share_provisional=share_prov,
        donor_rows=donor_rows,
        funds=funds,
        annual_funds=annual_funds,
        presences=presences,
        countries=countries,
        activities=activities,
        highlights=highlights,
        sessions=sessions,
        requirements=requirements,
        requirements_published=req_published,
        provenance=provenance,
    )


def _donor_rows(
    seed: int,
    year: int,
    total: int,
    member_states: int,
    non_state: int,
    fixed: Mapping[str, int],
    ref: _Reference,
) -> list[DonorRow]:
    rng = _rng(seed, 101, year)
    absent = ABSENT_DONORS.get(year, frozenset())
    growth = 1 + 0.04 * (year - DEFAULT_YEARS.start)

    def choose(pool: Sequence[str], weights: Mapping[str, float], k: int, core: float) -> list[str]:
        pool = [c for c in pool if c not in absent]
        must = [c for c in pool if c in fixed or weights[c] >= core]
        rest = [c for c in pool if c not in must]
        if len(must) > k:
            raise ValueError(f"{year}: {len(must)} donors must appear but only {k} are published")
        extra = _sample(rng, rest, k - len(must), [weights[c] ** 0.5 for c in rest])
        return [c for c in pool if c in must or c in extra]

    ms_weights = {d.iso3: d.weight for d in dd.STATE_DONORS}
    ns_weights = {d.code: d.weight for d in dd.NON_STATE_DONORS}
    if member_states > len(ms_weights) or non_state > len(ns_weights):
        raise ValueError(f"{year}: not enough donors in the tables for {member_states} + {non_state}")
    codes = choose(list(ms_weights), ms_weights, member_states, 1.0) + choose(
        list(ns_weights), ns_weights, non_state, 2.0
    )
    missing = set(fixed) - set(codes)
    if missing:
        raise ValueError(f"{year}: published donors {sorted(missing)} are not in the donor tables")

    free = [c for c in codes if c not in fixed]
    remaining = total - sum(fixed.values())
    base = [
        (ms_weights.get(c) or ns_weights[c]) * growth * float(np.exp(0.35 * rng.standard_normal()))
        for c in free
    ]
    paid = dict(zip(free, _allocate(remaining, base, minimum=5_000), strict=True)) | dict(fixed)

    rows = []
    for code in codes:
        state = _STATE_DONOR.get(code)
        kind = "member_state" if state else "non_state"
        share = state.unearmarked if state else _NON_STATE[code].unearmarked
        share = float(np.clip(share + rng.normal(0, 0.08), 0, 1)) if share not in (0.0, 1.0) else share
        amount = paid[code]
        u = rng.random()
        if u < 0.68 or code in fixed:
            pledged = amount
        elif u < 0.88:
            pledged = round(amount * float(rng.uniform(1.02, 1.3)), -3)
        elif kind == "non_state":
            pledged = 0  # an unpledged contribution: printed as the zero sign
        else:
            pledged = round(amount * float(rng.uniform(0.7, 0.98)), -3)
        rows.append(
            DonorRow(
                code=code,
                kind=kind,
                group=ref.regional_group[code] if state else "non_state",
                pledged=int(pledged),
                paid=amount,
                unearmarked=round(amount * share),
                published=code in fixed,
            )
        )
    return rows


def _funds(
    seed: int,
    year: int,
    vc: int,
    published: PublishedFigures,
    openings: Mapping[str, int],
    provenance: dict[str, str],
) -> dict[str, FundYear]:
    rng = _rng(seed, 102, year)
    funds: dict[str, FundYear] = {}

    vftc_in = published.value("VFTC", "contributions_received", year)
    vftc_out = published.value("VFTC", "total_expenditure", year)
    syn_in, syn_out = dd.SYNTHETIC_VFTC.get(year, (None, None))
    if vftc_in is None:
        vftc_in = syn_in
    if vftc_out is None:
        vftc_out = syn_out
    if vftc_in is None or vftc_out is None:
        raise ValueError(f"no VFTC figures for {year}")
    provenance["vftc_contributions_received"] = (
        "published" if published.value("VFTC", "contributions_received", year) else "synthetic"
    )
    provenance["vftc_total_expenditure"] = (
        "published" if published.value("VFTC", "total_expenditure", year) else "synthetic"
    )

    def other_income(contributions: int) -> int:
        # Interest and exchange differences; a loss in a few years (refunds, exchange losses).
        amount = round(contributions * float(rng.uniform(0.004, 0.025)))
        return -round(amount * 0.6) if year in (2015, 2021, 2022) else amount

    vftc = FundYear("VFTC", vftc_in, vftc_out, openings["VFTC"], other_income(vftc_in))
    vffta_in = round(float(rng.uniform(1.2e6, 3.8e6)))
    vffta = FundYear("VFFTA", vffta_in, round(vffta_in * float(rng.uniform(0.8, 1.12))), openings["VFFTA"])
    vffta.other_income = other_income(vffta_in)
    upr_in = round(float(rng.uniform(3.0e5, 1.1e6)))
    upr = FundYear(
        "UPR_PARTICIPATION",
        upr_in,
        round(upr_in * float(rng.uniform(0.8, 1.15))),
        openings["UPR_PARTICIPATION"],
    )
    upr.other_income = other_income(upr_in)
    for fund in (vffta, upr):
        # A fund cannot spend more than it holds: keep a closing balance of at least 5 %.
        cap = fund.opening + fund.total_income - round(0.05 * fund.contributions)
        fund.expenditure = min(fund.expenditure, cap)
    if vftc.closing < 0:
        raise ValueError(f"VFTC closing balance negative in {year}")
    ldc_in = round(float(rng.uniform(4.0e5, 1.6e6)))
    ldc = FundYear("LDC_SIDS_TF", ldc_in, round(ldc_in * float(rng.uniform(0.75, 1.1))))
    share = published.get("TRUST_FUND_HC", "share_of_extrabudgetary_funds", year)
    if share is not None:
        hc_share = share.value / 100
        provenance["hc_trust_fund_share"] = "published"
    else:
        hc_share = float(rng.uniform(0.76, 0.82))
        provenance["hc_trust_fund_share"] = "synthetic"
    hc_in = round(vc * hc_share)
    hc = FundYear("HC_TRUST_FUND", hc_in, round(hc_in * float(rng.uniform(0.93, 1.04))))
    funds = {f.fund_code: f for f in (vftc, vffta, upr, ldc, hc)}

    # Donors of the board-reported funds, their amounts adding up to the fund's contributions.
    for fund, attr, (low, high) in ((vftc, "vftc", (12, 24)), (vffta, "upr", (4, 9)), (upr, "upr", (3, 7))):
        pool = [
            d for d in dd.STATE_DONORS if getattr(d, attr) > 0 and d.iso3 not in ABSENT_DONORS.get(year, ())
        ]
        k = int(rng.integers(low, high + 1))
        chosen = _sample(rng, pool, k, [getattr(d, attr) for d in pool])
        codes = [d.iso3 for d in chosen]
        weights = [getattr(d, attr) * float(np.exp(0.5 * rng.standard_normal())) for d in chosen]
        if fund is vftc and year % 3 == 0:
            codes.append("EC")  # the European Commission funds VFTC projects some years
            weights.append(1.0)
        amounts = _allocate(fund.contributions, weights, minimum=5_000)
        fund.donors = sorted(zip(codes, amounts, strict=True), key=lambda x: -x[1])
    return funds


def _latin_variants(iso3: str, year: int) -> list[str]:
    """The State's cp1252-encodable names, the usual one first (Turkey became Türkiye in 2022)."""
    names = [v for v in _STATE_SPEC[iso3].variants if _is_cp1252(v) and not v.endswith("*")]
    if iso3 == "TUR":
        names = ["Turkey", "Turquie"] if year <= 2021 else ["Türkiye", "Republic of Türkiye"]
    return names


def _is_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _countries(seed: int, year: int, funds: Mapping[str, FundYear]) -> list[str]:
    """The year's country chapters: the sentinels, every country with a VFTC or VFFTA project,
    others up to 25-40 in all; plus the project lists of the board-reported funds."""
    rng = _rng(seed, 103, year)
    all_states = [s.iso3 for s in STATES]
    weights = {s.iso3: s.weight for s in STATES}
    vftc_countries = _sample(
        rng, [c for c in all_states], int(rng.integers(10, 17)), [weights[c] for c in all_states]
    )
    vffta_countries = _sample(
        rng, all_states, int(rng.integers(4, 9)), [weights[c] ** 0.5 for c in all_states]
    )
    upr_pool = [c for c in all_states if c not in ("TUR", "RUS", "MEX", "COL", "UKR", "KAZ")]
    upr_countries = _sample(rng, upr_pool, int(rng.integers(5, 11)), [1.0] * len(upr_pool))
    for fund, chosen in (
        (funds["VFTC"], vftc_countries),
        (funds["VFFTA"], vffta_countries),
        (funds["UPR_PARTICIPATION"], upr_countries),
    ):
        fund.projects = _projects(rng, year, fund, chosen)

    target = int(rng.integers(28, 41))
    must = list(dict.fromkeys([*SENTINEL_COUNTRIES, *vftc_countries, *vffta_countries]))
    rest = [c for c in all_states if c not in must]
    extra = _sample(rng, rest, max(0, target - len(must)), [weights[c] for c in rest])
    chosen = set(must) | set(extra)
    return [c for c in all_states if c in chosen]  # STATES order: sentinels first, then by region


def _project_title(rng: np.random.Generator, fund_code: str, area: str, year: int) -> str:
    if fund_code == "UPR_PARTICIPATION":
        session = 13 + 3 * (year - 2012) + int(rng.integers(0, 3))
        return f"Delegation travel to UPR Working Group session {session}"
    return str(_pick(rng, dd.ACTIVITY_TITLES[area]))


def _projects(rng: np.random.Generator, year: int, fund: FundYear, countries: Sequence[str]) -> list[Project]:
    fund.programme_support = round(
        fund.expenditure * dd.PROGRAMME_SUPPORT_RATE / (1 + dd.PROGRAMME_SUPPORT_RATE)
    )
    total = fund.expenditure - fund.programme_support
    areas = list(dd.ACTIVITY_TITLES)
    projects: list[tuple[str, str, str]] = []
    for iso3 in countries:
        n = 1 if fund.fund_code == "UPR_PARTICIPATION" else int(rng.integers(1, 3))
        used: set[str] = set()
        for _ in range(n):
            # The UPR funds finance UPR work only; the VFTC any area.
            area = str(_pick(rng, areas)) if fund.fund_code == "VFTC" else "upr_implementation"
            title = _project_title(rng, fund.fund_code, area, year)
            if title in used:
                continue
            used.add(title)
            projects.append((iso3, area, title))
    weights = [float(np.exp(0.6 * rng.standard_normal())) for _ in projects]
    amounts = _allocate(total, weights, minimum=10_000)
    return [
        Project(iso3, dd.REGION_OF_CODE[_STATE_SPEC[iso3].region], title, area, amount)
        for (iso3, area, title), amount in zip(projects, amounts, strict=True)
    ]


def _presences(seed: int, year: int) -> list[PresenceRow]:
    rng = _rng(seed, 104, year)
    level = 1 + 0.05 * (year - DEFAULT_YEARS.start)
    rows = []
    for p in dd.FIELD_PRESENCES:
        if not p.first_year <= year <= p.last_year:
            continue
        total = p.size * 1_900_000 * level * float(np.exp(0.2 * rng.standard_normal()))
        rb_share = (
            float(rng.uniform(0.05, 0.35)) if p.type != dd.PEACE_MISSION else float(rng.uniform(0.0, 0.1))
        )
        rb = round(total * rb_share)
        rows.append(PresenceRow(p, rb, round(total) - rb))
    return rows


def _presence_of(iso3: str, year: int) -> dd.Presence | None:
    for p in dd.FIELD_PRESENCES:
        if p.iso3 == iso3 and p.first_year <= year <= p.last_year:
            return p
    return None


def _activities(
    seed: int,
    year: int,
    countries: Sequence[str],
    funds: Mapping[str, FundYear],
    presences: Sequence[PresenceRow],
    ref: _Reference,
) -> dict[str, list[Activity]]:
    rng = _rng(seed, 105, year)
    active = {r.presence.name for r in presences}
    fund_codes = list(ACTIVITY_FUND_WEIGHTS)
    areas = list(dd.ACTIVITY_TITLES)
    needs_fund = {
        code: {p.iso3 for p in funds[code].projects} for code in ("VFTC", "VFFTA") if funds[code].projects
    }
    # One or two long chapters a year, so that country tables also break across pages.
    long_ones = set(_sample(rng, list(SENTINEL_COUNTRIES), 2, [1.0] * len(SENTINEL_COUNTRIES)))
    out: dict[str, list[Activity]] = {}
    for iso3 in countries:
        spec = _STATE_SPEC[iso3]
        if iso3 in long_ones:
            n = int(rng.integers(24, 34))
        elif iso3 in SENTINEL_COUNTRIES:
            n = int(rng.integers(8, 15))
        else:
            n = int(rng.integers(4, 12))
        presence = _presence_of(iso3, year)
        regional = dd.REGIONAL_OFFICE_OF_CODE.get(spec.region)
        providers: list[tuple[str, str, float]] = [(dd.HEADQUARTERS_PROVIDER, "ohchr_hq", 2.0)]
        if presence is not None and presence.name in active:
            providers.append((presence.name, "field_presence", 5.0))
        if regional is not None and regional in active:
            providers.append((regional, "field_presence", 2.5))
        providers += [(e, "un_entity", 0.35) for e in dd.UN_ENTITY_PROVIDERS]
        required = [code for code, isos in needs_fund.items() if iso3 in isos]
        rows: list[Activity] = []
        seen: set[str] = set()
        while len(rows) < n:
            area = str(_pick(rng, areas))
            title = str(_pick(rng, dd.ACTIVITY_TITLES[area]))
            if title in seen:
                if len(seen) >= sum(len(v) for v in dd.ACTIVITY_TITLES.values()):
                    break
                continue
            seen.add(title)
            fund = (
                required[len(rows)]
                if len(rows) < len(required)
                else str(_pick(rng, fund_codes, list(ACTIVITY_FUND_WEIGHTS.values())))
            )
            provider, provider_type, _ = _pick(rng, providers, [w for *_, w in providers])
            upr = int(rng.integers(0, 4))
            if area == "upr_implementation" or fund == "VFFTA":
                upr += int(rng.integers(2, 12))
            rows.append(
                Activity(
                    iso3=iso3,
                    title=title,
                    area_code=area,
                    activity_type=str(_pick(rng, dd.ACTIVITY_TYPES)),
                    provider=provider,
                    provider_type=provider_type,
                    partner=str(_pick(rng, dd.PARTNERS)),
                    fund_code=fund,
                    upr=upr,
                )
            )
        out[iso3] = rows
    return out


def _highlights(
    seed: int, year: int, countries: Sequence[str], activities: Mapping[str, Sequence[Activity]]
) -> list[Highlight]:
    rng = _rng(seed, 106, year)
    counts = {
        "success_story": int(rng.integers(5, 9)),
        "best_practice": int(rng.integers(4, 7)),
        "challenge": int(rng.integers(3, 6)),
    }
    out = []
    for kind, k in counts.items():
        titles, bodies = dd.HIGHLIGHT_TEMPLATES[kind]
        for iso3 in _sample(rng, list(countries), k, [1.0] * len(countries)):
            activity = _pick(rng, list(activities[iso3]))
            words = {
                "country": _latin_variants(iso3, year)[0],
                "area": _area_text(activity.area_code),
                "partner": activity.partner,
                "n": int(rng.integers(3, 60)),
                "year": year,
            }
            title = str(_pick(rng, titles)).format(**words)
            title = title[0].upper() + title[1:]
            out.append(
                Highlight(
                    kind,
                    iso3,
                    activity.area_code,
                    activity.partner,
                    title,
                    str(_pick(rng, bodies)).format(**words),
                )
            )
    return out


def _area_text(area_code: str) -> str:
    text = {
        "rule_of_law": "the administration of justice",
        "nhri": "the national human rights institution",
        "treaty_reporting": "treaty body reporting",
        "upr_implementation": "UPR recommendations",
        "education_training": "human rights education",
        "gender_equality": "gender equality",
        "non_discrimination": "non-discrimination",
        "civic_space": "civic space",
        "esc_rights": "economic and social rights",
        "migration": "the rights of migrants",
        "torture_prevention": "the prevention of torture",
        "transitional_justice": "transitional justice",
        "business_human_rights": "business and human rights",
        "indicators_data": "human rights data",
    }
    return text.get(area_code, area_code.replace("_", " "))


def _ordinal(n: int) -> str:
    units = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
    tens = {
        2: ("twenty", "twentieth"),
        3: ("thirty", "thirtieth"),
        4: ("forty", "fortieth"),
        5: ("fifty", "fiftieth"),
        6: ("sixty", "sixtieth"),
    }
    if not 20 <= n < 70:
        raise ValueError(f"no ordinal word for {n}")
    t, u = divmod(n, 10)
    word = tens[t][1] if u == 0 else f"{tens[t][0]}-{units[u]}"
    return word[0].upper() + word[1:]


def ordinal(n: int) -> str:
    """`43` -> `Forty-third` (Board and Council sessions, 20 to 69)."""
    return _ordinal(n)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _sessions(seed: int, year: int) -> list[Session]:
    rng = _rng(seed, 107, year)
    first = 29 + 2 * (year - DEFAULT_YEARS.start)  # the Board's 43rd session met in March 2019
    spring = _nth_weekday(year, 3, 0, 2)
    autumn = _nth_weekday(year, 10, 0, int(rng.integers(1, 4)))
    city = "Geneva" if year == 2020 else str(_pick(rng, dd.BOARD_FIELD_CITIES))
    return [
        Session(first, "Geneva", spring, spring + dt.timedelta(days=4)),
        Session(first + 1, city, autumn, autumn + dt.timedelta(days=4)),
    ]


def covered_sessions(seed: int, year: int) -> list[Session]:
    """The Board sessions the VFTC report on `year` covers: those held since the previous
    report. Until 2015 the report went to the Council's June session of Y+1 (autumn Y and spring
    Y+1); res. 33/28 moved it to March: the 2016 report (March 2017, nine months after the
    previous one) covers the autumn 2016 session, later reports the two sessions of their year."""
    own = _sessions(seed, year)
    if year <= 2015:
        return [own[1], _sessions(seed, year + 1)[0]]
    if year == 2016:
        return [own[1]]
    return own


def _requirements(
    seed: int, year: int, vc: int, published: PublishedFigures
) -> tuple[list[tuple[str, int]], bool]:
    rng = _rng(seed, 108, year)
    total = published.value("OHCHR", "extrabudgetary_requirements", year + 1)
    is_published = total is not None
    if total is None:
        total = round(vc * float(rng.uniform(1.45, 1.75)), -5)
    weights = [float(rng.uniform(0.6, 1.6)) for _ in APPEAL_PILLARS]
    return list(
        zip(APPEAL_PILLARS, _allocate(int(total), weights, minimum=1_000_000), strict=True)
    ), is_published
