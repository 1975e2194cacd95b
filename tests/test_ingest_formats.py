"""Readers for HTML, Markdown and JSON Lines, the dispatcher by suffix, and a build from them."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from geokg.errors import InputError
from geokg.ingest import (
    SUPPORTED_SUFFIXES,
    collect_inputs,
    read_bytes,
    read_documents,
    read_inputs,
    read_path,
    read_stdin,
    read_stdin_documents,
)
from geokg.ingest.html import read_html
from geokg.ingest.jsonl import read_jsonl
from geokg.ingest.markdown import read_markdown

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>NATO moves east | The Baltic Times</title>
<meta property="og:site_name" content="The Baltic Times">
<meta name="author" content="By Jane Roe">
<meta property="article:author" content="https://example.org/people/jane-roe">
<meta property="article:published_time" content="2016-05-10T08:30:00+03:00">
<style>p { color: red }</style>
<script>document.write("<p>not text</p>");</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav><h1 class="logo">The Baltic Times</h1></header>
<main><article>
<header><h1>NATO moves   east</h1><p class="byline">By Jane&nbsp;Roe</p></header>
<p>NATO announced it would set up six new headquarters in Bulgaria, Latvia, Poland, Lithuania,
   Estonia and Romania.<br>Russia &amp; Belarus objected.</p>
<!-- <p>A commented-out paragraph.</p> -->
<div hidden>Hidden text.</div><p style="display: none">Also hidden.</p>
<ul><li>First <em>point</em></li><li>Second point</ul>
<aside>Read more: other stories</aside>
<footer>Tags: NATO</footer>
</article></main>
<footer>© 2016 The Baltic Times</footer>
<form><label>Subscribe</label><input name="email"></form>
</body></html>
"""


def html(markup: str) -> list:
    return read_html(markup.encode("utf-8"), identifier="page.html", source="page.html")


def markdown(source: str):
    return read_markdown(source.encode("utf-8"), identifier="post.md", source="post.md")[0]


def jsonl(*lines: str, name: str = "feed.jsonl") -> list:
    return read_jsonl("\n".join(lines).encode("utf-8"), identifier=name, source=name)


def test_ingest_html_keeps_visible_text_in_paragraphs():
    (document,) = html(ARTICLE)
    assert document.text == (
        "NATO moves east\n\n"
        "By Jane Roe\n\n"
        "NATO announced it would set up six new headquarters in Bulgaria, Latvia, Poland, Lithuania, "
        "Estonia and Romania.\nRussia & Belarus objected.\n\n"
        "First point\n\n"
        "Second point\n"
    )


def test_ingest_html_spans_of_the_text_are_what_a_reader_sees():
    (document,) = html(ARTICLE)
    start = document.text.index("Russia")
    end = document.text.index("objected.") + len("objected.")
    assert document.text[start:end] == "Russia & Belarus objected."
    assert not any(mark in document.text for mark in ("<", "&amp;", "&nbsp;", "\u00a0", "not text", "Home"))


def test_ingest_html_metadata_from_the_markup():
    (document,) = html(ARTICLE)
    assert (document.identifier, document.source) == ("page.html", "page.html")
    assert document.title == "NATO moves east"  # <title> without the site's name
    assert document.author == "Jane Roe"  # "By " dropped; article:author is a URL, not a name
    assert document.publisher == "The Baltic Times"
    assert document.issued == "2016-05-10"


def test_ingest_html_prefers_og_title_and_falls_back_to_the_first_visible_h1():
    og = html('<meta property="og:title" content="Open Graph title"><title>Page title</title><p>Text.</p>')
    assert og[0].title == "Open Graph title"
    h1 = html("<body><header><h1>Site name</h1></header><h1>Article headline</h1><p>Text.</p></body>")
    assert h1[0].title == "Article headline"


def test_ingest_html_takes_the_first_valid_iso_date():
    (document,) = html(
        '<meta name="date" content="10 May 2016"><p>Text <time datetime="2016-02-30">then</time>'
        ' <time datetime="2016-05-11">later</time>.</p>'
    )
    assert document.issued == "2016-05-11"
    assert document.text == "Text then later.\n"


