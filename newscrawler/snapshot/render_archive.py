"""HTML of the archive layout (WordPress + TieLabs "Sahifa"): articles and listings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newscrawler.snapshot.common import (
    CANONICAL_HOST,
    esc,
    excerpt,
    long_date,
    parse_time,
    slugify,
    thousands,
)
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.site import Site, page_count, page_slice

TICKER_SIZE = 5
RELATED_SIZE = 3
PAGINATION_RADIUS = 2
# The Culture category of the real archive groups its listing under month headers and day labels.
MONTH_GROUPED_CATEGORIES = frozenset({7})
# Class names of a later theme that a layout-drift fault serves instead of Sahifa's.
DRIFTED_TITLE_CLASS = "article-headline"
DRIFTED_ENTRY_CLASS = "article-text"


@dataclass(frozen=True)
class ArchiveListing:
    """One archive listing (home, category or tag) before it is cut into pages."""

    heading: str
    body_class: str
    query: str
    post_ids: Sequence[int]
    month_grouped: bool = False

    def href(self, base: str, page: int) -> str:
        """Page `page` of this listing, `&` escaped the way WordPress writes it."""
        if page == 1:
            return f"{base}/en/?{self.query}" if self.query else f"{base}/en/"
        paged = f"{self.query}&#038;paged={page}" if self.query else f"paged={page}"
        return f"{base}/en/?{paged}"


def home_listing(site: Site) -> ArchiveListing:
    return ArchiveListing(heading="", body_class="home blog", query="", post_ids=site.home)


def category_listing(site: Site, category_id: int) -> ArchiveListing | None:
    category = site.categories.get(category_id)
    if category is None:
        return None
    return ArchiveListing(
        heading=category.name,
        body_class=f"archive category category-{category.slug} category-{category.id}",
        query=f"cat={category.id}",
        post_ids=site.by_category.get(category_id, []),
        month_grouped=category_id in MONTH_GROUPED_CATEGORIES,
    )


def tag_listing(site: Site, slug: str) -> ArchiveListing | None:
    if slug not in site.by_tag:
        return None
    return ArchiveListing(
        heading=f"Tag Archives: {site.tag_names[slug]}",
        body_class=f"archive tag tag-{slug}",
        query=f"tag={slug}",
        post_ids=site.by_tag[slug],
    )


def render_article(site: Site, article: ContentArticle, base: str, drift: bool = False) -> str:
    """An article page `/en/?p=N`; `drift` swaps the theme's title and entry class names."""
    canonical = f"{CANONICAL_HOST}/en/?p={article.post_id}"
    title_class = DRIFTED_TITLE_CLASS if drift else "name post-title entry-title"
    entry_class = DRIFTED_ENTRY_CLASS if drift else "entry"
    return "\n".join(
        [
            _head(article.title, _article_meta(site, article, canonical)),
            f'<body id="top" class="single single-post postid-{article.post_id}">',
            '<div class="wrapper-outer"><div id="wrapper">',
            _header(site, base, exclude=article.post_id),
            '<div id="main-content" class="container">',
            '<div class="content">',
            _crumbs(site, article, base),
            f'<article class="{_article_classes(site, article)}" id="the-post">',
            _thumbnail(article, base),
            '<div class="post-inner">',
            f'<h1 class="{title_class}"><span itemprop="name">{esc(article.title)}</span></h1>',
            '<p class="post-meta"></p>',
            '<div class="clear"></div>',
            f'<div class="{entry_class}">',
            article.body_html,
            _share_buttons(),
            '<div class="clear"></div>',
            "</div><!-- .entry /-->",
            _hidden_author(article, base),
            "</div><!-- .post-inner -->",
            "</article><!-- .post-listing -->",
            _post_tags(article, base),
            _related_posts(site, article, base),
            _check_also_box(site, article, base),
            "</div><!-- .content -->",
            _sidebar(),
            "</div></div></div>",
            _footer(),
            "</body></html>",
        ]
    )


def render_listing(site: Site, listing: ArchiveListing, page: int, base: str) -> str | None:
    """One page of a listing, or None when `page` is past its end."""
    post_ids = page_slice(listing.post_ids, page)
    if post_ids is None:
        return None
    title = listing.heading or "Syrian Arab News Agency"
    heading = (
        f'<div class="page-head"><h1 class="page-title">{esc(listing.heading)}</h1></div>'
        if listing.heading
        else ""
    )
    items = _grouped_items if listing.month_grouped else _items
    return "\n".join(
        [
            _head(title, ""),
            f'<body id="top" class="{listing.body_class}">',
            '<div class="wrapper-outer"><div id="wrapper">',
            _header(site, base, exclude=None),
            '<div id="main-content" class="container">',
            '<div class="content">',
            heading,
            '<div class="post-listing archive-box">',
            items(site.archive_articles(post_ids), base),
            "</div>",
            _pagination(listing, page, page_count(len(listing.post_ids)), base),
            "</div><!-- .content -->",
            _sidebar(),
            "</div></div></div>",
            _footer(),
            "</body></html>",
        ]
    )


