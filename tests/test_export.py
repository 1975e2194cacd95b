"""`geokg export`: the build's facts as CSV files and a SQLite database that spreadsheets, pandas
and Datasette open as they are, agreeing with the named queries and with the documents' text."""

from __future__ import annotations

import csv
import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from geokg import query
from geokg.cli import main
from geokg.config import BUNDLED_CORPUS
from geokg.export import table_queries

TABLES = ["claims", "documents", "events", "intentions", "memberships", "roles", "treaties"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """The bundled corpus built, then exported as SQLite and as CSV (twice, to compare bytes)."""
    root = tmp_path_factory.mktemp("export")
    runner = CliRunner()
    build = root / "build"
    assert runner.invoke(main, ["build", "-q", "--no-cache", "--format", "nquads", "-o", str(build)]).exit_code == 0
    out = {"build": build, "sqlite": root / "geokg.sqlite", "csv": root / "csv", "csv2": root / "csv2"}
    for fmt, key in (("sqlite", "sqlite"), ("csv", "csv"), ("csv", "csv2")):
        result = runner.invoke(main, ["export", "--format", fmt, "--build", str(build), "-o", str(out[key])])
        assert result.exit_code == 0, result.output
    return out


def test_export_has_a_table_per_kind_of_fact_in_both_formats(exported):
    assert sorted(table_queries()) == TABLES
    with sqlite3.connect(exported["sqlite"]) as database:
        names = [r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    assert names == TABLES
    assert sorted(p.name for p in exported["csv"].iterdir()) == [f"{t}.csv" for t in TABLES]


def test_export_csv_and_sqlite_hold_the_same_rows_and_csv_the_same_bytes_twice(exported):
    with sqlite3.connect(exported["sqlite"]) as database:
        for table in TABLES:
            with (exported["csv"] / f"{table}.csv").open(encoding="utf-8", newline="") as file:
                header, *rows = list(csv.reader(file))
            cursor = database.execute(f'SELECT * FROM "{table}"')
            assert header == [c[0] for c in cursor.description]
            assert rows == [["" if v is None else str(v) for v in row] for row in cursor.fetchall()], table
            assert (exported["csv"] / f"{table}.csv").read_bytes() == (exported["csv2"] / f"{table}.csv").read_bytes()


def test_export_pandas_reads_every_table_with_integer_offsets(exported):
    pandas = pytest.importorskip("pandas")
    with sqlite3.connect(exported["sqlite"]) as database:
        intentions = pandas.read_sql('SELECT * FROM "intentions"', database)
        assert len(intentions) > 10 and str(intentions["start"].dtype).startswith("int")
        assert set(intentions["negated"]) <= {0, 1}
        for table in TABLES:
            assert not pandas.read_sql(f'SELECT * FROM "{table}"', database).empty, table


def test_export_evidence_is_the_documents_text_at_its_offsets(exported):
    texts = {path.name: path.read_text(encoding="utf-8") for path in BUNDLED_CORPUS.glob("*.txt")}
    with sqlite3.connect(exported["sqlite"]) as database:
        for table in ("intentions", "roles", "events", "memberships", "claims"):
            rows = database.execute(
                f'SELECT document, evidence, start, "end" FROM "{table}" WHERE evidence IS NOT NULL'
            )
            checked = 0
            for document, evidence, start, end in rows:
                assert texts[document][start:end] == evidence
                checked += 1
            assert checked, table


def test_export_agrees_with_the_named_queries(exported):
    store = query.open_store(exported["build"])
    by_holder = query.select(store, query.named_queries()["intentions-by-holder"].text)
    index = {v: i for i, v in enumerate(by_holder.variables)}
    named = {
        (r[index["holder"]], r[index["modality"]], r[index["action"]], r[index["document"]]) for r in by_holder.rows
    }
    members = query.select(store, query.named_queries()["members-of"].text)
    m = {v: i for i, v in enumerate(members.variables)}
    named_members = {(r[m["organization"]], r[m["member"]], r[m["source"]]) for r in members.rows}
    with sqlite3.connect(exported["sqlite"]) as database:
        exported_intentions = set(database.execute("SELECT holder, modality, action, document FROM intentions"))
        exported_members = set(database.execute("SELECT organization, member, document FROM memberships"))
    assert exported_intentions == named and named
    assert exported_members == named_members and named_members


def test_export_claims_join_every_intention_membership_and_event_and_agree_with_the_named_query(exported):
    with sqlite3.connect(exported["sqlite"]) as database:
        facts = {
            kind: {row[0] for row in database.execute(f'SELECT "{column}" FROM "{table}" WHERE evidence IS NOT NULL')}
            for kind, table, column in (
                ("intention", "intentions", "intention"),
                ("membership", "memberships", "membership"),
                ("event", "events", "event"),
            )
        }
        claims = {
            kind: {row[0] for row in database.execute("SELECT fact FROM claims WHERE kind = ?", (kind,))}
            for kind in facts
        }
        counted = list(database.execute("SELECT claim, documents, COUNT(DISTINCT document) FROM claims GROUP BY claim"))
    assert claims == facts and facts["intention"]
    assert all(documents == distinct for _, documents, distinct in counted)
    store = query.open_store(exported["build"])
    named = query.named_queries()["corroborated-claims"]
    every = query.select(store, named.text, {"documents": "1"}, declared=named.params)
    assert {row[every.variables.index("claim")] for row in every.rows} == {claim for claim, _, _ in counted}


def test_export_datasette_serves_the_database_as_it_is(exported):
    """Datasette, started on the file with no configuration, answers a SQL query over HTTP."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    datasette = Path(sys.executable).with_name("datasette")
    command = [str(datasette), "serve", str(exported["sqlite"]), "--port", str(port), "--host", "127.0.0.1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        sql = "select holder, count(*) as n from intentions group by holder order by n desc, holder"
        url = f"http://127.0.0.1:{port}/geokg.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 60
        while True:
            try:
                with opener.open(url, timeout=5) as response:
                    rows = json.loads(response.read())
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "datasette did not answer"
                time.sleep(0.3)
        with sqlite3.connect(exported["sqlite"]) as database:
            expected = [{"holder": h, "n": n} for h, n in database.execute(sql)]
        assert rows == expected and rows
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_export_cli_says_what_it_wrote_and_needs_a_format(exported, tmp_path):
    result = CliRunner().invoke(main, ["export", "--build", str(exported["build"]), "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "--format" in result.output
