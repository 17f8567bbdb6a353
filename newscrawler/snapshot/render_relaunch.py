"""HTML of the relaunched layout (Foxiz, since Aug 2025): articles, `?rbsnp=1` pages, listings."""

from __future__ import annotations

import html
import json
import re

from newscrawler.snapshot import foxiz_single as single
from newscrawler.snapshot.common import esc, excerpt
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.editions import ENGLISH
from newscrawler.snapshot.foxiz_assets import footer_scripts, inline_css
from newscrawler.snapshot.foxiz_chrome import (
    CARD_METAS,
    FORCE_MODIFIED_SECTION,
    HUMAN_TIME_SECTION,
    TOP_AD,
    CardDates,
    FoxizOptions,
    article_url,
    bottom_share,
    card,
    image_url,
    listing_clock,
    options_for,
    sidebar,
    site_footer,
    site_header,
    sticky_title,
)
from newscrawler.snapshot.site import Site, page_count, page_slice

# `paginate_links` arguments of Foxiz's number pagination: two end pages on each side, two
# around the current page; prev/next are icons with no text.
PAGINATION_END_SIZE = 2
PAGINATION_MID_SIZE = 2
PREV_ICON = '<i class="rbi-cleft" aria-hidden="true"></i>'
NEXT_ICON = '<i class="rbi-cright" aria-hidden="true"></i>'
# Class names of a later theme that a layout-drift fault serves instead of this one's.
DRIFTED_TITLE_CLASS = "story-headline"
DRIFTED_ENTRY_CLASS = "story-text clearfix"
RELATED_COUNT = 4
_TAG = re.compile(r"<[^>]+>")


def canonical_url(site: Site, article: ContentArticle) -> str:
    return f"{site.edition.canonical_root}/{article.section}/{article.post_id}/"


def render_article(
    site: Site,
    article: ContentArticle,
    base: str,
    drift: bool = False,
    options: FoxizOptions | None = None,
) -> str:
    """An article page `<edition>/<section>/<id>/` with the chrome its theme options switch on
    (by default those `options_for` derives from the post id)."""
    options = options or options_for(article.post_id)
    root = site.edition.root(base)
    older, _ = _neighbours(site, article)
    footer = single.footer_related(_others(site, article), root) if options.footer_related else ""
    if options.popular:
        footer += single.single_popular(site, root)
    post = _single_post(site, article, options, root, drift, footer)
    body_class = (
        "post-template-default single single-post "
        f"postid-{article.post_id} single-format-standard is-single-standard_1"
    )
    if options.ajax_next_post and older is not None:
        post = _infinite_holder(article, post, older, root)
    return "\n".join(
        [
            _head(site, article.title, _article_meta(site, article, options, root)),
            f'<body class="{site.edition.body_class(body_class)}">',
            TOP_AD,
            '<div class="site-outer">',
            site_header(site, root, sticky_title(article) if options.sticky_title else ""),
            '<div class="site-wrap"><div class="site-main">',
            post,
            "</div></div>",
            site_footer(site, root),
            "</div>",
            footer_scripts(root),
            "</body></html>",
        ]
    )


def render_next_post(
    site: Site, article: ContentArticle, base: str, options: FoxizOptions | None = None
) -> str:
    """`<article url>?rbsnp=1`: the bare noindex page Foxiz's script appends to a post."""
    root = site.edition.root(base)
    older, _ = _neighbours(site, article)
    # The bare permalink of the previous post, as the template prints it (its script adds rbsnp).
    next_url = article_url(older, root) if older else ""
    options = options or options_for(article.post_id)
    post = _single_post(site, article, options, root, drift=False)
    here = article_url(article, root)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f"<html {site.edition.html_attributes()}>",
            '<head><meta charset="UTF-8" /><meta http-equiv="X-UA-Compatible" content="IE=edge" />',
            '<meta name="robots" content="noindex, nofollow" />',
            '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
            '<link rel="profile" href="https://gmpg.org/xfn/11" />',
            f'<link rel="canonical" href="{here}" /></head>',
            f'<body class="{site.edition.body_class("")}">' if site.edition.rtl else "<body>",
            f'<div class="single-post-outer has-continue-reading" data-postid="{article.post_id}" '
            f'data-postlink="{here}" data-nextposturl="{next_url}">',
            post,
            f'<div class="continue-reading"><a href="{here}" class="continue-reading-btn is-btn">'
            "Continue Reading</a></div>",
            "</div>",
            "</body></html>",
        ]
    )


