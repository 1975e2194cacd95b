"""Behavioural tests (CheckList): cases generated from templates over the knowledge base, run through the
whole pipeline, and scored per phenomenon. `python -m tests.behaviour` prints the table."""
