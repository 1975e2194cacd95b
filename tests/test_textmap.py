from hypothesis import given
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
