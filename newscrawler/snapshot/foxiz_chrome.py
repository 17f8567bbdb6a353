"""Foxiz 2.3.4 theme chrome around relaunched articles: options, header, cards, widgets, footer.

Markup is written for this project from the theme's templates (docs/snapshot.md names them);
every part a theme option can switch on is chosen per article by `options_for(post_id)`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from newscrawler.snapshot.common import DAMASCUS, esc, long_date, parse_time
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.site import Site

BREADCRUMBS = ("navxt", "yoast", "rankmath")
EFOOT_STYLES = ("tags", "full", "commas", "border")
# Paragraph after which the inline related block goes (Foxiz default 5); None: switched off.
RELATED_POSITIONS = (5, 5, 1, 2, 3, None)
AD_POSITIONS = (4, 9, 12)
CARD_METAS = ("update", "update,date", "date")
EMPTY_CLOCK = datetime(2025, 8, 2, 9, 0, tzinfo=DAMASCUS)
LANGUAGES = (("ar", "AR"), ("tr", "TR"), ("fr", "FR"), ("es", "ES"), ("ku", "KU"))
SHARE_SITES = (
    ("facebook", "Facebook", "https://www.facebook.com/sharer.php?u="),
    ("twitter", "X", "https://twitter.com/intent/tweet?url="),
    ("whatsapp", "WhatsApp", "https://api.whatsapp.com/send?text="),
    ("telegram", "Telegram", "https://t.me/share/url?url="),
    ("email", "Email", "mailto:?body="),
)
PRIVACY_TEXT = "By using this site, you agree to the Privacy Policy and Terms of Use."
MENU_EXTRA = ("Video", "Photos", "Miscellaneous")


@dataclass(frozen=True)
class FoxizOptions:
    """The theme options one article page is rendered with (docs/snapshot.md lists them)."""

    breadcrumb: str
    sticky_title: bool
    tagline: bool
    updated_meta: bool
    top_share: bool
    read_time: bool
    feat_caption: bool
    entry_top: bool
    highlights: bool
    ads: bool
    related_after: int | None
    page_links: bool
    entry_bottom: bool
    efoot: str
    bottom_share: bool
    reaction: bool
    author_box: bool
    next_prev: bool
    comments: bool
    sidebar: bool
    footer_related: bool
    popular: bool
    ajax_next_post: bool
    schema_article_body: bool


def options_for(post_id: int) -> FoxizOptions:
    """Theme options derived from the post id only, so a page renders the same every time."""
    rng = random.Random(post_id)

    def flag(chance: float = 0.5) -> bool:
        return rng.random() < chance

    return FoxizOptions(
        breadcrumb=rng.choice(BREADCRUMBS),
        sticky_title=flag(0.7),
        tagline=flag(0.3),
        updated_meta=flag(),
        top_share=flag(0.7),
        read_time=flag(),
        feat_caption=flag(0.7),
        entry_top=flag(),
        highlights=flag(0.3),
        ads=flag(0.8),
        related_after=rng.choice(RELATED_POSITIONS),
        page_links=flag(0.2),
        entry_bottom=flag(),
        efoot=rng.choice(EFOOT_STYLES),
        bottom_share=flag(0.8),
        reaction=flag(),
        author_box=flag(),
        next_prev=flag(0.6),
        comments=flag(),
        sidebar=flag(0.7),
        footer_related=flag(0.8),
        popular=flag(0.4),
        ajax_next_post=flag(),
        schema_article_body=flag(),
    )


def article_url(article: ContentArticle, root: str) -> str:
    return f"{root}/{article.section}/{article.post_id}/"


def image_url(root: str, name: str) -> str:
    return f"{root}/wp-content/uploads/{name}"


def thumbnail_name(article: ContentArticle) -> str:
    """The card image: the post's featured image, else a stock picture of its section."""
    return article.featured_image or f"2025/08/sana-{article.section}-placeholder.jpg"


# --- cards (templates/parts.php, templates/entry.php) ----------------------------------------


@dataclass(frozen=True)
class CardDates:
    """Foxiz's site-wide date options (`foxiz_entry_meta_date` / `_updated`,
    `templates/entry.php`): `human_time` prints "N ago" counted from `human_time_from`;
    `force_modified_date` drops the `published` / `updated` classes of the `time` elements
    and (the theme says) shows the modified date as the publication date."""

    human_time_from: datetime | None = None
    force_modified_date: bool = False


