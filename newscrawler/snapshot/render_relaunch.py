"""HTML of the relaunched layout (since Aug 2025): articles and section listings."""

from __future__ import annotations

import json

from newscrawler.snapshot.common import CANONICAL_HOST, esc, long_date, parse_time, slugify, stamp
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.site import Site, page_count, page_slice

PAGINATION_RADIUS = 2
# Class names of a later theme that a layout-drift fault serves instead of this one's.
DRIFTED_TITLE_CLASS = "story-headline"
DRIFTED_ENTRY_CLASS = "story-text clearfix"


def canonical_url(article: ContentArticle) -> str:
    return f"{CANONICAL_HOST}/en/{article.section}/{article.post_id}/"


def render_article(site: Site, article: ContentArticle, base: str, drift: bool = False) -> str:
    """An article page `/en/<section>/<id>/`; `drift` swaps the title and body class names."""
    section = article.section or ""
    section_name = site.sections[section]
    title_class = DRIFTED_TITLE_CLASS if drift else "s-title"
    entry_class = DRIFTED_ENTRY_CLASS if drift else "entry-content rbct clearfix"
    return "\n".join(
        [
            _head(article.title, _article_meta(site, article)),
            '<body class="post-template-default single single-post '
            f'postid-{article.post_id} single-format-standard">',
            _header(site, base),
            '<div class="site-wrap"><main class="site-main">',
            f'<article id="post-{article.post_id}" class="post-{article.post_id} post type-post '
            'status-publish">',
            f'<div class="s-breadcrumb"><a href="{base}/en/">Home</a> &raquo; '
            f'<a href="{base}/en/{section}/">{esc(section_name)}</a></div>',
            f'<div class="s-cats"><a class="p-category" href="{base}/en/{section}/">'
            f"{esc(section_name)}</a></div>",
            f'<h1 class="{title_class}">{esc(article.title)}</h1>',
            _stamps(article),
            _featured(article, base),
            f'<div class="{entry_class}">',
            article.body_html,
            "</div>",
            _efoot(article, base),
            "</article>",
            "</main></div>",
            '<footer class="footer-wrap"><p>© Syrian Arab News Agency</p></footer>',
            "</body></html>",
        ]
    )


def render_listing(site: Site, section: str, page: int, base: str) -> str | None:
    """Page `page` of a section listing, or None for an unknown section or past the end."""
    if section not in site.sections:
        return None
    post_ids = site.by_section.get(section, [])
    on_page = page_slice(post_ids, page)
    if on_page is None:
        return None
    name = site.sections[section]
    cards = "\n".join(_card(article, base) for article in site.relaunch_articles(on_page))
    return "\n".join(
        [
            _head(name, ""),
            f'<body class="archive category category-{section}">',
            _header(site, base),
            '<div class="site-wrap"><main class="site-main">',
            f'<div class="archive-header"><h1 class="archive-title">{esc(name)}</h1></div>',
            f'<div class="block-inner">\n{cards}\n</div>',
            _pagination(section, page, page_count(len(post_ids)), base),
            "</main></div>",
            '<footer class="footer-wrap"><p>© Syrian Arab News Agency</p></footer>',
            "</body></html>",
        ]
    )


def json_ld(site: Site, article: ContentArticle) -> str:
    """The Yoast-like JSON-LD graph, safe to put inside a `<script>` element."""
    news_article: dict[str, object] = {
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published,
    }
    if article.modified is not None:
        news_article["dateModified"] = article.modified
    news_article["articleSection"] = site.category_names(article)
    news_article["keywords"] = ",".join(article.tags)
    news_article["mainEntityOfPage"] = canonical_url(article)
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": canonical_url(article), "name": article.title},
            news_article,
        ],
    }
    return json.dumps(graph, ensure_ascii=False).replace("<", "\\u003c")


def _head(title: str, meta: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en-US">',
            "<head>",
            '<meta charset="UTF-8" />',
            f"<title>{esc(title)} - SANA</title>",
            meta,
            "</head>",
        ]
    )


