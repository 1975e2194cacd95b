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

NETWORK_WIDTH, NETWORK_HEIGHT, NETWORK_MARGIN = 960, 640, 50
MAX_NETWORK_HEIGHT = 1400  # the picture grows with the nodes (from 30), up to this
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


@dataclass(frozen=True)
class Frame:
    """The network's drawing: where each node is, and how tall the picture is (it grows with the nodes)."""

    positions: dict[str, tuple[float, float]]
    height: int


def network_positions(nodes: Sequence[str], links: Iterable[tuple[str, str]]) -> Frame:
    """A position for each node: each connected group of actors laid out on its own
    (Fruchterman-Reingold from a fixed seed, over the nodes in the order given, sorted by the
    caller), then the groups packed in rows, largest first, each in a square as large as its
    nodes are many. (One layout of all would push small groups to the edges and crush the rest.)"""
    graph = networkx.Graph()
    graph.add_nodes_from(nodes)
    for source, target in links:
        if source != target:
            weight = graph.get_edge_data(source, target, {"weight": 0})["weight"]
            graph.add_edge(source, target, weight=weight + 1)
    order = {node: index for index, node in enumerate(nodes)}
    groups = sorted(
        (sorted(group, key=order.__getitem__) for group in networkx.connected_components(graph)),
        key=lambda group: (-len(group), order[group[0]]),
    )
    height = round(min(MAX_NETWORK_HEIGHT, max(NETWORK_HEIGHT, NETWORK_HEIGHT * math.sqrt(len(nodes) / 30))))
    cells = _pack([len(group) for group in groups], NETWORK_WIDTH - 2 * NETWORK_MARGIN, height - 2 * NETWORK_MARGIN)
    positions: dict[str, tuple[float, float]] = {}
    for group, (left, top, side) in zip(groups, cells, strict=True):
        for node, (x, y) in _unit_layout(graph.subgraph(group), group).items():
            positions[node] = (
                round(NETWORK_MARGIN + left + x * side, 1),
                round(NETWORK_MARGIN + top + y * side, 1),
            )
    return Frame(positions, height)


def _unit_layout(graph: networkx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """The group's layout in the unit square (a lone node at its centre)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    if len(nodes) == 2:
        return {nodes[0]: (0.15, 0.5), nodes[1]: (0.85, 0.5)}
    layout = networkx.spring_layout(graph, seed=SEED, iterations=200, k=1.5 / math.sqrt(len(nodes)))
    xs = [layout[node][0] for node in nodes]
    ys = [layout[node][1] for node in nodes]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    pad_x = (1 - (max(xs) - min(xs)) / span) / 2
    pad_y = (1 - (max(ys) - min(ys)) / span) / 2
    return {
        node: (pad_x + (layout[node][0] - min(xs)) / span, pad_y + (layout[node][1] - min(ys)) / span) for node in nodes
    }


def _pack(sizes: Sequence[int], width: float, height: float) -> list[tuple[float, float, float]]:
    """(left, top, side) of a square per group, in rows: each square's area proportional to its
    group's nodes, all scaled down until the rows fit the frame."""
    scale = math.sqrt(width * height / max(sum(sizes), 1))
    while True:
        cells, left, top, row = [], 0.0, 0.0, 0.0
        for size in sizes:
            side = min(scale * math.sqrt(size) * 0.9, width, height)
            if left + side > width + 0.01:
                left, top, row = 0.0, top + row, 0.0
            cells.append((left, top, side))
            left, row = left + side, max(row, side)
        if top + row <= height + 0.01 or scale < 1:
            return cells
        scale *= 0.95


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