PLAIN_DATES = CardDates()
# The snapshot serves each option on one section's listing (the theme has them site-wide).
HUMAN_TIME_SECTION = "economy"
FORCE_MODIFIED_SECTION = "society"
# WordPress's `human_time_diff` units, largest first: (seconds, one, many).
TIME_UNITS = (
    (365 * 86400, "year", "years"),
    (30 * 86400, "month", "months"),
    (7 * 86400, "week", "weeks"),
    (86400, "day", "days"),
    (3600, "hour", "hours"),
    (60, "min", "mins"),
)


def card_meta(article: ContentArticle, meta: str = "update", dates: CardDates = PLAIN_DATES) -> str:
    """`span.meta-el` items in the order the layout's entry_meta option lists them."""
    modified = article.modified or article.published
    forced = dates.force_modified_date
    items = []
    for name in meta.split(","):
        if name == "update":
            time_class = "" if forced else ' class="updated"'
            span_class = " human-format" if dates.human_time_from else ""
            moment = modified
        else:
            time_class = "" if forced else ' class="date published"'
            span_class = ""
            moment = modified if forced else article.published
        items.append(
            f'<span class="meta-el meta-{"update" if name == "update" else "date"}{span_class}">'
            f'<time{time_class} datetime="{moment}">{_shown_date(moment, dates)}</time></span>'
        )
    return f'<div class="p-meta"><div class="meta-inner is-meta">{"".join(items)}</div></div>'


def _shown_date(moment: str, dates: CardDates) -> str:
    if dates.human_time_from is None:
        return long_date(moment)
    return f"{human_time_diff(parse_time(moment), dates.human_time_from)} ago"


def human_time_diff(then: datetime, now: datetime) -> str:
    """WordPress's `human_time_diff`: the largest unit that fits, rounded half up, at least 1."""
    seconds = max(0.0, (now - then).total_seconds())
    size, one, many = next((unit for unit in TIME_UNITS if seconds >= unit[0]), TIME_UNITS[-1])
    count = max(1, int(seconds / size + 0.5))
    return f"{count} {one if count == 1 else many}"


def listing_clock(site: Site) -> datetime:
    """When relaunched listings claim to render: a day after the newest relaunched post."""
    newest = site.relaunch_articles(site.relaunch_all[:1])
    if not newest:
        return EMPTY_CLOCK
    return parse_time(newest[0].published) + timedelta(days=1)


def card(
    article: ContentArticle,
    root: str,
    layout: str = "p-grid p-grid-small-1",
    title_tag: str = "h3",
    meta: str = "update",
    dates: CardDates = PLAIN_DATES,
    title_size: str = "",
) -> str:
    """A Foxiz post card: `div.p-wrap[data-pid]`, featured thumbnail, title link, meta;
    `title_size` (`h4`) is the class a non-heading `title_tag` (`span`) gets for its size."""
    title_class = f"entry-title {title_size}".strip()
    url = article_url(article, root)
    title = esc(article.title)
    src = image_url(root, thumbnail_name(article))
    stem = src.rsplit(".", 1)[0]
    return (
        f'<div class="p-wrap {layout}" data-pid="{article.post_id}">'
        '<div class="feat-holder"><div class="p-featured">'
        f'<a class="p-flink" href="{url}" title="{title}">'
        f'<img loading="lazy" width="330" height="220" src="{stem}-330x220.jpg" '
        'class="featured-img wp-post-image" alt="" decoding="async" '
        f'srcset="{stem}-330x220.jpg 330w, {stem}-420x280.jpg 420w, {stem}-615x410.jpg 615w, '
        f'{src} 860w" sizes="(max-width: 330px) 100vw, 330px" /></a></div></div>'
        f'<div class="p-content"><{title_tag} class="{title_class}">'
        f'<a class="p-url" href="{url}" rel="bookmark">{title}</a></{title_tag}>'
        f"{card_meta(article, meta, dates)}</div></div>"
    )


def heading(title: str, tag: str = "h4", layout: str = "heading-layout-1") -> str:
    """`foxiz_get_heading`: the block heading every widget and related block opens with."""
    return (
        f'<div class="block-h {layout}"><div class="heading-inner">'
        f'<{tag} class="heading-title none-toc"><span>{esc(title)}</span></{tag}>'
        "</div></div>"
    )


# --- header (templates/header/templates.php, includes/menu.php) -----------------------------


