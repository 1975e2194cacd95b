"""Where the report draws things: the network of actors (a force-directed layout with a fixed
seed) and the world map (Natural Earth's countries, from the world-atlas package, in an
equirectangular projection). Coordinates are rounded, so the SVG is the same bytes every time."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import networkx

NETWORK_WIDTH, NETWORK_HEIGHT, NETWORK_MARGIN = 960, 640, 60
MAP_WIDTH, MAP_HEIGHT = 960, 480
SEED = 7  # the layout's random start: fixed, so the same build gives the same picture
PARALLEL_SPACING = 22.0  # pixels between the curves of two claims joining the same two actors


@dataclass(frozen=True)
class Edge:
    """One claim's line from its holder to a target (or a loop on the holder, for no target)."""

    claim: str
    source: str
    target: str | None
    path: str  # SVG path data
    label_at: tuple[float, float]


def network_positions(nodes: Sequence[str], links: Iterable[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """A position for each node in the network's frame: Fruchterman-Reingold from a fixed seed,
    over the nodes in the order given (sorted by the caller)."""
    graph = networkx.Graph()
    graph.add_nodes_from(nodes)
    for source, target in links:
        if source != target:
            weight = graph.get_edge_data(source, target, {"weight": 0})["weight"]
            graph.add_edge(source, target, weight=weight + 1)
    if len(nodes) <= 1:
        return {node: (NETWORK_WIDTH / 2, NETWORK_HEIGHT / 2) for node in nodes}
    layout = networkx.spring_layout(graph, seed=SEED, iterations=200, k=1.6 / math.sqrt(max(len(nodes), 1)))
    xs = [x for x, _ in layout.values()]
    ys = [y for _, y in layout.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def fit(x: float, y: float) -> tuple[float, float]:
        inner_x, inner_y = NETWORK_WIDTH - 2 * NETWORK_MARGIN, NETWORK_HEIGHT - 2 * NETWORK_MARGIN
        return (
            round(NETWORK_MARGIN + (x - min(xs)) / span_x * inner_x, 1),
            round(NETWORK_MARGIN + (y - min(ys)) / span_y * inner_y, 1),
        )

    return {node: fit(*layout[node]) for node in nodes}


def curve(start: tuple[float, float], end: tuple[float, float], bend: float) -> tuple[str, tuple[float, float]]:
    """A quadratic curve from start to end bowed sideways by `bend` pixels, and its middle point."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    normal_x, normal_y = -(y2 - y1) / length, (x2 - x1) / length
    control = ((x1 + x2) / 2 + normal_x * bend * 2, (y1 + y2) / 2 + normal_y * bend * 2)
    middle = ((x1 + 2 * control[0] + x2) / 4, (y1 + 2 * control[1] + y2) / 4)
    path = f"M{x1:.1f},{y1:.1f} Q{control[0]:.1f},{control[1]:.1f} {x2:.1f},{y2:.1f}"
    return path, (round(middle[0], 1), round(middle[1], 1))


def loop(at: tuple[float, float], turn: int) -> tuple[str, tuple[float, float]]:
    """A loop on a node, for a claim with no target; `turn` sets loops of one node apart."""
    x, y = at
    angle = -math.pi / 2 + turn * math.pi / 4
    radius = 16 + 6 * (turn // 8)
    cx, cy = x + math.cos(angle) * radius * 1.6, y + math.sin(angle) * radius * 1.6
    path = (
        f"M{x:.1f},{y:.1f} C{cx + radius * math.sin(angle):.1f},{cy - radius * math.cos(angle):.1f} "
        f"{cx - radius * math.sin(angle):.1f},{cy + radius * math.cos(angle):.1f} {x:.1f},{y:.1f}"
    )
    return path, (round(cx, 1), round(cy, 1))


def bends(count: int) -> list[float]:
    """Sideways offsets for `count` curves between the same two nodes, symmetric about the straight line."""
    return [(index - (count - 1) / 2) * PARALLEL_SPACING for index in range(count)]


# --- the world map --------------------------------------------------------------------------------


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Equirectangular: longitude and latitude to the map's frame."""
    return round((longitude + 180) / 360 * MAP_WIDTH, 1), round((90 - latitude) / 180 * MAP_HEIGHT, 1)


@functools.cache
def country_outlines() -> tuple[tuple[str, str], ...]:
    """(name, SVG path data) of every country of Natural Earth's 1:110m admin-0 map, in the
    world-atlas TopoJSON (assets/countries-110m.json, decoded here: arcs delta-encoded and quantized)."""
    topology = json.loads(
        resources.files("geokg.report").joinpath("assets", "countries-110m.json").read_text(encoding="utf-8")
    )
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(project(x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indices: list[int]) -> str:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return "M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"

    outlines = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry.get("type"), []
        )
        path = "".join(ring(r) for polygon in polygons for r in polygon)
        if path:
            outlines.append((geometry.get("properties", {}).get("name", ""), path))
    return tuple(sorted(outlines))
