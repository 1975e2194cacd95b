"""Entity linking (mentions to KB entities or stable local ones) and coreference."""

from geokg.kb import KnowledgeBase
from geokg.link.abbreviations import with_abbreviations
from geokg.link.coref import Resolver
from geokg.link.linker import LinkedMention, link_names
from geokg.nlp.parsed import ParsedDocument


def link_mentions(parsed: ParsedDocument, kb: KnowledgeBase) -> tuple[LinkedMention, ...]:
    """Every named-entity span of the document linked to one entity, an abbreviation defined in the
    text ("the International Space Station (ISS)") to the entity of its long form."""
    return with_abbreviations(parsed.doc, link_names(parsed, kb))


__all__ = ["LinkedMention", "Resolver", "link_mentions"]
