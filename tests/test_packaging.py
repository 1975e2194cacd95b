"""geokg works when installed from a wheel, not only from the source tree: the ontology, shapes,
queries, lexicons, reference data and bundled corpus ship inside the package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """geokg built into a wheel and installed (without its dependencies, which the test's Python
    already has) into a directory outside the source tree."""
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("geokg-*.whl")
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def _geokg(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run(
        [sys.executable, "-m", "geokg", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_packaging_the_wheel_holds_every_data_file(installed: Path):
    package = installed / "geokg"
    for path in ("resources/ontology/geokg.ttl", "resources/shapes/intentions.ttl", "queries/who-says-what.rq"):
        assert (package / path).is_file(), path
    assert sorted(p.name for p in (package / "resources" / "corpus").iterdir()) == sorted(
        p.name for p in (ROOT / "corpus").iterdir()
    )
    assert list((package / "nlp" / "data").glob("*.schema.json")) and list((package / "kb" / "data").glob("*.csv"))


def test_packaging_the_installed_geokg_builds_the_bundled_corpus_outside_the_source_tree(installed, tmp_path):
    where = _geokg(installed, tmp_path, "--version")
    assert where.returncode == 0, where.stderr
    located = subprocess.run(
        [sys.executable, "-c", "import geokg; print(geokg.__file__)"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert located.stdout.strip().startswith(str(installed))  # the wheel's copy, not the source tree
    result = _geokg(installed, tmp_path, "build", "-q", "-o", "out")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "out" / "geokg.ttl").read_bytes()
    assert built == (ROOT / "output" / "geokg.ttl").read_bytes()
    query = _geokg(installed, tmp_path, "query", "named-events", "--build", "out")
    assert query.returncode == 0 and "Cold War" in query.stdout
