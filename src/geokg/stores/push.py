"""Pushing graphs into a store over the SPARQL 1.1 Graph Store HTTP Protocol (`geokg load`).

Each graph goes with an HTTP PUT to `<endpoint>?graph=<graph IRI>`, which replaces the graph:
pushing twice leaves the same data.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence

from geokg.errors import InputError
from geokg.stores.build import NamedGraph
from geokg.stores.errors import StoreError, excerpt

Progress = Callable[[int, int, str], None]


def push(
    endpoint: str, graphs: Sequence[NamedGraph], *, progress: Progress | None = None, timeout: float = 120.0
) -> None:
    """PUT each graph to a Graph Store HTTP Protocol endpoint, replacing the graph of that name."""
    _check_endpoint(endpoint)
    for number, graph in enumerate(graphs, 1):
        if progress is not None:
            progress(number, len(graphs), graph.label)
        _put(endpoint, graph, timeout=timeout)


def graph_url(endpoint: str, name: str | None) -> str:
    """The URL of one graph at a Graph Store endpoint: `?graph=<IRI>` (indirect), or `?default`."""
    query = "default" if name is None else urllib.parse.urlencode({"graph": name})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _check_endpoint(endpoint: str) -> None:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise InputError(
            endpoint,
            "is not an http(s) URL",
            "Pass the store's Graph Store endpoint, e.g. --endpoint http://127.0.0.1:7878/store",
        )


def _put(endpoint: str, graph: NamedGraph, *, timeout: float) -> None:
    request = urllib.request.Request(
        graph_url(endpoint, graph.name),
        data=graph.ntriples(),
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        message = excerpt(err.read())
        raise StoreError(
            endpoint,
            f"refused {graph.label} with HTTP {err.code} {err.reason}{': ' + message if message else ''}",
            "Check that the URL is the store's Graph Store endpoint and that the store accepts writes",
        ) from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise StoreError(
            endpoint, f"is unreachable ({reason})", "Check that the store is running and the host and port are right"
        ) from err