def _head(title: str, meta: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en-US" prefix="og: http://ogp.me/ns#">',
            "<head>",
            '<meta charset="UTF-8" />',
            f"<title>{esc(title)} | SANA</title>",
            meta,
            "</head>",
        ]
    )


def _article_meta(site: Site, article: ContentArticle, canonical: str) -> str:
    lines = [
        f'<link rel="canonical" href="{canonical}" />',
        f'<link rel="shortlink" href="{canonical}" />',
        '<meta property="og:type" content="article" />',
        f'<meta property="og:title" content="{esc(article.title)}" />',
    ]
    lines += [
        f'<meta property="article:section" content="{esc(name)}" />'
        for name in site.category_names(article)
    ]
    lines += [f'<meta property="article:tag" content="{esc(tag)}" />' for tag in article.tags]
    lines.append(f'<meta property="article:published_time" content="{esc(article.published)}" />')
    if article.modified is not None:
        lines.append(f'<meta property="article:modified_time" content="{esc(article.modified)}" />')
    return "\n".join(lines)


def _header(site: Site, base: str, exclude: int | None) -> str:
    ticker_ids = [pid for pid in site.home[: TICKER_SIZE + 1] if pid != exclude][:TICKER_SIZE]
    ticker = "".join(
        f'<li><a href="{base}/en/?p={a.post_id}">{esc(a.title)}</a></li>'
        for a in site.archive_articles(ticker_ids)
    )
    menu = "".join(
        f'<li class="menu-item"><a href="{base}/en/?cat={c.id}">{esc(c.name)}</a></li>'
        for c in site.categories.values()
    )
    return (
        '<header id="theme-header" class="theme-header">\n'
        '<div class="breaking-news"><span class="breaking-news-title"><span>Breaking News</span>'
        f"</span>\n<ul>{ticker}</ul></div>\n"
        f'<nav id="main-nav"><div class="container"><ul class="menu">'
        f'<li class="menu-item"><a href="{base}/en/">Home</a></li>{menu}</ul></div></nav>\n'
        "</header>"
    )


def _crumbs(site: Site, article: ContentArticle, base: str) -> str:
    category = site.categories[article.category_ids[0]]
    return (
        '<div xmlns:v="http://rdf.data-vocabulary.org/#" id="crumbs">'
        f'<span typeof="v:Breadcrumb"><a rel="v:url" property="v:title" href="{base}/en/">Home</a>'
        '</span> <span class="delimiter">/</span> <span typeof="v:Breadcrumb">'
        f'<a rel="v:url" property="v:title" href="{base}/en/?cat={category.id}">'
        f"{esc(category.name)}</a></span></div>"
    )


def _article_classes(site: Site, article: ContentArticle) -> str:
    classes = ["post-listing", f"post-{article.post_id}", "post", "type-post", "status-publish"]
    classes += ["format-standard", "has-post-thumbnail", "hentry"]
    classes += [f"category-{site.categories[cid].slug}" for cid in article.category_ids]
    classes += [f"tag-{slugify(tag)}" for tag in article.tags]
    return " ".join(classes)


def _upload_url(base: str, path: str) -> str:
    return f"{base}/en/wp-content/uploads/{esc(path)}"


def _thumbnail(article: ContentArticle, base: str) -> str:
    if article.featured_image is None:
        return ""
    src = _upload_url(base, article.featured_image)
    return f'<div class="single-post-thumb"><img src="{src}" alt="" /></div>'


def _share_buttons() -> str:
    return (
        '<div class="share-post"><span class="share-text">Share</span><ul class="flat-social">'
        '<li><a href="#" class="social-facebook" rel="external">Facebook</a></li>'
        '<li><a href="#" class="social-twitter" rel="external">Twitter</a></li>'
        "</ul></div>"
    )


def _hidden_author(article: ContentArticle, base: str) -> str:
    updated = parse_time(article.modified or article.published).date().isoformat()
    return (
        f'<span style="display:none" class="updated">{updated}</span>\n'
        '<div style="display:none" class="vcard author" itemprop="author" itemscope '
        'itemtype="http://schema.org/Person"><strong class="fn" itemprop="name">'
        f'<a href="{base}/en/?author=5" title="Posts by editor" rel="author">editor</a>'
        "</strong></div>"
    )


def _post_tags(article: ContentArticle, base: str) -> str:
    if not article.tags:
        return ""
    links = " ".join(
        f'<a href="{base}/en/?tag={slugify(tag)}" rel="tag">{esc(tag)}</a>' for tag in article.tags
    )
    return f'<p class="post-tag">Tags{links}</p>'


