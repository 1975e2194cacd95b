"""`geokg build --compress` writes each data file gzip-compressed beside it, the same bytes every
time, and every command that reads a build reads the compressed files as it reads the others."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from geokg import query, stores
from geokg.cli import main
from geokg.describe import DESCRIPTION_FILE

FORMATS = ["--format", "nquads", "--format", "turtle"]
GZIP = ox.NamedNode("https://www.iana.org/assignments/media-types/application/gzip")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """The bundled corpus built twice with --compress."""
    runner = CliRunner()
    out = []
    for name in ("one", "two"):
        directory = tmp_path_factory.mktemp(name)
        result = runner.invoke(main, ["build", "-q", "--no-cache", "--compress", *FORMATS, "-o", str(directory)])
        assert result.exit_code == 0, result.output
        out.append(directory)
    return out[0], out[1]


@pytest.fixture
def compressed_only(builds, tmp_path) -> Path:
    """A copy of the build with its data files only compressed."""
    directory = tmp_path / "gz"
    shutil.copytree(builds[0], directory)
    for name in ("geokg.nq", "geokg.ttl"):
        (directory / name).unlink()
    return directory


def test_compress_writes_each_data_file_compressed_the_same_bytes_every_time(builds):
    one, two = builds
    for name in ("geokg.nq", "geokg.ttl"):
        packed = (one / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (one / name).read_bytes()
        assert packed == (two / f"{name}.gz").read_bytes()
        assert packed[4:8] == b"\0\0\0\0"  # no time in the header
    assert (one / DESCRIPTION_FILE).read_bytes() == (two / DESCRIPTION_FILE).read_bytes()


def test_compress_the_description_lists_the_compressed_files(builds):
    triples = [q.triple for q in ox.parse(path=str(builds[0] / DESCRIPTION_FILE), format=ox.RdfFormat.TURTLE)]
    compress_format = ox.NamedNode("http://www.w3.org/ns/dcat#compressFormat")
    packed = {t.subject for t in triples if t.predicate == compress_format and t.object == GZIP}
    download = ox.NamedNode("http://www.w3.org/ns/dcat#downloadURL")
    urls = {t.object.value for t in triples if t.subject in packed and t.predicate == download}
    assert urls == {"https://w3id.org/geokg/data/geokg.nq.gz", "https://w3id.org/geokg/data/geokg.ttl.gz"}


def test_compress_query_load_and_eval_read_a_compressed_build(builds, compressed_only):
    text = query.named_queries()["members-of"].text
    plain = query.select(query.open_store(builds[0]), text)
    assert plain.rows and query.select(query.open_store(compressed_only), text) == plain
    by_name = {g.name: set(g.triples) for g in stores.read_build(builds[0])}
    assert {g.name: set(g.triples) for g in stores.read_build(compressed_only)} == by_name
    from geokg.eval.build import load_build

    assert len(load_build(compressed_only)) == len(load_build(builds[0]))


def test_compress_validate_reads_a_compressed_file(builds):
    result = CliRunner().invoke(main, ["validate", str(builds[0] / "geokg.ttl.gz")])
    assert result.exit_code == 0 and "conforms" in result.output


def test_compress_a_damaged_file_is_reported_with_its_name(builds, tmp_path):
    damaged = tmp_path / "geokg.ttl.gz"
    damaged.write_bytes((builds[0] / "geokg.ttl.gz").read_bytes()[:200])
    result = CliRunner().invoke(main, ["validate", str(damaged)])
    assert result.exit_code == 2 and "geokg.ttl.gz" in result.output
