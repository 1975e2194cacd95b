"""Which files a build reads: the paths given, the supported files under given directories, the
bundled corpus when none; what cannot be read is reported, not passed over."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geokg.config import BUNDLED_CORPUS
from geokg.errors import InputError
from geokg.ingest.readers import STDIN, SUPPORTED_SUFFIXES
from geokg.model import Skipped


def collect_inputs(paths: Sequence[Path]) -> tuple[list[Path], list[Skipped]]:
    """The files to read: the given files (`-` is standard input), every file of a supported type
    under given directories; the bundled corpus when none. A path that does not exist, a file of
    another type or a directory with none of them is skipped and reported (InputError when no
    path gives anything: a typo is not a build)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths or [BUNDLED_CORPUS]:
        try:
            files.extend(_inputs_at(path))
        except InputError as err:
            skipped.append(Skipped(err.where, "read", err.problem, err.fix))
    if not files and skipped:
        first = skipped[0]
        raise InputError(first.where, first.problem, first.fix)
    _check_unique_names(files)
    return files, skipped


def _file_or_link(path: Path) -> bool:
    """A file, or a link to one that may be broken (then reported as missing, not passed over)."""
    return path.is_file() or (path.is_symlink() and not path.exists())


def _inputs_at(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and _file_or_link(p))
        if not found:
            raise InputError(
                str(path),
                f"the directory holds no {', '.join(SUPPORTED_SUFFIXES)} file",
                "Pass files of those types or a directory holding them",
            )
        return found
    if path != STDIN and not path.exists():
        raise InputError(
            str(path),
            "no such file or directory",
            "Check the path, or run `geokg build` with no path for the bundled corpus",
        )
    if path == STDIN or path.suffix.lower() in SUPPORTED_SUFFIXES:
        return [path]
    raise InputError(
        str(path),
        f"unsupported file type {path.suffix or '(no suffix)'!r}",
        f"Pass files ending in one of: {', '.join(SUPPORTED_SUFFIXES)}",
    )


def _check_unique_names(files: list[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in files:
        if path.name in seen and seen[path.name] != path:
            raise InputError(
                str(path),
                f"has the same file name as {seen[path.name]}",
                "Documents are identified by file name; rename one of them",
            )
        seen[path.name] = path
