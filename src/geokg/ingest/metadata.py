"""Document metadata (title, author, publisher, date) taken from what the text itself states.

Only patterns that real pages use: a headline on the first line, a bibliography line
("Konstantin Eggert Deutsche Welle, 10-27, 21, Title, Bibliography"), a byline sentence
("writes Konstantin Eggert for Deutsche Welle"), and a dateline ("March 18, 2014, 15:50").
"""

from __future__ import annotations

import re
from datetime import date

_NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,2}"
_BIBLIOGRAPHY = re.compile(
    # names: one run of words, no sentence end inside ("J. Roe" is a name; "countries. Jane Roe" is not)
    r"^(?P<names>[A-Z](?:(?!\.\s)[^,\n]){0,80}), (?P<month>\d\d?)-(?P<day>\d\d?), (?P<year>\d\d(?:\d\d)?), "
    r"(?P<title>[^\n]+?), Bibliography",
    re.MULTILINE,
)
_BYLINE = re.compile(
    rf"\b(?:writes|reports|By) (?P<author>{_NAME}) for (?P<publisher>(?:the )?[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*)*)"
)
# Words each pattern cannot match without: looking for them (a substring search, a few µs) rules
# most articles out before the pattern is tried at every word (the byline) or line (50 to 100 µs).
_BYLINE_WORDS = ("writes ", "reports ", "By ")
_BIBLIOGRAPHY_WORDS = (", Bibliography",)
_MONTHS = "January February March April May June July August September October November December".split()
_DATELINE = re.compile(
    rf"^\s*(?:Updated on\s+)?(?P<month>{'|'.join(_MONTHS)}) (?P<day>\d\d?), (?P<year>\d{{4}})\b", re.MULTILINE
)
_MAX_TITLE = 160
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d\d)-(\d\d)(?:$|[T\s])")
_PAGE_FURNITURE = re.compile(r"^(?:jump to content|skip to .*|menu|home|search)$|©", re.IGNORECASE)


def metadata_from_text(text: str) -> dict[str, str | None]:
    """Title, author, publisher and issued date (ISO) where the text states them, else None."""
    found: dict[str, str | None] = {"title": _headline(text), "author": None, "publisher": None, "issued": None}
    if _has_any(text, _BYLINE_WORDS) and (match := _BYLINE.search(text)):
        found.update(author=match["author"], publisher=match["publisher"])
    lines = text.split("\n")
    if _has_any(text, _BIBLIOGRAPHY_WORDS) and (match := _at_a_line_start(_BIBLIOGRAPHY, lines)):
        author, publisher = _split_names(match["names"], found["author"])
        found.update(author=author, publisher=publisher, title=match["title"].strip())
        found["issued"] = _iso(match["year"], match["month"], match["day"])
    elif match := _at_a_line_start(_DATELINE, lines):
        found["issued"] = _iso(match["year"], str(_MONTHS.index(match["month"]) + 1), match["day"])
    return found


def _has_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _at_a_line_start(pattern: re.Pattern[str], lines: list[str]) -> re.Match[str] | None:
    """The first line-start match of a pattern anchored by `^` in MULTILINE mode, found line by
    line: Python's `re` tries a `^`-anchored search at every character of an article (50 µs),
    where only line starts can match. The same groups as `pattern.search(text)`: a match that
    `^\\s*` starts on a blank line goes on to a later line, where it also starts."""
    for line in lines:
        if match := pattern.match(line):
            return match
    return None


def iso_date(value: str | None) -> str | None:
    """ "2014-03-18" or "2014-03-18T15:50:00+04:00" -> "2014-03-18"; anything else (or no real date) -> None."""
    match = _ISO_DATE.match(value or "")
    return _iso(*match.groups()) if match else None


def _split_names(names: str, byline_author: str | None) -> tuple[str, str | None]:
    """ "Konstantin Eggert Deutsche Welle" -> author and publisher, using the byline when there is one."""
    if byline_author and names.startswith(byline_author + " "):
        return byline_author, names[len(byline_author) + 1 :].strip()
    words = names.split()
    return " ".join(words[:2]), " ".join(words[2:]) or None


def _headline(text: str) -> str | None:
    """The first line that is not page furniture, when it reads like a headline."""
    lines = (line.strip() for line in text.splitlines())
    first = next((line for line in lines if line and not _PAGE_FURNITURE.search(line)), "")
    if not first or len(first) > _MAX_TITLE or first.endswith((".", ",", ";", ":")):
        return None
    return first


def _iso(year: str, month: str, day: str) -> str | None:
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(full_year, int(month), int(day)).isoformat()
    except ValueError:
        return None