def test_ingest_html_falls_back_to_metadata_stated_in_the_text():
    (document,) = html(
        "<title>Minsk agreements</title><p>March 18, 2014, 15:50</p>"
        "<p>Officials spoke, writes Jane Roe for Deutsche Welle, on Tuesday.</p>"
    )
    assert (document.title, document.author, document.publisher, document.issued) == (
        "Minsk agreements",
        "Jane Roe",
        "Deutsche Welle",
        "2014-03-18",
    )


def test_ingest_html_reads_the_declared_charset():
    data = '<meta charset="windows-1252"><p>Résumé of the talks</p>'.encode("cp1252")
    assert read_html(data, identifier="a.html", source="a.html")[0].text == "Résumé of the talks\n"


def test_ingest_html_without_visible_text_is_an_input_error():
    with pytest.raises(InputError, match=r"empty\.html: the page has no visible text"):
        read_html(
            b"<html><head><title>T</title><script>x()</script></head><body><nav>Home</nav></body></html>",
            identifier="empty.html",
            source="empty.html",
        )


def test_ingest_markdown_removes_markup_and_keeps_sentences():
    document = markdown(
        "# Why the *Baltics* matter #\n\n"
        'Vladimir Putin **said** Russia would [strengthen its military](https://x.org/a_(b) "t") to fend off\n'
        "NATO threats.  \n"
        "A hard break; an ![map](map.png) image; `snake_case` and \\*literal\\* stars, 5 * 3.\n\n"
        "<!-- a\ncomment -->\n"
        "- First point\n"
        "- [x] Second point\n"
        "  continues here\n"
        "1. Third &amp; last\n\n"
        "> A quoted __claim__ about_this.\n\n"
        "Setext heading\n--------------\n\n"
        "[ref]: https://example.org\n"
        "See <https://example.org/a_b_c> and [the reference][ref].\n"
    )
    assert document.text == (
        "Why the Baltics matter\n\n"
        "Vladimir Putin said Russia would strengthen its military to fend off NATO threats.\n"
        "A hard break; an image; snake_case and *literal* stars, 5 * 3.\n\n"
        "First point\n\n"
        "Second point continues here\n\n"
        "Third & last\n\n"
        "A quoted claim about_this.\n\n"
        "Setext heading\n\n"
        "See https://example.org/a_b_c and the reference.\n"
    )


def test_ingest_markdown_drops_code_blocks():
    document = markdown("Before.\n\n```python\nprint('x')\n```\n\n    indented = code\n\nAfter.\n\n~~~\nmore\n~~~\n")
    assert document.text == "Before.\n\nAfter.\n"


def test_ingest_markdown_front_matter_gives_metadata_and_is_not_text():
    document = markdown(
        "---\n"
        'title: "Why the Baltics matter"\n'
        "author:\n  - Jane Roe\n  - John Doe\n"
        "publisher: Baltic Times  # the site\n"
        "date: 2022-03-09\n"
        "tags: [nato, russia]\n"
        "---\n"
        "Officials met in Riga.\n"
    )
    assert document.text == "Officials met in Riga.\n"
    assert (document.title, document.author, document.publisher, document.issued) == (
        "Why the Baltics matter",
        "Jane Roe",
        "Baltic Times",
        "2022-03-09",
    )


def test_ingest_markdown_without_front_matter_takes_the_heading_as_title():
    assert markdown("## Minsk agreements\n\nText follows.\n").title == "Minsk agreements"


@pytest.mark.parametrize(
    ("source", "message", "line"),
    [
        ("---\ntitle: T\nNo end.\n", "the front matter opened on this line is never closed", 1),
        ("---\ntitle: T\ndate: 09/03/2022\n---\nText.\n", "the front matter date '09/03/2022' is not an ISO date", 3),
        ("---\ntitle: T\n---\n```\ncode only\n```\n", "the document has no text outside its front matter", None),
    ],
)
def test_ingest_markdown_errors_name_file_and_line(source: str, message: str, line: int | None):
    with pytest.raises(InputError, match=message) as info:
        markdown(source)
    assert info.value.line == line
    assert str(info.value).startswith("post.md:3:" if line == 3 else "post.md:1:" if line == 1 else "post.md:")


