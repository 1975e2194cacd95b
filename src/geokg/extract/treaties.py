"""Treaty mentions: treaties the document names, with parties and signing date from the KB."""

from __future__ import annotations

from geokg.kb import KnowledgeBase
from geokg.link import Resolver
from geokg.model import TreatyMention
from geokg.nlp.parsed import ParsedDocument


def extract_treaties(parsed: ParsedDocument, resolver: Resolver, kb: KnowledgeBase) -> list[TreatyMention]:
    """The first mention of each treaty, with what the reference data says of it."""
    found: dict[str, TreatyMention] = {}
    for mention in resolver.mentions:
        if mention.entity.kind != "Treaty" or mention.entity.key in found:
            continue
        info = kb.treaty_info(mention.entity.key)
        parties = tuple(kb.entities[key] for key in info.parties if key in kb.entities) if info else ()
        evidence = parsed.evidence(mention.start, mention.end)
        found[mention.entity.key] = TreatyMention(mention.entity, evidence, parties, info.signed if info else None)
    return list(found.values())
