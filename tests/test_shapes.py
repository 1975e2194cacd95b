"""The SHACL shapes, tested with data: one Turtle file per case in tests/shapes/ (see its README)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from geokg.validate import Violation, conforms_natively, load_shapes, shapes_dir, validate, validate_lines

T = Namespace("https://w3id.org/geokg/test/shapes#")
GK = Namespace("https://w3id.org/geokg/ontology#")
GKSH = Namespace("https://w3id.org/geokg/shapes#")
CASES_DIR = Path(__file__).parent / "shapes"
CASE_FILES = sorted(CASES_DIR.glob("*.ttl"))
ONTOLOGY = Path(__file__).parents[1] / "ontology" / "geokg.ttl"

Expected = tuple[Node, Node | None, Node, Node]  # focus, path, constraint, shape


@dataclass(frozen=True)
class Case:
    name: str
    data: Graph
    conforms: bool
    expected: frozenset[Expected]
    values: tuple[tuple[Expected, Node], ...]

    @classmethod
    def load(cls, path: Path) -> Case:
        graph = Graph().parse(path, format="turtle")
        cases = list(graph.subjects(RDF.type, T.ShapeTest))
        assert cases == [T.case], f"{path.name}: needs exactly one `t:case a t:ShapeTest`"
        conforms = graph.value(T.case, T.conforms)
        assert isinstance(conforms, Literal), f"{path.name}: t:case needs t:conforms true or false"
        expects = [_expectation(graph, node, path) for node in graph.objects(T.case, T.expect)]
        data = graph - graph.cbd(T.case)
        values = tuple((key, value) for key, value in expects if value is not None)
        return cls(path.stem, data, bool(conforms.toPython()), frozenset(key for key, _ in expects), values)


def _expectation(graph: Graph, node: Node, path: Path) -> tuple[Expected, Node | None]:
    fields = [graph.value(node, term) for term in (T.focus, T.path, T.constraint, T.shape)]
    missing = None in (fields[0], fields[2], fields[3])
    assert not missing, f"{path.name}: each t:expect needs t:focus, t:constraint and t:shape"
    return (fields[0], fields[1], fields[2], fields[3]), graph.value(node, T.value)


def _key_of(violation: Violation) -> Expected:
    focus = T.BlankNode if isinstance(violation.focus_node, BNode) else violation.focus_node
    return (focus, violation.path, violation.constraint, violation.shape)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return [Case.load(path) for path in CASE_FILES]


def _failing_expectations(cases: list[Case]) -> set[Expected]:
    return {expected for case in cases if not case.conforms for expected in case.expected}


def _shapes_of(shapes: Graph, kind: URIRef) -> set[Node]:
    return {shape for shape in shapes.subjects(RDF.type, kind) if isinstance(shape, URIRef)}


# --- the cases ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_shapes_case(path: Path, shapes: Graph) -> None:
    case = Case.load(path)
    assert case.conforms == (not case.expected), "t:conforms true goes with no t:expect, false with some"
    report = validate(case.data, shapes=shapes)
    actual = {_key_of(v) for v in report.violations}
    assert report.conforms == case.conforms, report.text()
    assert actual == case.expected, report.text()
    for key, value in case.values:
        found = {v.value for v in report.violations if _key_of(v) == key}
        assert value in found, f"expected value {value!r} among {found!r}"


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_shapes_case_native_engine_gives_the_same_verdict(path: Path) -> None:
    """A build takes rudof's verdict (validate_lines): on every case it must be pySHACL's."""
    case = Case.load(path)
    assert conforms_natively(case.data.serialize(format="nt", encoding="utf-8")) == case.conforms


def test_shapes_native_verdict_on_bad_data_comes_with_pyshacls_report() -> None:
    case = Case.load(CASES_DIR / "treaties-party-string.ttl")
    violations = validate_lines(case.data.serialize(format="nt", encoding="utf-8"))
    assert {_key_of(v) for v in violations} == case.expected


def test_shapes_cases_exist() -> None:
    assert len(CASE_FILES) > 50


def test_shapes_every_area_has_a_valid_case() -> None:
    areas = sorted(path.stem for path in shapes_dir().glob("*.ttl"))
    missing = [area for area in areas if not (CASES_DIR / f"{area}-valid.ttl").exists()]
    assert not missing, f"add tests/shapes/<area>-valid.ttl for {missing}"


def test_shapes_cases_name_existing_shapes(cases: list[Case], shapes: Graph) -> None:
    known = _shapes_of(shapes, SH.NodeShape) | _shapes_of(shapes, SH.PropertyShape)
    named = {shape for case in cases for (_, _, _, shape) in case.expected}
    assert named <= known, f"cases expect shapes that do not exist: {sorted(named - known)}"


# --- every shape is tested ---------------------------------------------------------------------


_NESTED = {  # a result of this component means the shape named by that parameter failed
    SH.NodeConstraintComponent: SH.node,
    SH.QualifiedMinCountConstraintComponent: SH.qualifiedValueShape,
}


def _covered(cases: list[Case], shapes: Graph) -> set[Node]:
    """The shapes some failing case makes fail: the expected shapes, the node shapes they are
    property shapes of, and the value shapes (with their property shapes) that an expected
    sh:node or sh:qualifiedMinCount result stands for."""
    expected = _failing_expectations(cases)
    covered = {shape for (_, _, _, shape) in expected}
    covered |= {node for shape in covered for node in shapes.subjects(SH.property, shape)}
    nested = {shapes.value(shape, _NESTED[c]) for (_, _, c, shape) in expected if c in _NESTED}
    covered |= nested | {prop for value in nested for prop in shapes.objects(value, SH.property)}
    return covered


def test_shapes_every_node_shape_has_a_failing_case(cases: list[Case], shapes: Graph) -> None:
    missing = sorted(_shapes_of(shapes, SH.NodeShape) - _covered(cases, shapes))
    assert not missing, f"add a failing case to tests/shapes/ for {missing}"


def test_shapes_every_property_shape_has_a_failing_case(cases: list[Case], shapes: Graph) -> None:
    missing = sorted(_shapes_of(shapes, SH.PropertyShape) - _covered(cases, shapes))
    assert not missing, f"add a failing case to tests/shapes/ for {missing}"


def test_shapes_every_property_shape_is_declared(shapes: Graph) -> None:
    used = {shape for shape in shapes.objects(None, SH.property)}
    undeclared = sorted(str(s) for s in used - _shapes_of(shapes, SH.PropertyShape))
    assert not undeclared, f"name each property shape and type it sh:PropertyShape: {undeclared}"


def test_shapes_every_shape_has_message_and_severity(shapes: Graph) -> None:
    named = _shapes_of(shapes, SH.NodeShape) | _shapes_of(shapes, SH.PropertyShape)
    no_message = sorted(str(s) for s in named if not list(shapes.objects(s, SH.message)))
    not_violation = sorted(str(s) for s in named if shapes.value(s, SH.severity) != SH.Violation)
    assert not no_message, f"add an sh:message saying what is wrong and what to do: {no_message}"
    assert not not_violation, f"add sh:severity sh:Violation: {not_violation}"


# --- the shapes agree with the ontology --------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    if not ONTOLOGY.exists():
        pytest.skip("ontology/geokg.ttl is not there yet")
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.mark.parametrize(
    ("shape", "concept_class"),
    [
        (GKSH["StatedIntention-modality"], GK.Modality),
        (GKSH["StatedIntention-certainty"], GK.Certainty),
        (GKSH["Event-eventType"], GK.EventType),
    ],
)
def test_shapes_in_lists_match_ontology(shapes: Graph, ontology: Graph, shape: URIRef, concept_class: URIRef) -> None:
    listed = set(Collection(shapes, shapes.value(shape, SH["in"])))
    declared = set(ontology.subjects(RDF.type, concept_class))
    assert listed == declared, f"{shape} sh:in and the ontology's {concept_class} individuals differ"


def test_shapes_use_only_ontology_terms(shapes: Graph, ontology: Graph) -> None:
    used = {term for triple in shapes for term in triple if isinstance(term, URIRef) and term in GK}
    undeclared = sorted(used - set(ontology.subjects()))
    assert not undeclared, f"shapes use gk: terms the ontology lacks: {undeclared}"
