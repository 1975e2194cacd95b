"""Real triple stores: serve a build over HTTP, and push a build into a store that runs elsewhere.

- `build`: `read_build` reads a build as named graphs (one per document, the reference data,
  the ontology, and the dataset description), from its N-Quads (or TriG) file.
- `push`: `push` sends each graph with an HTTP PUT of the SPARQL 1.1 Graph Store HTTP Protocol
  (`<endpoint>?graph=<graph IRI>`), which replaces the graph: pushing twice leaves the same data.
- `serve`: `Endpoint` serves a build read-only on 127.0.0.1: a copy of the build in a pyoxigraph
  store, queried by worker processes of geokg's own (`engine`: side by side, each query stopped
  at its timeout), behind the `guard`, the only door: the SPARQL 1.1 Protocol, the Graph Store
  Protocol's reads, Linked Data for the build's IRIs (`linked`), the dataset description and the
  ontology; updates, writes and federated `SERVICE` queries (`federation`) are refused.

HTTP goes through the standard library only.
"""

from geokg.stores.build import (
    DATASET_FILES,
    DESCRIPTION_FILE,
    TRIPLE_FILES,
    NamedGraph,
    read_build,
    with_union_graph,
)
from geokg.stores.errors import StoreError
from geokg.stores.federation import may_call_service
from geokg.stores.oxigraph import HOST, find_oxigraph, free_port
from geokg.stores.push import Progress, graph_url, push
from geokg.stores.serve import Endpoint

__all__ = [
    "DATASET_FILES",
    "DESCRIPTION_FILE",
    "HOST",
    "TRIPLE_FILES",
    "Endpoint",
    "NamedGraph",
    "Progress",
    "StoreError",
    "find_oxigraph",
    "free_port",
    "graph_url",
    "may_call_service",
    "push",
    "read_build",
    "with_union_graph",
]
