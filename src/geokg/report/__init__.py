"""The HTML report of a build (output/report/): what the graph says, for readers who do not write SPARQL.

- index.html: the documents, what was skipped and why, counts per kind of fact; the network of
  actors (an edge per intention claim, coloured by modality, as wide as its sources are many,
  dashed when denied), the timeline, the world map and the table of who says what. Choosing an
  edge (click, or Enter on a focused one) lists its evidence: each document's words, offsets and
  the chain of who says so.
- actors/*.html: a page per actor: what it intends, what others intend toward it, its
  memberships, roles and events, with evidence.

Pages are self-contained (CSS, script and map inline; nothing fetched) and deterministic: the same
build gives the same bytes. The script and styles ship in the package (report/assets/), the map is
Natural Earth's (public domain) from the world-atlas npm package (ISC licence, assets/).
"""

from __future__ import annotations

import collections
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import markupsafe
import pyoxigraph as ox

from geokg.publish import REPORT_DIRECTORY as REPORT_DIRECTORY  # re-exported: where the report goes
from geokg.report.data import Actor, EventClaim, IntentionClaim, Report, ReportData, gather
from geokg.report.layout import (
    MAP_HEIGHT,
    MAP_WIDTH,
    NETWORK_WIDTH,
    bends,
    country_outlines,
    curve,
    loop,
    network_positions,
    project,
)

MAX_NETWORK_ACTORS = 80  # the most connected actors drawn; the others' claims are in the tables and pages
MODALITIES = {  # colour per modality (a palette readable with the common colour-vision deficiencies)
    "Threat": "#c62828",
    "Warning": "#ef6c00",
    "Demand": "#6a1b9a",
    "Plan": "#1565c0",
    "Pledge": "#2e7d32",
    "Intent": "#00838f",
    "Goal": "#6d4c41",
    "Consideration": "#616161",
}


def write_report(
    store: ox.Store, directory: Path, *, title: str, skipped: Sequence[Mapping[str, str]] = ()
) -> list[Path]:
    """Write the report of the build in `store` (its default graph the union of the build's graphs)
    into `directory`; return the files written."""
    pages = render_pages(gather(store), title=title, skipped=skipped)
    written = []
    for name, text in sorted(pages.items()):
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def render_pages(data: ReportData, *, title: str, skipped: Sequence[Mapping[str, str]] = ()) -> dict[str, str]:
    """Page name (relative to the report's directory) → its HTML."""
    environment = _environment()
    names = {iri: actor.label for iri, actor in data.actors.items()}
    claims = {claim.iri: _claim_json(claim, data.actors) for claim in [*data.intentions, *data.events]}
    common = {"title": title, "style": _asset("report.css"), "script": _asset("report.js"), "modalities": MODALITIES}
    network = _network(data)
    pages = {
        "index.html": environment.get_template("index.html").render(
            **common,
            root="",
            data=data,
            names=names,
            actors=data.actors,
            skipped=list(skipped),
            network=network,
            timeline=_timeline(data),
            map=_map(data),
            says=_who_says_what(data),
            claims_json=_script_json(claims),
        )
    }
    index = _Index(data)
    macros = environment.get_template("macros.html").make_module({**common, "root": "../", "actors": data.actors})
    items = {claim.iri: markupsafe.Markup(macros.claim_item(claim)) for claim in data.intentions}  # once, not per page
    for actor in data.actors.values():
        pages[actor.page] = environment.get_template("actor.html").render(
            **common,
            root="../",
            items=items,
            actor=actor,
            names=names,
            actors=data.actors,
            **index.about(actor),
            claims_json=_script_json({}),
        )
    return pages


# --- the network ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkEdge:
    claim: IntentionClaim
    path: str
    width: float
    target: str | None


