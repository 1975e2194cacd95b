"""The language check (geokg.ingest.language): a document surely in another language is named by
its code; English, short texts and English quoting another language are not; no character a
Python string can hold makes the classifier fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geokg.ingest.language import language_of, not_english

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

ENGLISH = "Estonia will host more NATO troops next year, the defence minister said on Monday in Tallinn. "
OTHERS = {  # one news sentence each, repeated to a paragraph
    "ru": "Россия развернет войска у границы, заявил министр обороны в понедельник. ",  # noqa: RUF001
    "uk": "Україна отримає нові системи протиповітряної оборони наступного місяця, заявив міністр. ",
    "fr": "La France enverra des troupes en Roumanie l'année prochaine, a déclaré le ministre. ",
    "de": "Deutschland wird im nächsten Jahr mehr Soldaten nach Litauen schicken, sagte der Minister. ",
    "es": "España enviará más tropas a Letonia el próximo año, dijo el ministro de Defensa el lunes. ",
    "pl": "Polska wyśle w przyszłym roku więcej żołnierzy na Litwę, powiedział minister obrony. ",
    "zh": "中国外交部发言人周一表示，中方坚决反对任何形式的分裂活动。",  # noqa: RUF001
    "ar": "قال وزير الدفاع يوم الاثنين إن روسيا ستنشر قوات إضافية على الحدود. ",
}


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_a_text_in_another_language_is_named_by_its_code(code):
    assert not_english(OTHERS[code] * 10) == code


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.name)
def test_the_bundled_articles_are_english(path):
    assert language_of(path.read_text(encoding="utf-8")) == "en"


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_english_quoting_another_language_is_english(code):
    text = ENGLISH * 6 + OTHERS[code] * 2 + ENGLISH * 2
    assert not_english(text) is None


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_a_text_mostly_in_another_language_is_named_though_it_quotes_english(code):
    assert not_english(OTHERS[code] * 10 + ENGLISH) == code


def test_a_short_text_is_assumed_english_whatever_its_language():
    assert language_of(OTHERS["fr"]) is None
    assert not_english(OTHERS["ru"][:60]) is None


@settings(max_examples=200, deadline=None)
@given(noise=st.lists(st.tuples(st.integers(0, 600), st.characters(exclude_categories=())), max_size=12))
@example(noise=[(10, "\x00"), (20, "\x1b"), (30, "\x85"), (40, "\ud800"), (50, "\ufdd0"), (60, "\U0010ffff")])
def test_no_character_makes_the_classifier_fail_nor_changes_its_reading(noise):
    """Controls, surrogates and noncharacters, which CLD2 refuses as invalid UTF-8, are blanked: a
    text with any characters sprinkled in is classified, and the same as without them."""
    for base, expected in ((ENGLISH * 6, "en"), (OTHERS["fr"] * 6, "fr")):
        text = base
        for offset, character in noise:
            text = text[:offset] + character + text[offset:]
        assert language_of(text) == expected