def _article_meta(site: Site, article: ContentArticle) -> str:
    lines = [
        f'<link rel="canonical" href="{canonical_url(article)}" />',
        '<meta property="og:type" content="article" />',
        f'<meta property="og:title" content="{esc(article.title)}" />',
    ]
    if article.json_ld:
        lines.append(f'<script type="application/ld+json">{json_ld(site, article)}</script>')
    return "\n".join(lines)


def _header(site: Site, base: str) -> str:
    menu = "".join(
        f'<li><a href="{base}/en/{slug}/">{esc(name)}</a></li>'
        for slug, name in site.sections.items()
    )
    return (
        '<header class="site-header"><div class="logo-wrap"><a href="'
        f'{base}/en/">SANA</a></div><nav class="main-menu"><ul>{menu}</ul></nav></header>'
    )


def _stamps(article: ContentArticle) -> str:
    if article.stamps is not None:
        published, updated = article.stamps.published, article.stamps.updated
    else:
        published = stamp(article.published)
        changed = article.modified is not None and article.modified != article.published
        updated = stamp(article.modified) if changed and article.modified else None
    parts = [f'<span class="meta-el meta-date">Published: {esc(published)}</span>']
    if updated is not None:
        parts.append(f'<span class="meta-el meta-update">Updated: {esc(updated)}</span>')
    return '<div class="single-meta">\n' + "\n".join(parts) + "\n</div>"


def _featured(article: ContentArticle, base: str) -> str:
    if article.featured_image is None:
        return ""
    src = f"{base}/en/wp-content/uploads/{esc(article.featured_image)}"
    return (
        f'<div class="s-feat"><figure><img src="{src}" alt="{esc(article.title)}" /></figure></div>'
    )


def _efoot(article: ContentArticle, base: str) -> str:
    tags = " ".join(
        f'<a href="{base}/en/tag/{slugify(tag)}/" rel="tag">{esc(tag)}</a>' for tag in article.tags
    )
    tag_list = (
        '<div class="entry-bottom"><div class="tag-list"><span class="tag-label">TAGGED:</span> '
        f"{tags}</div></div>"
        if article.tags
        else ""
    )
    return (
        f'<div class="efoot">{tag_list}<div class="e-shared"><span>Share This Article</span> '
        '<a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a></div></div>'
    )


def _card(article: ContentArticle, base: str) -> str:
    day = parse_time(article.published).date().isoformat()
    return (
        '<div class="p-wrap p-list">\n'
        f'<h3 class="entry-title"><a class="p-url" href="{base}/en/{article.section}/'
        f'{article.post_id}/">{esc(article.title)}</a></h3>\n'
        f'<div class="p-meta"><time class="date published" datetime="{day}">'
        f"{long_date(article.published)}</time></div>\n"
        "</div>"
    )


def _page_href(section: str, page: int, base: str) -> str:
    return f"{base}/en/{section}/" if page == 1 else f"{base}/en/{section}/page/{page}/"


def _pagination(section: str, page: int, total: int, base: str) -> str:
    if total == 1:
        return ""
    parts = []
    if page > 1:
        previous = _page_href(section, page - 1, base)
        parts.append(f'<a class="prev page-numbers" href="{previous}">Previous</a>')
    first, last = max(1, page - PAGINATION_RADIUS), min(total, page + PAGINATION_RADIUS)
    for number in range(first, last + 1):
        if number == page:
            parts.append(f'<span class="page-numbers current">{number}</span>')
        else:
            href = _page_href(section, number, base)
            parts.append(f'<a class="page-numbers" href="{href}">{number}</a>')
    if page < total:
        parts.append(
            f'<a class="next page-numbers" href="{_page_href(section, page + 1, base)}">Next</a>'
        )
    return '<nav class="pagination-wrap">' + "\n".join(parts) + "</nav>"