def mega_menu(site: Site, section: str, root: str) -> str:
    """`div.mega-dropdown.is-mega-category`: intro, "Top News" (3) and "Latest News" (4)."""
    post_ids = site.by_section.get(section, [])
    latest = site.relaunch_articles(post_ids[:4])
    # Foxiz orders "Top News" by comment count; the snapshot's stand-in is a fixed shuffle.
    trending = site.relaunch_articles(sorted(post_ids, key=lambda pid: pid % 7)[:3])
    name = esc(site.sections[section])
    intro = (
        '<div class="mega-col mega-col-intro"><div class="h3"><a class="p-url" '
        f'href="{root}/{section}/">{name}</a></div><div class="cbox-description">'
        f"The latest {name.lower()} news from the Syrian Arab News Agency.</div>"
        f'<a class="mega-link p-readmore" href="{root}/{section}/">Show More'
        '<i class="rbi rbi-cright" aria-hidden="true"></i></a></div>'
    )
    return (
        '<div class="mega-dropdown is-mega-category"><div class="rb-container edge-padding">'
        f'<div class="mega-dropdown-inner">{intro}'
        f'<div class="mega-col mega-col-trending"><div class="mega-header"><i class="rbi '
        'rbi-trending" aria-hidden="true"></i><span class="h4">Top News</span></div>'
        '<div class="mega-trending is-format-list">'
        f"{_mega_cards(trending, root, 'p-list-small-2')}"
        '</div></div><div class="mega-col mega-col-latest"><div class="mega-header">'
        '<i class="rbi rbi-clock" aria-hidden="true"></i><span class="h4">Latest News</span>'
        f'</div><div class="mega-latest is-format-grid">{_mega_cards(latest, root, "p-grid")}'
        "</div></div></div></div></div>"
    )


def _mega_cards(articles: Sequence[ContentArticle], root: str, layout: str) -> str:
    """Mega-menu cards: `includes/menu.php` asks for `title_tag` `span`, sized `h4`."""
    return "".join(card(article, root, layout, "span", title_size="h4") for article in articles)


def _menu_item(item_id: int, href: str, name: str, mega: str = "") -> str:
    classes = "menu-item menu-item-type-taxonomy menu-item-object-category"
    if mega:
        classes += " menu-item-has-children menu-has-child-mega is-child-wide"
    return (
        f'<li id="menu-item-{item_id}" class="{classes} menu-item-{item_id}">'
        f'<a href="{href}"><span>{esc(name)}</span></a>{mega}</li>'
    )


def navigation(site: Site, root: str) -> str:
    """`nav#site-navigation`: Latest News, a mega menu per section, then plain items."""
    items = [_menu_item(101, f"{root}/", "Latest News")]
    for number, (slug, name) in enumerate(site.sections.items()):
        mega = mega_menu(site, slug, root)
        items.append(_menu_item(110 + number, f"{root}/{slug}/", name, mega))
    for number, name in enumerate(MENU_EXTRA):
        items.append(_menu_item(130 + number, f"{root}/{name.lower()}/", name))
    return (
        '<nav id="site-navigation" class="main-menu-wrap" aria-label="main menu">'
        '<ul id="menu-main-menu" class="main-menu rb-menu large-menu" itemscope '
        f'itemtype="https://www.schema.org/SiteNavigationElement">{"".join(items)}</ul></nav>'
    )


def _header_dropdowns(site: Site, root: str) -> str:
    host = site.edition.host(root)
    languages = "".join(
        f'<a class="lang-link" href="{host}/{code}/" hreflang="{code}">{label}</a>'
        for code, label in _other_languages(site)
    )
    return (
        '<div class="navbar-right"><div class="wnav-holder header-dropdown-outer">'
        '<a href="#" class="dropdown-trigger notification-icon" aria-label="notification">'
        '<i class="rbi rbi-notification" aria-hidden="true"></i></a>'
        '<div class="header-dropdown notification-dropdown"><div class="notification-popup">'
        '<div class="notification-header"><span class="h4">Notification</span>'
        f'<a class="notification-url meta-text" href="{root}/my-bookmarks/">Show More</a>'
        '</div><div class="notification-content"><div class="scroll-holder">'
        '<div class="rb-notification ecat-l-dot is-feat-right" data-interval="12"></div>'
        "</div></div></div></div></div>"
        '<div class="wnav-holder w-header-search header-dropdown-outer">'
        '<a href="#" data-title="Search" class="icon-holder header-element search-btn '
        'search-trigger" aria-label="search"><i class="rbi rbi-search" aria-hidden="true"></i>'
        '</a><div class="header-dropdown"><div class="header-search-form is-icon-layout">'
        f'<form method="get" action="{root}/" class="rb-search-form" data-search="post">'
        '<div class="search-form-inner"><span class="search-icon"><i class="rbi rbi-search" '
        'aria-hidden="true"></i></span><span class="search-text"><input type="text" '
        'class="field" placeholder="Search Headlines, News..." value="" name="s" /></span>'
        '<span class="rb-search-submit"><input type="submit" value="Search" />'
        '<i class="rbi rbi-cright" aria-hidden="true"></i></span></div></form></div></div></div>'
        f'<div class="wnav-holder header-lang"><div class="lang-switch">{languages}</div></div>'
        "</div>"
    )


