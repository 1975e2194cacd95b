"""Entity linking (mentions to KB entities or stable local ones) and coreference."""

from geokg.link.coref import Resolver
from geokg.link.linker import LinkedMention, link_mentions

__all__ = ["LinkedMention", "Resolver", "link_mentions"]
