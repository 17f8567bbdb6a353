"""The editions the snapshot serves: path prefix, language, direction, labels, listing dates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from newscrawler.snapshot.common import CANONICAL_HOST, long_date, parse_time

SNAPSHOT_DIR = Path(__file__).parent
RTL = "rtl"
LTR = "ltr"
PAGE_SIZE = 10  # WordPress's default "posts per page", the English and Arabic sites' value

# Sahifa's and Foxiz's translatable labels (`framework/functions/translation.php`), keyed by the
# English text the renderers print; an edition without a translation prints the English one.
# The Arabic ticker label is the one seen on sana.sy; the rest are the project's choice (the
# real Arabic labels are unknown, EDITIONS.md C.4), so parsers must not depend on them.
ARABIC_LABELS = MappingProxyType(
    {
        "Breaking News": "عــاجــل",
        "Read More &raquo;": "المزيد",
        "Check Also": "اقرأ أيضاً",
        "Related Articles": "مقالات ذات صلة",
        "Share": "شارك",
        "Tags ": "الوسوم ",
        "Previous": "السابق",
        "Next": "التالي",
        "Home": "الرئيسية",
        "Latest News": "آخر الأخبار",
        "Popular": "الأكثر قراءة",
        "Recent": "الأحدث",
        "Comments": "التعليقات",
        "Tags": "الوسوم",
        "Search": "بحث",
        "Random Article": "مقال عشوائي",
        "About editor": "عن المحرر",
        "Tag Archives: ": "أرشيف الوسم: ",
        "Tag: ": "الوسم: ",
        " (page %s)": " (صفحة %s)",
        "Page %s of %s": "صفحة %s من %s",
        "&laquo; First": "&laquo; الأولى",
        "Last &raquo;": "الأخيرة &raquo;",
        "Syrian Arab News Agency": "الوكالة العربية السورية للأنباء",
        "About SANA": "عن سانا",
        "SANA": "سانا",
        "Latest %s News": "آخر أخبار %s",
    }
)
ARABIC_READER_COMMENTS = (
    ("أبو سامر", "خبر جيد لأهالي المنطقة، نتمنى أن تستمر الأعمال بالوتيرة نفسها."),
    ("ريما", "هل سيتم نشر المواعيد الجديدة على موقع الوزارة أيضاً؟"),
    ("محمد العلي", "شكراً لسانا على المتابعة الدائمة لأخبار المحافظات."),
)
FRENCH_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
FRENCH_LABELS = MappingProxyType(
    {
        "Read More &raquo;": "Lire la suite &raquo;",
        "Related Articles": "Articles similaires",
        "Share": "Partager",
        "Tags ": "Mots-clés ",
        "Previous": "Précédent",
        "Next": "Suivant",
        "Home": "Accueil",
        "Latest News": "Dernières nouvelles",
        "Search": "Rechercher",
        "Syrian Arab News Agency": "Agence arabe syrienne d'information",
    }
)


@dataclass(frozen=True)
class Edition:
    """One edition of the site as the snapshot serves it.

    `prefix` is the path every address of the edition starts with (`/en`, `/fr`; empty for the
    Arabic edition at the site root); `iso_listing_dates` prints listing and widget dates as
    `YYYY-MM-DD` (the Arabic archive's form, EDITIONS.md C.3) instead of `March 14, 2017`.
    """

    code: str
    prefix: str
    html_lang: str
    feed_language: str
    direction: str = LTR
    iso_listing_dates: bool = False
    # Sahifa's `modern` time format ("3 days ago") on tag and even-numbered category listings.
    modern_time_format: bool = True
    malformed_front_feed: bool = False
    whole_text_teasers: bool = False
    # Month names of a `j F Y` listing date (`3 septembre 2024`); None: the English format.
    listing_months: tuple[str, ...] | None = None
    # WordPress's "posts per page" (the French site's is small, so its few posts page on).
    page_size: int = PAGE_SIZE
    # The relaunched site is another WordPress, with its own "posts per page".
    relaunch_page_size: int = PAGE_SIZE
    # Readers' comments (name, text) the comment widgets print; None: the English ones.
    reader_comments: tuple[tuple[str, str], ...] | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    content_dir: Path = SNAPSHOT_DIR / "content"

    @property
    def rtl(self) -> bool:
        return self.direction == RTL

    def root(self, base: str) -> str:
        """The edition's root under `base` (scheme and host): every link is `root + "/…"`."""
        return base + self.prefix

    def host(self, root: str) -> str:
        """Scheme and host of one of the edition's roots (`root` without the prefix)."""
        return root.removesuffix(self.prefix) if self.prefix else root

    @property
    def canonical_root(self) -> str:
        return CANONICAL_HOST + self.prefix

    def text(self, english: str) -> str:
        """A theme label in the edition's language."""
        return self.labels.get(english, english)

    def html_attributes(self) -> str:
        """`language_attributes()`: `dir` first (only when right to left), then `lang`."""
        direction = f'dir="{self.direction}" ' if self.rtl else ""
        return f'{direction}lang="{self.html_lang}"'

    def body_class(self, classes: str) -> str:
        """`body_class()` puts `rtl` first on a right-to-left site."""
        return f"rtl {classes}" if self.rtl else classes

    def listing_date(self, published: str) -> str:
        """What a listing, widget or menu card prints in its `span.tie-date`."""
        if self.iso_listing_dates:
            return parse_time(published).date().isoformat()
        if self.listing_months is not None:
            moment = parse_time(published)
            return f"{moment.day} {self.listing_months[moment.month - 1]} {moment.year}"
        return long_date(published)


ENGLISH = Edition(code="en", prefix="/en", html_lang="en-US", feed_language="en-US")
ARABIC = Edition(
    code="ar",
    prefix="",
    html_lang="ar",
    feed_language="ar",
    direction=RTL,
    iso_listing_dates=True,
    modern_time_format=False,
    malformed_front_feed=True,
    whole_text_teasers=True,
    reader_comments=ARABIC_READER_COMMENTS,
    relaunch_page_size=4,
    labels=ARABIC_LABELS,
    content_dir=SNAPSHOT_DIR / "content_ar",
)
FRENCH = Edition(
    code="fr",
    prefix="/fr",
    html_lang="fr-FR",
    feed_language="fr-FR",
    listing_months=FRENCH_MONTHS,
    modern_time_format=False,
    page_size=3,
    labels=FRENCH_LABELS,
    content_dir=SNAPSHOT_DIR / "content_fr",
)
EDITIONS = (ENGLISH, ARABIC, FRENCH)