def _other_languages(site: Site) -> tuple[tuple[str, str], ...]:
    """The language switch: AR TR FR ES KU on the English site; on another edition, English
    in place of its own language."""
    if site.edition.code == "en":
        return LANGUAGES
    others = tuple((code, label) for code, label in LANGUAGES if code != site.edition.code)
    return (("en", "EN"), *others)


def _logo(root: str) -> str:
    return (
        '<div class="logo-wrap is-image-logo site-branding">'
        f'<a href="{root}/" class="logo" title="Syrian Arab News Agency">'
        f'<img class="logo-default" data-mode="default" height="90" width="300" '
        f'src="{image_url(root, "2025/08/sana-logo-en.png")}" alt="Syrian Arab News Agency" '
        'decoding="async" loading="eager" /></a></div>'
    )


def privacy_bar(root: str) -> str:
    return (
        '<aside id="rb-privacy" class="privacy-bar privacy-left"><div class="privacy-inner">'
        '<div class="privacy-content">By using this site, you agree to the '
        f'<a href="{root}/privacy-policy/">Privacy Policy</a> and '
        f'<a href="{root}/terms-of-use/">Terms of Use</a>.</div>'
        '<div class="privacy-dismiss"><a id="privacy-trigger" href="#" class="privacy-dismiss-btn '
        'is-btn"><span>Accept</span></a></div></div></aside>'
    )


TOP_AD = '<div class="top-site-ad is-code"></div>'


def site_header(site: Site, root: str, sticky: str = "") -> str:
    """`div#site-header` (`templates/header/layouts.php`, header 1): the privacy bar
    (`foxiz_top_site` hook), the reading indicator and the navbar; a post's sticky "Reading:"
    title (`foxiz_single_sticky`) sits in `.navbar-left` after the menu."""
    before, after = _header_halves(site, root)
    return f"{before}{sticky}{after}"


@lru_cache(maxsize=16)
def _header_halves(site: Site, root: str) -> tuple[str, str]:
    """The header around the sticky title's place, built once per site and address."""
    before = (
        '<div id="site-header" class="header-wrap rb-section header-set-1 header-1 '
        f'header-wrapper style-shadow has-quick-menu">{privacy_bar(root)}'
        '<div class="reading-indicator"><span id="reading-progress"></span></div>'
        '<div id="navbar-outer" class="navbar-outer">'
        '<div id="sticky-holder" class="sticky-holder"><div class="navbar-wrap">'
        '<div class="rb-container edge-padding"><div class="navbar-inner">'
        f'<div class="navbar-left">{_logo(root)}{navigation(site, root)}'
    )
    after = f"</div>{_header_dropdowns(site, root)}</div></div></div></div></div></div>"
    return before, after


def sticky_title(article: ContentArticle) -> str:
    """`foxiz_single_sticky_html`: the "Reading:" bar shown while scrolling a post."""
    return (
        '<div id="s-title-sticky" class="s-title-sticky"><div class="s-title-sticky-left">'
        '<span class="sticky-title-label">Reading:</span>'
        f'<span class="h4 sticky-title">{esc(article.title)}</span></div>'
        f'<div class="sticky-share-list">{share_links(article, "sticky")}</div></div>'
    )


# --- share bars, widgets, footer --------------------------------------------------------------


def share_links(article: ContentArticle, where: str) -> str:
    return "".join(
        f'<a class="share-action share-trigger icon-{key}" aria-label="Share on {label}" '
        f'href="{prefix}{esc(article.title)}" data-title="{label}" rel="nofollow" '
        f'data-where="{where}"><i class="rbi rbi-{key}" aria-hidden="true"></i>'
        f'<span class="share-label">{label}</span></a>'
        for key, label, prefix in SHARE_SITES
    )


def top_share(article: ContentArticle) -> str:
    return (
        '<div class="t-shared-sec tooltips-n is-color"><div class="t-shared-header is-meta">'
        '<i class="rbi rbi-share" aria-hidden="true"></i><span class="share-label">Share</span>'
        f'</div><div class="effect-fadeout">{share_links(article, "top")}</div></div>'
    )


