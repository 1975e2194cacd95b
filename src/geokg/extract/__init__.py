"""From a parsed, linked document to claims with evidence: one module per claim type."""
