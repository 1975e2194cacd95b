"""An evaluation report as a plain-text table (with error lists) or as the reference scorer's JSON."""

from __future__ import annotations

from typing import Any

from geokg.eval.report import FACT_TYPES, DocumentReport, EvalReport, Score

_HEADER = f"{'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"


def report_to_json(report: EvalReport, *, causes: bool = False, documents: bool = False) -> dict[str, Any]:
    """The reference scorer's --json figures; with `causes`, also "error_causes" (fact type → error kind
    → cause → count); with `documents`, also a "documents" key per document."""
    details = report.details
    out: dict[str, Any] = {k: _score_json(s) for k, s in report.totals.items()}
    out["intention_details"] = {
        "matched": details.matched,
        "modality_acc": round(details.modality_acc, 3),
        "attribution_acc": round(details.attribution_acc, 3),
        "target_acc": round(details.target_acc, 3),
    }
    out["documents_found"] = report.documents_found
    out["documents_gold"] = report.documents_gold
    if causes:
        out["error_causes"] = _causes_json(report)
    if documents:
        out["documents"] = {d.stem: _document_json(d) for d in report.documents}
    return out


def _causes_json(report: EvalReport) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {}
    for (fact_type, kind, cause), count in report.cause_counts.items():
        out.setdefault(fact_type, {}).setdefault(kind, {})[cause] = count
    return out


def _score_json(s: Score) -> dict[str, Any]:
    return {"tp": s.tp, "pred": s.pred, "gold": s.gold, "p": round(s.p, 3), "r": round(s.r, 3), "f1": round(s.f1, 3)}


def _document_json(d: DocumentReport) -> dict[str, Any]:
    return {
        "found": d.found,
        "scores": {k: _score_json(s) for k, s in d.scores.items()},
        "missed": [vars(m) for m in d.missed],
        "false_positives": [vars(fp) for fp in d.false_positives],
        "detail_errors": [vars(e) for e in d.detail_errors],  # each with its cause
        "non_intentions": [{"text": n.text, "why": n.why, "facts": list(n.facts)} for n in d.non_intentions],
    }


def format_report(report: EvalReport, *, errors: bool = False) -> str:
    """A plain-text table of the figures; with `errors`, each document's error lists after it."""
    details = report.details
    lines = [
        f"documents found: {report.documents_found} of {report.documents_gold}",
        "",
        f"{'fact type':<18} {_HEADER}",
    ]
    lines += [f"{k:<18} {_score_cells(s)}" for k, s in report.totals.items()]
    lines += [
        "",
        f"intention details ({details.matched} matched)",
        f"  modality     {details.modality_acc:.3f}",
        f"  attribution  {details.attribution_acc:.3f}",
        f"  target       {details.target_acc:.3f}",
        "",
    ]
    lines += _document_rows(report)
    lines += ["", f"gold non-intentions extracted: {report.non_intentions_extracted}"]
    if errors:
        lines += ["", *_cause_table(report)]
        for doc in report.documents:
            lines += _error_lines(doc)
    return "\n".join(lines) + "\n"


def _score_cells(s: Score) -> str:
    return f"{s.p:6.3f} {s.r:6.3f} {s.f1:6.3f} {s.tp:5d} {s.pred:5d} {s.gold:5d}"


def _document_rows(report: EvalReport) -> list[str]:
    width = max([len("intentions per document"), *(len(d.stem) + 16 for d in report.documents)])
    rows = [f"{'intentions per document':<{width}} {_HEADER}"]
    for d in report.documents:
        name = d.stem if d.found else f"{d.stem} (not in build)"
        rows.append(f"{name:<{width}} {_score_cells(d.scores['intentions'])}")
    return rows


def _cause_table(report: EvalReport) -> list[str]:
    """The errors of all documents counted per cause, one row per (fact type, kind, cause)."""
    counts = report.cause_counts
    width = max([len("cause"), *(len(cause) for _, _, cause in counts)])
    rows = [
        f"error causes ({sum(counts.values())} errors)",
        f"{'fact type':<12} {'error':<15} {'cause':<{width}} {'count':>5}",
    ]
    for (fact_type, kind, cause), count in counts.items():
        rows.append(f"{fact_type:<12} {kind:<15} {cause:<{width}} {count:5d}")
    return rows if counts else [rows[0], "  none"]


def _error_lines(doc: DocumentReport) -> list[str]:
    """One document's error lists under its heading, or "no errors"."""
    lines = [line for fact_type in FACT_TYPES for line in _fact_type_errors(doc, fact_type)]
    lines += _detail_errors(doc) + _non_intention_errors(doc)
    return ["", f"== {doc.stem} ==", *(lines or ["no errors"])]


def _fact_type_errors(doc: DocumentReport, fact_type: str) -> list[str]:
    missed = [m for m in doc.missed if m.fact_type == fact_type]
    fps = [fp for fp in doc.false_positives if fp.fact_type == fact_type]
    lines = []
    if missed:
        lines.append(f"missed {fact_type} ({len(missed)})")
        lines += [
            f"  - {_cause_mark(m.cause)}{m.agent or '(no agent)'}"
            + (f': "{m.evidence}"' if m.evidence else "")
            + f"\n    {m.reason}"
            for m in missed
        ]
    if fps:
        lines.append(f"false positive {fact_type} ({len(fps)})")
        lines += [
            f"  - {_cause_mark(fp.cause)}{fp.fact} [{fp.holder}]" + (f': "{fp.exact}"' if fp.exact else "")
            for fp in fps
        ]
    return lines


def _cause_mark(cause: str) -> str:
    return f"({cause}) " if cause else ""


def _detail_errors(doc: DocumentReport) -> list[str]:
    if not doc.detail_errors:
        return []
    return [
        f"wrong intention details ({len(doc.detail_errors)})",
        *(
            f"  - {e.fact} {e.field}: expected {e.expected or '(none)'}, got {e.got or '(none)'}"
            for e in doc.detail_errors
        ),
    ]


def _non_intention_errors(doc: DocumentReport) -> list[str]:
    if not doc.non_intentions:
        return []
    return [
        f"non-intentions extracted ({len(doc.non_intentions)})",
        *(f'  - "{n.text}" by {", ".join(n.facts)}' for n in doc.non_intentions),
    ]
