from pathlib import Path

import ftfy
import pytest
from ftfy.badness import is_bad
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geokg.errors import InputError
from geokg.ingest import read_path, read_text
from geokg.ingest.metadata import metadata_from_text
from geokg.ingest.text import may_be_mojibake, repaired


def test_ingest_missing_file_names_it(tmp_path: Path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_path(tmp_path / "nope.txt")


def test_ingest_empty_file_is_an_input_error(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.txt: the document is empty"):
        read_path(path)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-8-sig", "utf-32"])
def test_ingest_text_in_a_common_encoding_is_read_and_the_encoding_recorded(tmp_path: Path, encoding: str):
    text = "Poland\u2019s defence minister said on Monday that the caf\u00e9 r\u00e9sum\u00e9 was closed."
    if encoding == "latin-1":
        text = text.replace("\u2019", "'")  # Latin-1 has no curly apostrophe
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    document = read_path(path)
    assert document.text == text
    expected = {"latin-1": "cp1252", "cp1252": "cp1252", "utf-8-sig": "utf-8-sig"}.get(encoding, encoding)
    assert document.encoding == expected


def test_ingest_mojibake_is_repaired():
    garbled = "Russia\u2019s minister said Moscow will respond.".encode().decode("cp1252")
    assert read_text(garbled.encode(), identifier="a.txt", source="a.txt").text == (
        "Russia\u2019s minister said Moscow will respond."
    )


# Mojibake is made of Latin-1 and Latin Extended letters, Greek and Cyrillic ones (UTF-8 read as
# Windows-1253 or -1251), typography and math signs (MacRoman): the text a mojibake check is asked
# about, with ASCII between.
_MOJIBAKE_PRONE = st.one_of(
    st.characters(min_codepoint=0x09, max_codepoint=0x7E),
    st.characters(min_codepoint=0x80, max_codepoint=0x24F),
    st.characters(min_codepoint=0x391, max_codepoint=0x45F),
    st.characters(min_codepoint=0x2010, max_codepoint=0x2265),
)


@given(st.lists(_MOJIBAKE_PRONE, max_size=60).map("".join))
def test_mojibake_check_near_non_ascii_is_ftfys_check_of_the_whole_text(text: str):
    assert may_be_mojibake(text) == is_bad(text)


@pytest.mark.parametrize(
    "clean",
    [
        "Poland\u2019s minister \u2014 \u201cwe will\u201d \u2014 spoke in Gda\u0144sk at 5\u00b0C.",
        "Plain ASCII text, with no character outside it at all.",
        "caf\u00e9, na\u00efve, \u00c5land, \u00d8resund, Z\u00fcrich",
    ],
)
def test_text_without_mojibake_is_left_as_ftfy_leaves_it(clean: str):
    assert repaired(clean) == ftfy.fix_encoding(clean) == clean


@pytest.mark.parametrize(
    "original", ["Russia\u2019s plan \u2014 caf\u00e9", "S\u00e3o Paulo \u2013 caf\u00e9", "Gda\u0144sk"]
)
@pytest.mark.parametrize("misread_as", ["cp1252", "latin-1", "macroman"])
def test_mojibake_far_from_the_start_of_a_long_text_is_repaired(original: str, misread_as: str):
    garbled = original.encode().decode(misread_as)
    padding = "NATO said so. " * 400  # 5,600 ASCII characters first
    assert may_be_mojibake(padding + garbled)
    assert repaired(padding + garbled) == padding + original


@pytest.mark.parametrize("data", [b"\x00\x01\x02 binary", b"text with a NUL\x00 inside", bytes(range(128, 256)) * 4])
def test_ingest_binary_data_is_an_input_error_naming_the_file(data: bytes):
    with pytest.raises(InputError, match=r"^blob\.txt: (binary data|not text)"):
        read_text(data, identifier="blob.txt", source="blob.txt")


def test_ingest_keeps_text_exactly_and_drops_only_the_bom():
    document = read_text("\ufeffLine one\r\nLine\u00a0two\n".encode("utf-8"), identifier="a.txt", source="a.txt")
    assert document.text == "Line one\r\nLine\u00a0two\n"
    assert document.identifier == "a.txt"


def test_ingest_bibliography_line_gives_author_publisher_date_title():
    text = (
        "Some paragraph about NATO.\n\n"
        "Officials spoke, writes Jane Roe for Baltic Times, partners of X.\n\n"
        "Jane Roe Baltic Times, 03-09, 22, Why the Baltics matter – analysis, Bibliography and more\n"
    )
    found = metadata_from_text(text)
    assert found == {
        "title": "Why the Baltics matter – analysis",
        "author": "Jane Roe",
        "publisher": "Baltic Times",
        "issued": "2022-03-09",
    }


def test_ingest_headline_skips_page_furniture_and_sentences():
    assert metadata_from_text("Jump to content\n\nMinsk agreements\n\nText.")["title"] == "Minsk agreements"
    assert metadata_from_text("This is a sentence, not a title.\nMore.")["title"] is None


def test_ingest_dateline_gives_issued_date():
    found = metadata_from_text("Address by the President\nMarch 18, 2014, 15:50\nText follows.")
    assert found["issued"] == "2014-03-18"


# Bylines, bibliography lines and datelines, whole or broken, joined by line breaks and others.
_WS = st.sampled_from(["", " ", "  ", "\t", "\n", " \n "])
_MONTH = st.sampled_from(["March", "December", "Marchx"])
_DAY = st.sampled_from(["18", "3", "09", "123"])
_YEAR = st.sampled_from(["2014", "1999", "22", "2014abc"])
_NAMES = st.sampled_from(["Jane Roe", "Jane Roe Baltic Times", "J. Roe", "A", "a b", "x. Y"])
_DATELINE_LIKE = st.tuples(_WS, st.sampled_from(["", "Updated on", "Updated on\n"]), _WS, _MONTH, _DAY, _YEAR).map(
    lambda p: f"{p[0]}{p[1]}{p[2]}{p[3]} {p[4]}, {p[5]}"
)
_BIBLIOGRAPHY_LIKE = st.tuples(_NAMES, _DAY, _DAY, _YEAR, st.sampled_from(["Why it matters", "A, b", ""])).map(
    lambda p: f"{p[0]}, {p[1]}-{p[2]}, {p[3]}, {p[4]}, Bibliography"
)
_BYLINE_LIKE = st.tuples(st.sampled_from(["writes", "reports", "By", "by"]), _NAMES, _NAMES).map(
    lambda p: f"{p[0]} {p[1]} for {p[2]}"
)
_METADATA_LINES = st.lists(
    st.tuples(
        st.one_of(_DATELINE_LIKE, _BIBLIOGRAPHY_LIKE, _BYLINE_LIKE, st.sampled_from(["", "Text.", "A title"])),
        st.sampled_from(["\n", "\n\n", " ", ". ", "\u2028", "\r\n"]),
    ),
    max_size=6,
).map(lambda lines: "".join(line + end for line, end in lines))


@settings(max_examples=500)
@given(_METADATA_LINES)
@example("Text.\u2028March 18, 2014\n")  # a line separator other than \n starts no line for `^`
@example("\n \nUpdated on\n March 18, 2014, 15:50")  # `^\s*` crosses lines
def test_ingest_metadata_found_line_by_line_is_what_a_search_of_the_whole_text_finds(text):
    """Bylines, bibliography lines and datelines are looked for line by line, after a substring
    check, not by a MULTILINE search of the whole article: the same findings on any text."""
    import geokg.ingest.metadata as m

    expected = {"title": m._headline(text), "author": None, "publisher": None, "issued": None}
    if match := m._BYLINE.search(text):
        expected.update(author=match["author"], publisher=match["publisher"])
    if match := m._BIBLIOGRAPHY.search(text):
        author, publisher = m._split_names(match["names"], expected["author"])
        expected.update(author=author, publisher=publisher, title=match["title"].strip())
        expected["issued"] = m._iso(match["year"], match["month"], match["day"])
    elif match := m._DATELINE.search(text):
        expected["issued"] = m._iso(match["year"], str(m._MONTHS.index(match["month"]) + 1), match["day"])
    assert metadata_from_text(text) == expected


def _with_sidecar(tmp_path: Path, meta: str) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("A headline in the text\n\nRussia will hold exercises next week.\n", encoding="utf-8")
    (tmp_path / "article.meta.json").write_text(meta, encoding="utf-8")
    return path


def test_ingest_sidecar_metadata_takes_precedence_over_the_text(tmp_path: Path):
    from geokg.ingest import read_documents

    meta = '{"title": "The real title", "publisher": "U.S. Department of State", "author": null,\n'
    meta += ' "publication_date": "2021-12-15", "licence": "public domain"}'
    (document,) = read_documents(_with_sidecar(tmp_path, meta))
    assert (document.title, document.publisher, document.issued) == (
        "The real title",
        "U.S. Department of State",
        "2021-12-15",
    )
    assert document.author is None  # null keeps what the text gave: nothing here
    assert document.text.startswith("A headline in the text")  # the text itself is untouched


def test_ingest_sidecar_date_that_is_no_iso_date_is_left_out(tmp_path: Path):
    from geokg.ingest import read_documents

    (document,) = read_documents(_with_sidecar(tmp_path, '{"publication_date": "2019-02 (approx.)"}'))
    assert document.issued is None


def test_ingest_sidecar_with_bad_json_names_the_file_and_line(tmp_path: Path):
    from geokg.ingest import read_documents

    path = _with_sidecar(tmp_path, '{"title": "x",\n "publisher": }')
    with pytest.raises(InputError, match=r"article\.meta\.json:2: not valid JSON"):
        read_documents(path)


def test_ingest_sidecar_is_no_input_of_its_own(tmp_path: Path):
    from geokg.ingest import collect_inputs

    _with_sidecar(tmp_path, '{"title": "x"}')
    assert [p.name for p in collect_inputs([tmp_path])[0]] == ["article.txt"]