def _infinite_holder(article: ContentArticle, post: str, older: ContentArticle, root: str) -> str:
    """`div#single-post-infinite` (`templates/single/layouts.php`): the post, and the previous
    post's bare permalink, which the theme's script requests with `rbsnp=1` added."""
    return (
        '<div id="single-post-infinite" class="single-post-infinite" '
        f'data-nextposturl="{article_url(older, root)}">'
        f'<div class="single-post-outer activated" data-postid="{article.post_id}" '
        f'data-postlink="{article_url(article, root)}">{post}</div>'
        '</div><div id="single-infinite-point" class="single-infinite-point pagination-wrap">'
        '<i class="rb-loader" aria-hidden="true"></i></div>'
    )


def _single_post(
    site: Site,
    article: ContentArticle,
    options: FoxizOptions,
    root: str,
    drift: bool,
    footer: str = "",
) -> str:
    """`div.single-standard-1` (`templates/single/standard-1.php`): the article with header,
    content and sidebar, then `foxiz_single_footer` ("You Might Also Like", popular; never on
    an rbsnp page) after `</article>` in the same container."""
    layout = "is-sidebar-right" if options.sidebar else "without-sidebar"
    return "".join(
        [
            f'<div class="single-standard-1 single-wrap {layout}"><div class="rb-container '
            'edge-padding">',
            f'<article id="post-{article.post_id}" class="post-{article.post_id} post type-post '
            f'status-publish format-standard has-post-thumbnail category-{article.section}">',
            _single_header(site, article, options, root, drift),
            '<div class="grid-container"><div class="s-ct">',
            single.featured(article, options, root),
            _content(site, article, options, root, drift),
            _after_content(site, article, options, root),
            "</div>",
            sidebar(site, root) if options.sidebar else "",
            "</div></article>",
            footer,
            "</div></div>",
        ]
    )


def _single_header(
    site: Site, article: ContentArticle, options: FoxizOptions, root: str, drift: bool
) -> str:
    section_name = site.sections[article.section or ""]
    title_class = DRIFTED_TITLE_CLASS if drift else "s-title fw-headline"
    return "".join(
        [
            '<header class="single-header">',
            single.breadcrumb(options.breadcrumb, article, section_name, root),
            single.categories(article, section_name, root),
            f'<h1 class="{title_class}">{esc(article.title)}</h1>',
            single.tagline(article) if options.tagline else "",
            single.single_meta(article, options, root),
            "</header>",
        ]
    )


def _content(
    site: Site, article: ContentArticle, options: FoxizOptions, root: str, drift: bool
) -> str:
    """`div.s-ct-wrap`: left share column, entry top, highlights, the text, efoot."""
    others = _others(site, article)
    entry_class = DRIFTED_ENTRY_CLASS if drift else "entry-content rbct clearfix"
    return "".join(
        [
            '<div class="s-ct-wrap has-lsl"><div class="s-ct-inner">',
            '<div class="l-shared-sec-outer"><div class="l-shared-sec"><div class="l-shared-header '
            'meta-text"><span class="share-label">SHARE</span></div></div></div>',
            '<div class="e-ct-outer">',
            single.entry_top(others, root) if options.entry_top else "",
            single.highlights(article) if options.highlights else "",
            f'<div class="{entry_class}">',
            single.entry_content_html(article, options, others, root),
            "</div>",
            single.page_links(article, root) if options.page_links else "",
            single.entry_bottom(others, root) if options.entry_bottom else "",
            single.efoot(article, options.efoot, root),
            "</div>",
            bottom_share(article) if options.bottom_share else "",
            single.reaction_section() if options.reaction else "",
            "</div></div>",
        ]
    )


def _after_content(site: Site, article: ContentArticle, options: FoxizOptions, root: str) -> str:
    older, newer = _neighbours(site, article)
    return "".join(
        [
            single.author_box(root) if options.author_box else "",
            single.entry_pagination(older, newer, root) if options.next_prev else "",
            single.comments(article, root) if options.comments else "",
        ]
    )


def _neighbours(
    site: Site, article: ContentArticle
) -> tuple[ContentArticle | None, ContentArticle | None]:
    """The chronologically previous (older) and next (newer) listed posts, any section."""
    order = site.relaunch_all
    if article.post_id not in order:
        return None, None
    index = order.index(article.post_id)
    older = site.relaunch_article(order[index + 1]) if index + 1 < len(order) else None
    newer = site.relaunch_article(order[index - 1]) if index > 0 else None
    return older, newer


def _others(site: Site, article: ContentArticle) -> list[ContentArticle]:
    """Related posts: the newest others of the same section (Foxiz's default "category")."""
    same = [pid for pid in site.by_section.get(article.section or "", []) if pid != article.post_id]
    return site.relaunch_articles(same[:RELATED_COUNT])