def _related_posts(site: Site, article: ContentArticle, base: str) -> str:
    pool = site.by_category.get(article.category_ids[0], [])[: RELATED_SIZE + 1]
    related = site.archive_articles(pid for pid in pool if pid != article.post_id)
    items = "".join(
        '<div class="related-item">'
        f'<h3><a href="{base}/en/?p={r.post_id}" rel="bookmark">{esc(r.title)}</a></h3>'
        f'<p class="post-meta"><span class="tie-date">{long_date(r.published)}</span></p></div>'
        for r in related[:RELATED_SIZE]
    )
    return (
        '<section id="related_posts"><div class="block-head"><h3>Related Articles</h3>'
        f'<div class="stripe-line"></div></div><div class="post-listing">{items}</div></section>'
    )


def _check_also_box(site: Site, article: ContentArticle, base: str) -> str:
    if article.check_also is None:
        return ""
    target = site.archive_article(article.check_also.post_id)
    if target is None:
        return ""
    href = f"{base}/en/?p={target.post_id}"
    thumbnail = (
        f'<div class="post-thumbnail"><a href="{href}">'
        f'<img src="{_upload_url(base, target.featured_image)}" alt="" /></a></div>\n'
        if target.featured_image
        else ""
    )
    return (
        '<section id="check-also-box" class="post-listing check-also-right">\n'
        '<a href="#" id="check-also-close"><i class="fa fa-close"></i></a>\n'
        '<div class="block-head"><h3>Check Also</h3></div>\n'
        '<div class="check-also-post">\n'
        f"{thumbnail}"
        f'<h2 class="post-title"><a href="{href}" rel="bookmark">{esc(target.title)}</a></h2>\n'
        f"<p>{esc(article.check_also.teaser)}</p>\n"
        "</div>\n</section>"
    )


def _item(article: ContentArticle, base: str, dated: bool) -> str:
    href = f"{base}/en/?p={article.post_id}"
    date = (
        f'<p class="post-meta"><span class="tie-date"><i class="fa fa-clock-o"></i>'
        f"{long_date(article.published)}</span></p>"
        if dated
        else ""
    )
    return (
        '<article class="item-list">\n'
        f'<h2 class="post-box-title"><a href="{href}">{esc(article.title)}</a></h2>\n'
        f"{date}\n"
        f'<div class="entry"><p>{esc(excerpt(article.body_html))}</p>\n'
        f'<a class="more-link" href="{href}">Read More &raquo;</a></div>\n'
        "</article>"
    )


def _items(articles: list[ContentArticle], base: str) -> str:
    return "\n".join(_item(article, base, dated=True) for article in articles)


def _grouped_items(articles: list[ContentArticle], base: str) -> str:
    """Month headers and day labels, neither with a year (the Culture category's variety)."""
    parts: list[str] = []
    month = day = None
    for article in articles:
        moment = parse_time(article.published)
        if (moment.year, moment.month) != month:
            month = (moment.year, moment.month)
            parts.append(f'<h2 class="archive-month">{moment:%B}</h2>')
            day = None
        if moment.day != day:
            day = moment.day
            parts.append(f'<span class="archive-day">{moment.day}</span>')
        parts.append(_item(article, base, dated=False))
    return "\n".join(parts)


def _pagination(listing: ArchiveListing, page: int, total: int, base: str) -> str:
    if total == 1:
        return ""
    parts = [f'<span class="pages">Page {thousands(page)} of {thousands(total)}</span>']
    first, last = max(1, page - PAGINATION_RADIUS), min(total, page + PAGINATION_RADIUS)
    if first > 1:
        parts.append(f'<a href="{listing.href(base, 1)}" class="first" title="&laquo; First">'
                     "&laquo; First</a>")  # fmt: skip
    for number in range(first, last + 1):
        if number == page:
            parts.append(f'<span class="current">{thousands(number)}</span>')
        else:
            parts.append(
                f'<a href="{listing.href(base, number)}" class="page" title="{thousands(number)}">'
                f"{thousands(number)}</a>"
            )
    if page < total:
        parts.append(
            f'<span id="tie-next-page"><a href="{listing.href(base, page + 1)}">&raquo;</a></span>'
        )
    if last < total:
        parts.append(
            f'<a href="{listing.href(base, total)}" class="last" title="Last &raquo;">'
            "Last &raquo;</a>"
        )
    return '<div class="pagination">\n' + "\n".join(parts) + "\n</div>"


def _sidebar() -> str:
    return (
        '<aside id="sidebar"><div class="widget"><div class="widget-top"><h4>Most Read</h4></div>'
        '<div class="widget-container"></div></div></aside>'
    )


def _footer() -> str:
    return (
        '<footer id="theme-footer"><div class="footer-bottom"><div class="container">'
        "© Syrian Arab News Agency</div></div></footer>"
    )
