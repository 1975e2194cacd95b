from hypothesis import example, given
from hypothesis import strategies as st

from geokg.nlp.textmap import build_text_map


def test_textmap_joins_soft_wraps_and_keeps_hard_breaks():
    text = "A referendum was held \nin Crimea.\nVladimir\n Putin spoke.\n\nNew paragraph"
    mapped = build_text_map(text)
    assert mapped.parse_text == "A referendum was held in Crimea.\nVladimir Putin spoke.\n\nNew paragraph"


def test_textmap_maps_spans_back_to_the_original_text():
    text = "Vladimir\n Putin\u00a0said so."
    mapped = build_text_map(text)
    start = mapped.parse_text.index("Vladimir Putin said")
    begin, end = mapped.original(start, start + len("Vladimir Putin said"))
    assert text[begin:end] == "Vladimir\n Putin\u00a0said"


@given(st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0.")), max_size=60))
def test_textmap_every_parse_character_maps_to_the_same_or_whitespace(text):
    mapped = build_text_map(text)
    assert len(mapped.offsets) == len(mapped.parse_text) + 1
    for i, char in enumerate(mapped.parse_text):
        original = text[mapped.offsets[i]]
        assert original == char or (char.isspace() and original.isspace())
    assert list(mapped.offsets) == sorted(mapped.offsets)


def test_textmap_long_documents_are_parsed_in_pieces_with_exact_offsets(process_text, monkeypatch):
    import geokg.nlp.parsed as parsed

    monkeypatch.setattr(parsed, "CHUNK_CHARACTERS", 120)
    paragraph = "Ukraine is not a member of NATO. Russian President Vladimir Putin spoke in Moscow.\n\n"
    result = process_text(paragraph * 6)
    assert len([m for m in result.mentions if m.entity.key == "Q7747"]) == 6
    for claim in result.claims:
        assert (paragraph * 6)[claim.evidence.start : claim.evidence.end] == claim.evidence.exact
    negated = [c for c in result.claims if getattr(c, "negated", False)]
    assert len(negated) == 6


def test_textmap_pieces_join_back_to_the_text():
    from geokg.nlp.parsed import _pieces

    text = "one two three\n\nfour five six seven eight nine\nten " * 20
    pieces = _pieces(text, 40)
    assert "".join(pieces) == text and all(len(p) <= 40 for p in pieces)


def test_textmap_reads_glued_table_cells_apart_and_quotes_them_as_written():
    text = "Led by: CanadaAlbania and United KingdomBelgium; DeSantis on YouTube and ValueWalk, not PetroChina."
    mapped = build_text_map(text, frozenset({"Canada", "United Kingdom", "China"}))
    expected = "Led by: Canada Albania and United Kingdom Belgium; DeSantis on YouTube and ValueWalk, not PetroChina."
    assert mapped.parse_text == expected
    start = mapped.parse_text.index("Albania")
    assert text[slice(*mapped.original(start, start + len("Albania")))] == "Albania"
    whole = mapped.parse_text.index("United Kingdom Belgium")
    assert text[slice(*mapped.original(whole, whole + len("United Kingdom Belgium")))] == "United KingdomBelgium"


def _parsed_and_exact(text: str):
    from geokg.nlp.textmap import build_text_map

    text_map = build_text_map(text)
    for at, char in enumerate(text_map.parse_text):
        assert char in " \n" or text[text_map.offsets[at]] == char  # every parsed character is the text's
    return text_map


def test_textmap_a_word_hyphenated_across_a_line_break_is_read_as_one():
    text = "the Treaty on the Non-Prolif-\neration of Nuclear Weapons"
    text_map = _parsed_and_exact(text)
    assert text_map.parse_text == "the Treaty on the Non-Proliferation of Nuclear Weapons"
    start = text_map.parse_text.index("Non-Proliferation")
    begin, end = text_map.original(start, start + len("Non-Proliferation"))
    assert text[begin:end] == "Non-Prolif-\neration"  # evidence quotes the text as written


def test_textmap_page_furniture_lines_are_not_parsed_but_kept_in_the_text():
    text = (
        "Share this article\nShare on Facebook | Share on Twitter\n"
        "Russia will respond, the minister said.\n\nSubscribe to our newsletter\n"
        "We use cookies to improve your experience.\nAdvertisement\n\nNATO met on Monday.\n"
        "© 2024 Example News. All rights reserved."
    )
    text_map = _parsed_and_exact(text)
    assert text_map.parse_text.split() == "Russia will respond, the minister said. NATO met on Monday.".split()
    assert text_map.text == text


def test_textmap_a_sentence_that_mentions_sharing_or_subscribing_is_parsed():
    text = "Poland will share intelligence on Facebook posts with its allies, and subscribe to the pact."
    assert _parsed_and_exact(text).parse_text == text


def test_textmap_a_text_wrapped_at_a_fixed_width_reads_its_sentences_whole():
    text = (
        "Meeting with the Foreign Minister\n"
        "The President held a working meeting with Foreign Minister Sergei\n"
        "Lavrov and Defence Minister Sergei Shoigu on Saturday afternoon.\n"
        "Regarding the Intermediate-Range Nuclear Forces Treaty, as you\n"
        "know, the United States has been violating the Treaty since the\n"
        "year it started testing drones with the same characteristics.\n"
        "Washington will deploy new missiles in Europe next year, said\n"
        "the minister, who added that Moscow would respond to any such step."
    )
    parsed = _parsed_and_exact(text).parse_text
    assert "Minister Sergei Lavrov and" in parsed and "as you know," in parsed and "said the minister" in parsed
    assert parsed.startswith("Meeting with the Foreign Minister\n")  # a heading keeps its break


def test_textmap_a_text_of_one_paragraph_per_line_keeps_its_line_breaks():
    text = "\n".join(f"Paragraph {n} says that NATO met in Brussels on Monday." for n in range(8))
    assert _parsed_and_exact(text).parse_text == text


def test_textmap_text_of_a_doc_is_its_text_made_once():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from geokg.nlp.parsed import text_of

    doc = Doc(Vocab(), words=["Russia", "threatened", "Ukraine", "."], spaces=[True, True, False, False])
    assert text_of(doc) == doc.text == "Russia threatened Ukraine."
    assert text_of(doc) is text_of(doc)  # kept, not joined again from the tokens


@given(
    st.lists(
        st.tuples(st.sampled_from(["Russia", "said", ",", "\n", "  ", "NATO", "’s", "."]), st.booleans()),
        min_size=1,
        max_size=12,
    ),
    st.data(),
)
def test_textmap_span_text_is_spacys_span_text_cut_from_the_doc_text(tokens, data):
    """Every span of hand-made docs (spaces after tokens or not, whitespace tokens, line breaks)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from geokg.nlp.parsed import span_text

    words, spaces = zip(*tokens, strict=True)
    doc = Doc(Vocab(), words=list(words), spaces=list(spaces))
    start = data.draw(st.integers(0, len(doc) - 1))
    end = data.draw(st.integers(start + 1, len(doc)))
    assert span_text(doc[start:end]) == doc[start:end].text


_PIECES = [  # words, every kind of whitespace run, citations, a hyphenated wrap, furniture, glued names
    *"Putin spoke in Moscow. non- -\n".split(" "),
    " ",
    "  ",
    "\n",
    " \n",
    "\n\n",
    "\t",
    "\u00a0",
    "[2]",
    " [12] ",
    "Share on Facebook",
    "CanadaAlbania",
    "United KingdomBelgium",
    "x" * 40,
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@example([" ", "Share on Facebook"])  # a lone space at an end of the text touches a furniture line
@example(["Share on Facebook", " "])
def test_textmap_lone_spaces_skipped_as_gaps_give_the_same_map(pieces):
    """A lone space between two words is not looked at as a whitespace run (it reads as itself):
    the map is the one made when every run, lone spaces too, is a gap."""
    import re

    from geokg.nlp import textmap

    text = "".join(pieces)
    names = frozenset({"Canada", "United Kingdom"})
    fast = build_text_map(text, names)
    every_run = re.compile(rf"(?:{textmap._RUN})+")
    original, textmap._WHITESPACE = textmap._WHITESPACE, every_run
    try:
        assert build_text_map(text, names) == fast
    finally:
        textmap._WHITESPACE = original