def render_listing(site: Site, section: str, page: int, base: str) -> str | None:
    """Page `page` of a section listing, or None for an unknown section or past the end."""
    root = site.edition.root(base)
    if section not in site.sections:
        return None
    post_ids = site.by_section.get(section, [])
    size = site.edition.relaunch_page_size
    on_page = page_slice(post_ids, page, size)
    if on_page is None:
        return None
    name = site.sections[section]
    meta = listing_card_meta(site, section)
    dates = listing_dates(site, section)
    cards = "\n".join(
        card(article, root, "p-list p-list-1", "h3", meta, dates)
        for article in site.relaunch_articles(on_page)
    )
    return "\n".join(
        [
            _head(site, name, inline_css() + rtl_stylesheet(site, root)),
            f'<body class="{site.edition.body_class(f"archive category category-{section}")}">',
            TOP_AD,
            '<div class="site-outer">',
            site_header(site, root),
            '<div class="site-wrap"><div class="site-main">',
            '<div class="archive-outer is-sidebar-right"><header class="archive-header">'
            f'<div class="rb-container edge-padding"><h1 class="archive-title">{esc(name)}</h1>'
            f'<div class="archive-description">{esc(site.edition.text("Latest %s News") % name)}'
            "</div></div></header>",
            '<div class="rb-container edge-padding"><div class="grid-container"><div '
            'class="blog-content"><div class="block-wrap block-list block-list-1">'
            f'<div class="block-inner">\n{cards}\n</div></div>',
            _pagination(section, page, page_count(len(post_ids), size), base, site.edition.prefix),
            "</div>",
            sidebar(site, root),
            "</div></div></div>",
            "</div></div>",
            site_footer(site, root),
            "</div>",
            footer_scripts(root),
            "</body></html>",
        ]
    )


def listing_card_meta(site: Site, section: str) -> str:
    """The section's card layout meta: the Foxiz default `update`, or with the publish date."""
    return CARD_METAS[list(site.sections).index(section) % len(CARD_METAS)]


def listing_dates(site: Site, section: str) -> CardDates:
    """The section listing's date options: `human_time`, `force_modified_date` or neither."""
    if section == HUMAN_TIME_SECTION:
        return CardDates(human_time_from=listing_clock(site))
    return CardDates(force_modified_date=section == FORCE_MODIFIED_SECTION)


def json_ld(site: Site, article: ContentArticle, with_body: bool = False) -> str:
    """A Rank Math-like JSON-LD graph, safe to put inside a `<script>` element."""
    url = canonical_url(site, article)
    home = site.edition.canonical_root
    graph = [
        _organization(site),
        {
            "@type": "WebSite",
            "@id": f"{home}/#website",
            "url": home,
            "name": "SANA",
            "publisher": {"@id": f"{home}/#organization"},
            "inLanguage": site.edition.html_lang,
        },
        _breadcrumb_list(site, article),
        {
            "@type": "WebPage",
            "@id": f"{url}#webpage",
            "url": url,
            "name": f"{article.title} - SANA",
            "datePublished": article.published,
            "dateModified": article.modified or article.published,
            "isPartOf": {"@id": f"{home}/#website"},
            "breadcrumb": {"@id": f"{url}#breadcrumb"},
            "inLanguage": site.edition.html_lang,
        },
        _news_article(site, article, with_body),
    ]
    document = {"@context": "https://schema.org", "@graph": graph}
    return json.dumps(document, ensure_ascii=False).replace("<", "\\u003c")


def _organization(site: Site) -> dict[str, object]:
    home = site.edition.canonical_root
    return {
        "@type": "NewsMediaOrganization",
        "@id": f"{home}/#organization",
        "name": "Syrian Arab News Agency",
        "url": home,
        "logo": {
            "@type": "ImageObject",
            "url": f"{home}/wp-content/uploads/2025/08/sana-logo-en.png",
        },
    }


def _breadcrumb_list(site: Site, article: ContentArticle) -> dict[str, object]:
    home = site.edition.canonical_root
    trail = [
        ("Syrian Arab News Agency (SANA)", f"{home}/"),
        ("Latest News", f"{home}/latest-news/"),
        (site.sections[article.section or ""], f"{home}/{article.section}/"),
        (article.title, canonical_url(site, article)),
    ]
    return {
        "@type": "BreadcrumbList",
        "@id": f"{canonical_url(site, article)}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "item": {"@id": href, "name": name}}
            for number, (name, href) in enumerate(trail, start=1)
        ],
    }


