"""Turtle written by a process of its own from N-Triples fed through a pipe (geokg.turtle)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from geokg.rdf.prefixes import PREFIXES
from geokg.turtle import TurtleWriter

LINES = [
    f'<https://w3id.org/geokg/id/entity/Q{n}> <http://www.w3.org/2000/01/rdf-schema#label> "State {n}"@en .\n'.encode()
    for n in range(2_000)
] + [
    f"<https://w3id.org/geokg/id/entity/Q{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/geokg/ontology#State> .\n".encode()
    for n in range(2_000)
]


def test_turtle_writer_gives_the_bytes_of_pyoxigraph_in_this_process_whatever_the_pieces(tmp_path):
    data = b"".join(sorted(LINES))
    expected = ox.serialize(
        ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)
    )
    for size in (len(data), 4096, 37):  # a line cut anywhere between two pieces
        writer = TurtleWriter(tmp_path / f"{size}.ttl", PREFIXES)
        for start in range(0, len(data), size):
            writer.write(data[start : start + size])
        writer.close()
        assert (tmp_path / f"{size}.ttl").read_bytes() == expected


def test_turtle_writer_that_fails_says_why_even_when_fed_on_after_it_stopped(tmp_path):
    writer = TurtleWriter(tmp_path / "out.ttl", PREFIXES)
    writer.write(b"<urn:a> <urn:b> not N-Triples .\n")
    with pytest.raises(OSError, match=r"writing .*out\.ttl as Turtle failed: \w+"):
        for _ in range(200):  # 200 MiB: more than a pipe holds, once the process is gone
            writer.write(b"<urn:a> <urn:b> <urn:c> .\n" * 40_000)
        writer.close()


def test_turtle_writer_killed_leaves_no_process(tmp_path):
    writer = TurtleWriter(tmp_path / "out.ttl", PREFIXES)
    writer.write(LINES[0])
    writer.kill()
    assert writer._process.poll() is not None
