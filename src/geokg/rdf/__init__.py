"""RDF: namespaces generated from the ontology, IRI minting, and mapping claims to triples."""
