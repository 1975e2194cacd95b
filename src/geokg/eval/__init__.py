"""Score a geokg build against a directory of gold annotations, fact type by fact type.

The build is read only through the publishing contract (docs: ../design/contract.md), with the
matching rules of the project's reference scorer (tests/data/score_reference.py): every figure
here equals the one it prints. On top of the figures, the report says per document which gold
facts were missed and why, which predictions were false positives, which matched intentions have
the wrong modality, attribution or target, and which gold non-intentions were extracted.

Modules: gold (reading the gold files), build (reading a build), queries (the SPARQL),
similarity (text and actor comparison), matching and intentions (the matching rules),
scoring (scoring a build), report (the result types), format (text and JSON output).
"""

from __future__ import annotations

from geokg.eval.build import RDF_FORMATS, load_build
from geokg.eval.errors import EvalInputError
from geokg.eval.format import format_report, report_to_json
from geokg.eval.gold import load_gold
from geokg.eval.matching import NO_OVERLAP
from geokg.eval.report import (
    FACT_TYPES,
    DetailError,
    DocumentReport,
    EvalReport,
    ExtractedNonIntention,
    FalsePositive,
    IntentionDetails,
    MissedGold,
    Score,
)
from geokg.eval.scoring import score
from geokg.eval.similarity import norm, overlap

__all__ = [
    "FACT_TYPES",
    "NO_OVERLAP",
    "RDF_FORMATS",
    "DetailError",
    "DocumentReport",
    "EvalInputError",
    "EvalReport",
    "ExtractedNonIntention",
    "FalsePositive",
    "IntentionDetails",
    "MissedGold",
    "Score",
    "format_report",
    "load_build",
    "load_gold",
    "norm",
    "overlap",
    "report_to_json",
    "score",
]