def test_ingest_jsonl_reads_one_document_per_line():
    documents = jsonl(
        json.dumps(
            {
                "id": "dw-1",
                "text": "NATO said so.",
                "title": "T",
                "author": "Jane Roe",
                "publisher": "Deutsche Welle",
                "date": "2021-10-27T10:00:00Z",
                "url": "ignored",
            }
        ),
        "",
        '{"identifier": 7, "text": "Russia wants \u2028 more.", "issued": "2021-10-28"}',
        '{"text": "No identifier here."}',
    )
    assert [d.identifier for d in documents] == ["dw-1", "7", "feed.jsonl#4"]
    assert [d.source for d in documents] == ["feed.jsonl:1", "feed.jsonl:3", "feed.jsonl:4"]
    assert documents[1].text == "Russia wants \u2028 more."  # a raw line separator inside a string is not a line end
    first = documents[0]
    assert (first.title, first.author, first.publisher, first.issued) == (
        "T",
        "Jane Roe",
        "Deutsche Welle",
        "2021-10-27",
    )
    assert documents[1].issued == "2021-10-28"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "ok",}', "invalid JSON"),
        ('["text"]', "expected a JSON object, found list"),
        ('{"title": "No text"}', 'no "text"'),
        ('{"text": 3}', '"text" is a int, not a string'),
        ('{"text": "  "}', 'the "text" is empty'),
        ('{"id": "a", "text": "Dup."}', "duplicate id 'a' \\(first on line 1\\)"),
        ('{"id": "", "text": "x"}', "the id '' is not a non-empty string"),
        ('{"text": "x", "date": "27 October 2021"}', "\"date\" '27 October 2021' is not an ISO date"),
        ('{"text": "x", "title": ["a"]}', '"title" is a list, not a string'),
    ],
)
def test_ingest_jsonl_bad_line_names_file_and_line(line: str, message: str):
    with pytest.raises(InputError, match=f"^feed.jsonl:2: {message}") as info:
        jsonl('{"id": "a", "text": "Fine."}', line)
    assert info.value.line == 2


def test_ingest_jsonl_without_documents_is_an_input_error():
    with pytest.raises(InputError, match=r"feed\.jsonl: the file holds no documents"):
        jsonl("", "  ")


def test_ingest_dispatcher_chooses_the_reader_by_suffix(tmp_path: Path):
    files = {
        "a.txt": "Plain text.\n",
        "b.HTML": "<p>Hyper <b>text</b>.</p>",
        "c.htm": "<p>Old suffix.</p>",
        "d.md": "# Heading\n\n*Marked* down.",
        "e.markdown": "Long suffix.",
        "f.jsonl": '{"text": "One."}\n{"text": "Two."}\n',
    }
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    texts = {name: [d.text for d in read_documents(tmp_path / name)] for name in files}
    assert texts == {
        "a.txt": ["Plain text.\n"],
        "b.HTML": ["Hyper text.\n"],
        "c.htm": ["Old suffix.\n"],
        "d.md": ["Heading\n\nMarked down.\n"],
        "e.markdown": ["Long suffix.\n"],
        "f.jsonl": ["One.", "Two."],
    }
    assert read_path(tmp_path / "a.txt") == read_documents(tmp_path / "a.txt")[0]


def test_ingest_dispatcher_rejects_other_suffixes_listing_the_supported_ones(tmp_path: Path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(
        InputError,
        match=r"report.pdf: unsupported file type '.pdf'. Pass files ending in one of: "
        r"\.txt, \.html, \.htm, \.md, \.markdown, \.jsonl",
    ):
        read_documents(path)
    with pytest.raises(InputError, match="no such file"):
        read_documents(tmp_path / "missing.html")


def test_ingest_stdin_reads_bytes_as_plain_text_or_the_named_format(monkeypatch):
    def stdin(data: bytes):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="latin-1"))

    stdin("\ufeffNATO met.\n".encode("utf-8"))
    document = read_stdin()
    assert (document.identifier, document.source, document.text) == ("stdin.txt", "<stdin>", "NATO met.\n")
    stdin(b"Russia spoke.\n")
    assert [d.text for d in read_documents(Path("-"))] == ["Russia spoke.\n"]
    stdin(b"<p>From a pipe.</p>")
    assert [d.text for d in read_stdin_documents("page.html")] == ["From a pipe.\n"]


def test_ingest_read_bytes_dispatches_on_the_identifier():
    (document,) = read_bytes(b"<p>x &lt; y</p>", identifier="a.htm", source="a.htm")
    assert document.text == "x < y\n"