def bottom_share(article: ContentArticle) -> str:
    return (
        '<div class="e-shared-sec entry-sec"><div class="e-shared-header h4">'
        '<i class="rbi rbi-share" aria-hidden="true"></i><span>Share This Article</span></div>'
        f'<div class="rbbsl tooltips-n effect-fadeout is-bg">{share_links(article, "bottom")}'
        "</div></div>"
    )


def widget(widget_id: str, title: str, content: str, classes: str = "") -> str:
    return (
        f'<div id="{widget_id}" class="widget rb-section w-sidebar clearfix {classes}">'
        f"{heading(title, 'h4', 'heading-layout-2')}{content}</div>"
    )


def _latest_cards(site: Site, root: str, skip: int, count: int, layout: str) -> str:
    articles = site.relaunch_articles(site.relaunch_all[skip : skip + count])
    return "".join(card(article, root, layout, "h5") for article in articles)


def _follow_widget(root: str) -> str:
    links = "".join(
        f'<div class="social-link-{key}"><a class="social-link-custom" href="{root}/" '
        f'data-title="{label}" rel="noopener nofollow"><i class="rbi rbi-{key}"></i>'
        f'<span class="fnlabel">{label}</span></a></div>'
        for key, label, _ in SHARE_SITES[:4]
    )
    return f'<div class="social-follower effect-fadeout">{links}</div>'


@lru_cache(maxsize=16)
def sidebar(site: Site, root: str) -> str:
    """`div.sidebar-wrap`: follow buttons, latest posts, a newsletter box and an ad slot."""
    latest = _latest_cards(site, root, 0, 5, "p-list p-list-small-2")
    popular = _latest_cards(site, root, 5, 4, "p-grid p-grid-small-1")
    return (
        '<div class="sidebar-wrap single-sidebar"><div class="sidebar-inner clearfix">'
        f"{widget('widget-follow-1', 'Follow SANA', _follow_widget(root), 'widget-follower')}"
        f"{widget('widget-post-2', 'Latest News', f'<div class=block-inner>{latest}</div>')}"
        '<div id="widget-ad-3" class="widget rb-section w-sidebar clearfix widget-ad-image">'
        '<div class="ad-wrap ad-image-wrap"><span class="ad-description is-meta">'
        '- Advertisement -</span><div class="ad-image"><a class="ad-destination" '
        f'href="{root}/" rel="noopener nofollow"><img loading="lazy" '
        f'src="{image_url(root, "2025/08/sana-app-300x250.jpg")}" alt="SANA app" width="300" '
        'height="250" /></a></div></div></div>'
        f"{widget('widget-post-4', 'Most Read', f'<div class=block-inner>{popular}</div>')}"
        "</div></div>"
    )


@lru_cache(maxsize=16)
def site_footer(site: Site, root: str) -> str:
    """The footer: about text, section links, latest headlines and the copyright line."""
    sections = "".join(
        f'<li class="menu-item"><a href="{root}/{slug}/">{esc(name)}</a></li>'
        for slug, name in site.sections.items()
    )
    latest = _latest_cards(site, root, 0, 3, "p-list p-list-small-1")
    menu = widget("nav-menu-6", "Sections", f'<ul class="menu">{sections}</ul>')
    return (
        '<footer class="footer-wrap rb-section left-dot"><div class="footer-inner footer-has-bg">'
        '<div class="footer-columns rb-columns is-gap-25 rb-container edge-padding">'
        '<div class="block-inner"><div class="footer-col"><div id="widget-about-5" '
        'class="widget w-sidebar rb-section clearfix widget-about"><div class="about-content">'
        '<div class="about-description is-meta">The Syrian Arab News Agency publishes news of '
        "Syria and the world in Arabic, English, French, Spanish, Turkish and Kurdish.</div>"
        "</div></div></div>"
        f'<div class="footer-col">{menu}</div>'
        f'<div class="footer-col">{widget("widget-post-7", "Latest", latest)}</div>'
        "</div></div>"
        '<div class="footer-copyright"><div class="rb-container edge-padding">'
        '<div class="copyright-inner"><div class="copyright">© 2025 Syrian Arab News Agency '
        "(SANA). All Rights Reserved.</div>"
        f'<ul class="footer-menu-inner"><li><a href="{root}/privacy-policy/">Privacy Policy'
        f'</a></li><li><a href="{root}/terms-of-use/">Terms of Use</a></li>'
        f'<li><a href="{root}/contact-us/">Contact Us</a></li></ul>'
        "</div></div></div></div></footer>"
    )
