"""The project's exceptions. Each message says what is wrong, where, and what to do."""

from __future__ import annotations


class GeokgError(Exception):
    """Base of every error geokg raises on purpose; `exit_code` is what the CLI exits with."""

    exit_code = 2


class InputError(GeokgError):
    """An input file or argument geokg cannot use (missing, empty, undecodable, malformed)."""

    def __init__(self, source: str, problem: str, fix: str, *, line: int | None = None):
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}. {fix}")
        self.source = source
        self.line = line
        self.problem = problem
        self.fix = fix

    def __reduce__(self):
        # raised in --jobs worker processes too: rebuilt from its parts, not from the message
        return _input_error, (self.source, self.problem, self.fix, self.line)

    @property
    def where(self) -> str:
        """The file, and the line when known: "feed.jsonl:12"."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source


def _input_error(source: str, problem: str, fix: str, line: int | None) -> InputError:
    return InputError(source, problem, fix, line=line)


class SkippedInputsError(GeokgError):
    """A build skipped inputs with --strict, or skipped every one: nothing was published."""

    def __init__(self, skipped, *, strict: bool = True):
        lines = "\n".join(f"  {s.where}: {s.problem}. {s.fix}" for s in skipped)
        why = "with --strict" if strict else "no document was left to publish, so"
        super().__init__(f"{len(skipped)} input(s) skipped; {why} nothing was published:\n{lines}")
        self.skipped = tuple(skipped)
        self.strict = strict

    def __reduce__(self):
        return _skipped_inputs_error, (self.skipped, self.strict)


def _skipped_inputs_error(skipped, strict: bool) -> SkippedInputsError:
    return SkippedInputsError(skipped, strict=strict)


class OutputError(InputError):
    """The output directory cannot be written (no space, no permission); nothing was published."""


class ConfigError(GeokgError):
    """A setting with a value geokg does not accept."""


class NotConformingError(GeokgError):
    """The data does not conform to the SHACL shapes; nothing was published."""

    exit_code = 1

    def __init__(self, report_text: str):
        super().__init__(f"the graph does not conform to the shapes, nothing was published:\n{report_text}")
        self.report_text = report_text


class LexiconError(GeokgError):
    """A lexicon file (nlp/data/<name>.json or its override) that is not valid JSON or breaks its schema."""

    def __init__(self, source: str, problems: tuple[str, ...], fix: str):
        lines = "\n".join(f"{source}: {problem}" for problem in problems)
        super().__init__(f"{lines}\n{fix}")
        self.source = source
        self.problems = problems
        self.fix = fix

    def __reduce__(self):
        # raised in --jobs worker processes too: rebuilt from its parts, not from the message
        return type(self), (self.source, self.problems, self.fix)