def test_ingest_collect_inputs_takes_every_supported_suffix_from_directories(tmp_path: Path):
    for name in ("a.txt", "b.html", "sub/c.md", "d.jsonl", "e.pdf", "README", "f.MARKDOWN"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [path.relative_to(tmp_path).as_posix() for path in collect_inputs([tmp_path])[0]]
    assert names == ["a.txt", "b.html", "d.jsonl", "f.MARKDOWN", "sub/c.md"]
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".html", ".htm", ".md", ".markdown", ".jsonl"}


def test_ingest_collect_inputs_skips_a_given_file_of_another_type(tmp_path: Path):
    with pytest.raises(InputError, match=r"holds no \.txt, \.html, \.htm, \.md, \.markdown, \.jsonl file"):
        collect_inputs([tmp_path])  # nothing at all to read: an error, not an empty build
    (tmp_path / "a.txt").write_text("NATO met.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    files, skipped = collect_inputs([tmp_path / "a.txt", tmp_path / "notes.docx", tmp_path / "missing.txt"])
    assert files == [tmp_path / "a.txt"]
    assert [(Path(s.where).name, s.problem) for s in skipped] == [
        ("notes.docx", "unsupported file type '.docx'"),
        ("missing.txt", "no such file or directory"),
    ]
    assert collect_inputs([Path("-")]) == ([Path("-")], [])


def test_ingest_a_second_document_with_an_identifier_already_read_is_skipped(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "a.txt", "text": "Same name."}\n', encoding="utf-8")
    documents, skipped = read_inputs([tmp_path / "a.txt", tmp_path / "feed.jsonl"])
    assert [d.identifier for d in documents] == ["a.txt"]
    assert [s.where for s in skipped] == [f"{tmp_path / 'feed.jsonl'}:1"]
    assert "the document identifier 'a.txt' is also used by" in skipped[0].problem


def test_ingest_html_and_jsonl_build_conforms_with_their_identifiers(tmp_path: Path):
    from rdflib import DCTERMS, Graph, Literal

    from geokg.config import Settings
    from geokg.pipeline import build
    from geokg.service import build_files

    (tmp_path / "baltic.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(
            {
                "id": "putin-2016",
                "text": "Vladimir Putin said Russia would strengthen its military to fend off NATO threats.",
                "date": "2016-05-12",
            }
        )
        + "\n"
        + json.dumps({"text": "Latvia is a member of NATO."})
        + "\n",
        encoding="utf-8",
    )
    inputs = [tmp_path / "baltic.html", tmp_path / "feed.jsonl"]
    _, files = build_files(inputs, settings=Settings())
    union = Graph().parse(data=files["geokg.ttl"], format="turtle")
    result = build(inputs, settings=Settings())
    identifiers = [r.document.identifier for r in result.results]
    assert identifiers == ["baltic.html", "putin-2016", "feed.jsonl#2"]
    assert {str(o) for o in union.objects(None, DCTERMS.identifier)} >= set(identifiers)
    assert (None, DCTERMS.issued, Literal("2016-05-10", datatype="http://www.w3.org/2001/XMLSchema#date")) in union
    assert files["validation-report.txt"].decode("utf-8").startswith("The graph conforms")  # else build_files raises
    claims = [(r.document, claim) for r in result.results for claim in r.claims]
    assert claims, "the documents state facts geokg extracts"
    for document, claim in claims:
        assert document.text[claim.evidence.start : claim.evidence.end] == claim.evidence.exact
        assert "<" not in claim.evidence.exact


def test_ingest_html_main_text_without_page_furniture_by_trafilatura():
    """A news page with a cookie notice, navigation, share buttons, related stories, comments
    and a footer: the text is the headline and the article's paragraphs, one per block."""
    data = (Path(__file__).parent / "data" / "boilerplate_article.html").read_bytes()
    (document,) = read_html(data, identifier="article.html", source="article.html")
    blocks = document.text.strip().split("\n\n")
    assert blocks[0] == "Estonia to host more NATO troops"
    assert blocks[1].startswith("Estonia will host more NATO troops next year") and len(blocks) == 7
    for furniture in (
        "cookies",
        "Subscribe",
        "Share on",
        "Related stories",
        "Finland joins",
        "Log in",
        "rights reserved",
    ):
        assert furniture not in document.text
    assert (document.title, document.author, document.publisher, document.issued, document.url) == (
        "Estonia to host more NATO troops",
        "Mari Tamm",
        "Baltic News",
        "2023-03-06",
        "https://example.org/news/estonia-nato-troops",
    )


