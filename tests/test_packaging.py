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
def wheel(tmp_path_factory) -> Path:
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = wheels.glob("geokg-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment outside the source tree with the wheel installed by pip. Its
    dependencies (spaCy and its model, rdflib ...) are lent by the test's own environment through
    a path file, so nothing is downloaded; the source tree is not on its path."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    [site] = (venv / "lib").glob("python3*/site-packages")
    lent = next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir())
    (site / "zz_lent_dependencies.pth").write_text(lent + "\n", encoding="utf-8")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)]
    subprocess.run(pip, check=True, capture_output=True)
    return venv


def _geokg(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(installed / "bin" / "geokg"), *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_packaging_the_wheel_holds_every_data_file(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for path in ("resources/ontology/geokg.ttl", "resources/shapes/intentions.ttl", "queries/who-says-what.rq"):
        assert f"geokg/{path}" in names, path
    corpus = {Path(n).name for n in names if n.startswith("geokg/resources/corpus/")}
    assert corpus == {p.name for p in (ROOT / "corpus").iterdir()}
    assert any(n.startswith("geokg/nlp/data/") and n.endswith(".schema.json") for n in names)
    assert any(n.startswith("geokg/kb/data/") and n.endswith(".csv") for n in names)


def test_packaging_the_installed_geokg_builds_the_bundled_corpus_outside_the_source_tree(installed, tmp_path):
    located = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import geokg; print(geokg.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert located.stdout.strip().startswith(str(installed))  # the wheel's copy, not the source tree
    result = _geokg(installed, tmp_path, "build", "-q", "-o", "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "geokg.ttl").read_bytes() == (ROOT / "output" / "geokg.ttl").read_bytes()
    query = _geokg(installed, tmp_path, "query", "named-events", "--build", "out")
    assert query.returncode == 0 and "Cold War" in query.stdout
