"""The NLP stage: the spaCy pipeline, fed by the reference KB, and the parsed document it yields."""
