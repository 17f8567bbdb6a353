"""Tests for normalize/promo.py: the Arabic edition's promotion lines, and only them, go."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.normalize.promo import split_promo_lines
from newscrawler.normalize.vocabulary import ENGLISH
from newscrawler.sites import profiles

ARABIC = profiles()["ar"].vocabulary
TEXT = ["افتتحت المحافظة اليوم محطة جديدة لضخ المياه.", "وتخدم المحطة نحو عشرة آلاف نسمة."]
TELEGRAM = [
    "تابعوا آخر الأخبار السياسية والميدانيـة عبر تطبيق تيلغرام على الهواتف الذكية عبر الرابط :",
    "https://telegram.me/SyrianArabNewsAgency",
]
WHATSAPP = ["تابعونا عبر تطبيق واتس أب :", "عبر إرسال كلمة اشتراك على الرقم / 0940777186"]
VK = [
    "تابعوا صفحتنا على موقع (VK) للتواصل الاجتماعي على الرابط:",
    "http://vk.com/syrianarabnewsagency",
]


@pytest.mark.parametrize(
    "promo",
    [
        TELEGRAM,
        WHATSAPP,
        VK,
        TELEGRAM + WHATSAPP + VK,
        [TELEGRAM[0]],
        # harakat and tatweel in the invitation, no space in واتساب
        ["تابِعوا آخـر الأخبار عبر تطبيق تلغرام", "تابعونا عبر واتساب : 0940777186"],
    ],
)
def test_promotion_lines_at_the_end_are_taken_off(promo: list[str]) -> None:
    assert split_promo_lines([*TEXT, *promo], ARABIC) == (promo, TEXT)


@pytest.mark.parametrize(
    "paragraphs",
    [
        TEXT,
        [],
        # a link or a phone number at the end without an invitation is the article's
        [*TEXT, "https://example.org/report.pdf"],
        [*TEXT, "للاستفسار يرجى الاتصال على الرقم 0112345678"],
        # an invitation in the middle of the text is not at the end
        [TELEGRAM[0], *TEXT],
        # a sentence that mentions Telegram is no invitation
        [*TEXT, "وأشار إلى أن تطبيق تيلغرام بات منتشراً بين الطلاب."],
    ],
)
def test_text_without_promotion_at_its_end_is_kept_whole(paragraphs: list[str]) -> None:
    assert split_promo_lines(paragraphs, ARABIC) == ([], paragraphs)


def test_link_lines_before_the_first_invitation_stay() -> None:
    paragraphs = [*TEXT, "https://example.org/report.pdf", *TELEGRAM]
    assert split_promo_lines(paragraphs, ARABIC) == (TELEGRAM, paragraphs[:-2])


def test_an_edition_without_promotion_patterns_keeps_everything() -> None:
    paragraphs = [*TEXT, *TELEGRAM]
    assert split_promo_lines(paragraphs, ENGLISH) == ([], paragraphs)


LINES = st.lists(st.sampled_from([*TEXT, *TELEGRAM, *WHATSAPP, *VK]) | st.text(), max_size=8)


@given(LINES)
def test_promotion_and_text_are_the_paragraphs_in_order(paragraphs: list[str]) -> None:
    promo, text = split_promo_lines(paragraphs, ARABIC)
    assert text + promo == paragraphs
    assert split_promo_lines(text, ARABIC) == ([], text)
