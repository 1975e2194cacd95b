"""geokg: geopolitical writing in, a validated RDF knowledge graph with span-level evidence out."""

__version__ = "0.1.0"
