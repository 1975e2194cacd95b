from pathlib import Path

import pytest

from geokg.errors import InputError
from geokg.ingest import read_path, read_text
from geokg.ingest.metadata import metadata_from_text


def test_ingest_missing_file_names_it(tmp_path: Path):
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_path(tmp_path / "nope.txt")


def test_ingest_empty_file_is_an_input_error(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.txt: the document is empty"):
        read_path(path)


def test_ingest_undecodable_file_reports_line_and_offset(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("first line\nR\u00e9sum\u00e9".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_path(path)
    assert info.value.line == 2
    assert "latin.txt:2" in str(info.value)
    assert "offset 12" in str(info.value)


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