def _network(data: ReportData) -> dict:
    degree: collections.Counter[str] = collections.Counter()
    for claim in data.intentions:
        for actor in {claim.holder, *claim.targets}:
            degree[actor] += claim.documents
    shown = sorted(sorted(degree, key=lambda a: (-degree[a], a))[:MAX_NETWORK_ACTORS])
    visible = set(shown)
    drawn = [c for c in data.intentions if c.holder in visible and all(t in visible for t in c.targets)]
    frame = network_positions(shown, ((c.holder, t) for c in drawn for t in c.targets))
    positions = frame.positions
    pairs: dict[tuple[str, str | None], list[IntentionClaim]] = collections.defaultdict(list)
    for claim in drawn:
        for target in claim.targets or (None,):
            pairs[(claim.holder, target)].append(claim)
    edges = []
    for (holder, target), claims in sorted(pairs.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        offsets = bends(len(claims))
        for index, claim in enumerate(claims):
            if target is None:
                path, _ = loop(positions[holder], index)
            else:
                path, _ = curve(positions[holder], positions[target], offsets[index])
            edges.append(NetworkEdge(claim, path, round(1.5 + 1.5 * math.log2(claim.documents), 2), target))
    nodes = [(data.actors[iri], positions[iri]) for iri in shown if iri in data.actors]
    return {
        "nodes": nodes,
        "edges": edges,
        "hidden": len(data.intentions) - len(drawn),
        "width": NETWORK_WIDTH,
        "height": frame.height,
    }


# --- the timeline, the map, who says what -----------------------------------------------------------


def _timeline(data: ReportData) -> list[tuple[str, list[dict]]]:
    """(date, items) in date order: an event at its own date, else its documents' first date; an
    intention at its documents' first date; undated ones last."""
    by_date: dict[str, list[dict]] = collections.defaultdict(list)
    for event in data.events:
        date = event.date or min(event.dates, default="")
        by_date[date].append({"kind": "event", "claim": event, "own_date": bool(event.date)})
    for claim in data.intentions:
        by_date[min(claim.dates, default="")].append({"kind": "intention", "claim": claim, "own_date": False})
    return sorted(by_date.items(), key=lambda item: (item[0] == "", item[0]))


def _map(data: ReportData) -> dict:
    actors = data.actors
    located = {iri: project(*actor.point) for iri, actor in actors.items() if actor.point}
    arcs = []
    for claim in data.intentions:
        for target in claim.targets:
            if claim.holder in located and target in located and claim.holder != target:
                path, _ = curve(located[claim.holder], located[target], 12.0)
                arcs.append({"claim": claim, "path": path})
    events = []
    for event in data.events:
        for place in sorted({*event.places, *event.participants}):
            if place in located:
                events.append({"claim": event, "at": located[place]})
                break
    return {
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "countries": country_outlines(),
        "places": [(actors[iri], at) for iri, at in sorted(located.items())],
        "arcs": arcs,
        "events": events,
    }


def _who_says_what(data: ReportData) -> list[dict]:
    rows = []
    for claim in data.intentions:
        for report in claim.reports:
            rows.append(
                {
                    "says": " → ".join(data.actors[s].label if s in data.actors else s for s, _ in report.chain),
                    "cue": ", ".join(cue for _, cue in report.chain if cue),
                    "claim": claim,
                    "report": report,
                }
            )
    return sorted(rows, key=lambda r: (r["says"] == "", r["says"], r["claim"].label, r["report"].evidence.document))


class _Index:
    """What each actor's page lists, gathered in one pass over the build's facts (not one per actor)."""

    KEYS = ("held", "toward", "said", "memberships", "roles", "events")

    def __init__(self, data: ReportData):
        self._found: dict[str, dict[str, list]] = collections.defaultdict(lambda: {key: [] for key in self.KEYS})
        for claim in data.intentions:
            self._add("held", [claim.holder], claim)
            self._add("toward", claim.targets, claim)
            for report in claim.reports:
                self._add("said", [source for source, _ in report.chain], (claim, report))
        for membership in data.memberships:
            self._add("memberships", [membership.member, membership.organization], membership)
        for role in data.roles:
            self._add("roles", [role.person, role.within], role)
        for event in data.events:
            self._add("events", [*event.participants, *event.places], event)

    def _add(self, key: str, actors: Iterable[str | None], item: object) -> None:
        """`item` on the page of each actor named (once each)."""
        for actor in dict.fromkeys(a for a in actors if a):
            self._found[actor][key].append(item)

    def about(self, actor: Actor) -> dict[str, list]:
        return self._found.get(actor.iri) or {key: [] for key in self.KEYS}


# --- helpers --------------------------------------------------------------------------------------


def _claim_json(claim: IntentionClaim | EventClaim, actors: Mapping[str, Actor]) -> dict:
    def name(iri: str) -> str:
        return actors[iri].label if iri in actors else iri

    return {
        "label": claim.label,
        "documents": claim.documents,
        "reports": [_report_json(report, name) for report in claim.reports],
    }


def _report_json(report: Report, name) -> dict:
    return {
        "document": report.evidence.document,
        "start": report.evidence.start,
        "end": report.evidence.end,
        "quote": report.evidence.quote,
        "chain": [[name(source), cue] for source, cue in report.chain],
    }


def _script_json(value) -> str:
    """JSON for a <script type="application/json">: sorted, and no "</" to end the element early."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _asset(name: str) -> str:
    return resources.files("geokg.report").joinpath("assets", name).read_text(encoding="utf-8")


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("geokg.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