def _news_article(site: Site, article: ContentArticle, with_body: bool) -> dict[str, object]:
    url = canonical_url(site, article)
    home = site.edition.canonical_root
    node: dict[str, object] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published,
    }
    if article.modified is not None:
        node["dateModified"] = article.modified
    node["articleSection"] = site.category_names(article)
    node["keywords"] = ",".join(article.tags)
    node["author"] = {"@type": "Person", "name": "SANA"}
    node["publisher"] = {"@id": f"{home}/#organization"}
    node["description"] = excerpt(article.body_html)
    node["@id"] = f"{url}#richSnippet"
    node["isPartOf"] = {"@id": f"{url}#webpage"}
    node["inLanguage"] = site.edition.html_lang
    node["mainEntityOfPage"] = {"@id": f"{url}#webpage"}
    if with_body:
        node["articleBody"] = strip_tags(article.body_html)
    return node


def strip_tags(fragment: str) -> str:
    """What WordPress's `wp_strip_all_tags` gives for a post's HTML: tags out, entities read."""
    return html.unescape(_TAG.sub("", fragment)).strip()


def _head(site: Site, title: str, meta: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f"<html {site.edition.html_attributes()}>",
            "<head>",
            '<meta charset="UTF-8" />',
            '<meta name="viewport" content="width=device-width, initial-scale=1" />',
            f"<title>{esc(title)} - SANA</title>",
            meta,
            "</head>",
        ]
    )


def _article_meta(site: Site, article: ContentArticle, options: FoxizOptions, root: str) -> str:
    lines = [
        '<meta name="robots" content="index, follow, max-snippet:-1, max-image-preview:large" />',
        f'<link rel="canonical" href="{canonical_url(site, article)}" />',
        '<meta property="og:type" content="article" />',
        f'<meta property="og:title" content="{esc(article.title)}" />',
        f'<meta property="og:description" content="{esc(excerpt(article.body_html))}" />',
        f'<meta property="og:url" content="{canonical_url(site, article)}" />',
        '<meta property="og:site_name" content="SANA" />',
    ]
    if article.featured_image is not None:
        src = image_url(site.edition.canonical_root, article.featured_image)
        lines.append(f'<meta property="og:image" content="{src}" />')
    lines.append(inline_css() + rtl_stylesheet(site, root))
    if article.json_ld:
        graph = json_ld(site, article, options.schema_article_body)
        lines.append(
            f'<script type="application/ld+json" class="rank-math-schema">{graph}</script>'
        )
    return "\n".join(lines)


def rtl_stylesheet(site: Site, root: str) -> str:
    """Foxiz's right-to-left stylesheet, which the theme enqueues on an RTL site."""
    if not site.edition.rtl:
        return ""
    return (
        f"\n<link rel='stylesheet' id='foxiz-rtl-css' href='{root}/wp-content/themes/foxiz/"
        "assets/css/rtl.css?ver=2.3.4' media='all' />"
    )


def _page_href(section: str, page: int, root: str) -> str:
    return f"{root}/{section}/" if page == 1 else f"{root}/{section}/page/{page}/"


def _pagination(
    section: str, page: int, total: int, base: str, prefix: str = ENGLISH.prefix
) -> str:
    """`foxiz_render_pagination_number` (`templates/parts.php`): WordPress `paginate_links`
    with `end_size` and `mid_size` 2, icon-only prev/next and `…` for the skipped numbers;
    links under `base` (scheme and host) and the edition's `prefix`."""
    root = base + prefix
    if total == 1:
        return ""
    parts = []
    if page > 1:
        previous = _page_href(section, page - 1, root)
        parts.append(f'<a class="prev page-numbers" href="{previous}">{PREV_ICON}</a>')
    dots = False
    for number in range(1, total + 1):
        if number == page:
            parts.append(f'<span aria-current="page" class="page-numbers current">{number}</span>')
            dots = True
        elif _shown(number, page, total):
            href = _page_href(section, number, root)
            parts.append(f'<a class="page-numbers" href="{href}">{number}</a>')
            dots = True
        elif dots:
            parts.append('<span class="page-numbers dots">&hellip;</span>')
            dots = False
    if page < total:
        following = _page_href(section, page + 1, root)
        parts.append(f'<a class="next page-numbers" href="{following}">{NEXT_ICON}</a>')
    return '<nav class="pagination-wrap pagination-number">' + "\n".join(parts) + "</nav>"


def _shown(number: int, page: int, total: int) -> bool:
    """Whether `paginate_links` prints `number`: the end pages or the window around `page`."""
    at_ends = number <= PAGINATION_END_SIZE or number > total - PAGINATION_END_SIZE
    return at_ends or abs(number - page) <= PAGINATION_MID_SIZE