def test_ingest_html_evidence_quotes_the_published_text(tmp_path: Path):
    from geokg.config import Settings
    from geokg.pipeline import build

    page = tmp_path / "article.html"
    page.write_bytes((Path(__file__).parent / "data" / "boilerplate_article.html").read_bytes())
    result = build([page], settings=Settings())
    [document] = result.results
    assert document.claims, "the article states intentions and events"
    for claim in document.claims:
        evidence = claim.evidence
        assert document.document.text[evidence.start : evidence.end] == evidence.exact


def test_ingest_jsonl_keeps_the_fields_it_does_not_read():
    (document,) = jsonl(
        '{"id": "a1", "text": "NATO met.", "url": "https://example.org/a1", "lang": "en", "tags": ["nato", "baltic"]}'
    )
    assert document.url == "https://example.org/a1"
    assert document.extra == (("lang", "en"), ("tags", '["nato", "baltic"]'))


@pytest.mark.parametrize(
    ("declared", "encoding", "recorded"),
    [("klingon", "utf-8", "utf-8"), ("iso-8859-2", "utf-8", "utf-8"), ("iso-8859-2", "iso-8859-2", "iso-8859-2")],
)
def test_ingest_html_a_charset_the_page_gets_wrong_is_read_from_the_bytes(declared, encoding, recorded):
    """Pages lie about their charset: an unknown name, or UTF-8 bytes under a legacy label, are
    read as what the bytes are."""
    data = f'<meta charset="{declared}"><p>\u0141\u00f3d\u017a hosted the talks.</p>'.encode(encoding)
    (document,) = read_html(data, identifier="a.html", source="a.html")
    assert (document.text, document.encoding) == ("\u0141\u00f3d\u017a hosted the talks.\n", recorded)


def test_ingest_a_documents_web_page_is_published_when_it_is_an_iri(tmp_path):
    """A JSON Lines record's `url` becomes the document's schema:url (ontology 1.2.0); one that is
    not a valid IRI stays in build-report.json only, and the build still conforms."""
    from rdflib import Graph, URIRef

    from geokg.config import Settings
    from geokg.rdf.namespaces import SDO
    from geokg.service import build_files

    records = [
        {"id": "good", "url": "https://news.example.org/latvia?id=1", "text": "Latvia is a member of NATO."},
        {"id": "bad", "url": "not a web page", "text": "Estonia is a member of NATO."},
    ]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    _, files = build_files([tmp_path / "feed.jsonl"], settings=Settings(jobs=1, cache_dir=None))
    union = Graph().parse(data=files["geokg.ttl"], format="turtle")
    assert set(union.subject_objects(SDO.url)) == {
        (URIRef("https://w3id.org/geokg/id/document/good"), URIRef("https://news.example.org/latvia?id=1"))
    }
    report = json.loads(files["build-report.json"])
    assert {d["document"]: d["url"] for d in report["published"]} == {
        "good": "https://news.example.org/latvia?id=1",
        "bad": "not a web page",
    }


def test_iter_inputs_records_the_digest_of_every_file_it_reads_and_only_those(tmp_path):
    """Each file read gives the SHA-256 of its bytes (for the dataset description), whatever
    becomes of its documents (a text in another language is read, then skipped); a file over the
    size limit is never read and has none."""
    import hashlib

    from geokg.ingest import iter_inputs

    english = "Estonia will host more NATO troops next year, the defence minister said on Monday. " * 3
    files = {
        "a.txt": english,
        "feed.jsonl": '{"id": "f1", "text": "NATO met in Brussels on Monday."}\n{broken\n',
        "french.md": "La France enverra des troupes en Roumanie l'année prochaine, a déclaré le ministre. " * 4,
        "big.txt": english * 20,
    }
    paths = []
    for name, text in files.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    digests: dict[Path, str] = {}
    items = list(iter_inputs(paths, max_bytes=2_000, digests=digests))
    assert len(items) == 5  # a.txt, f1, the broken line, french.md and big.txt skipped
    assert sorted(p.name for p in digests) == ["a.txt", "feed.jsonl", "french.md"]
    assert all(digests[p] == hashlib.sha256(p.read_bytes()).hexdigest() for p in digests)
