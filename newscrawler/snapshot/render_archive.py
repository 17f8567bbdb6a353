"""HTML of the archive layout (WordPress + TieLabs "Sahifa"): articles and listings, full chrome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote

from newscrawler.snapshot import sahifa_single
from newscrawler.snapshot.common import (
    esc,
    excerpt,
    excerpt_words,
    parse_time,
    slug_class,
    slug_in_url,
    slugify,
    thousands,
)
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.sahifa_chrome import (
    SahifaOptions,
    SiteChrome,
    options_for,
    relative_listing_dates,
    relative_time,
    site_chrome,
    site_clock,
    thumbnail,
    upload_url,
)
from newscrawler.snapshot.site import Site, page_count, page_slice

PAGINATION_RADIUS = 2
# The real archive's Culture category uses Sahifa's timeline layout (month headers, day labels).
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

    def href(self, root: str, page: int) -> str:
        """Page `page` of this listing, `&` escaped the way WordPress writes it."""
        if page == 1:
            return f"{root}/?{self.query}" if self.query else f"{root}/"
        paged = f"{self.query}&#038;paged={page}" if self.query else f"paged={page}"
        return f"{root}/?{paged}"


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
        heading=f"{site.edition.text('Tag Archives: ')}{site.tag_names[slug]}",
        body_class=f"archive tag tag-{slug_class(slug)}",
        query=f"tag={slug_in_url(slug)}",
        post_ids=site.by_tag[slug],
    )


def render_article(
    site: Site,
    article: ContentArticle,
    base: str,
    drift: bool = False,
    options: SahifaOptions | None = None,
) -> str:
    """An article page `<edition>/?p=N` in full Sahifa chrome, with the post's theme options
    (or `options`); `drift` swaps the theme's title and entry class names."""
    options = options or options_for(article.post_id)
    edition = site.edition
    root = edition.root(base)
    chrome = site_chrome(site, root)
    canonical = f"{edition.canonical_root}/?p={article.post_id}"
    title_class = DRIFTED_TITLE_CLASS if drift else "name post-title entry-title"
    entry_class = DRIFTED_ENTRY_CLASS if drift else "entry"
    related = sahifa_single.related_posts(site, article, root)
    body_class = f"single single-post postid-{article.post_id} single-format-standard"
    return "\n".join(
        [
            _head(site, article.title, _article_meta(site, article, canonical), chrome),
            sahifa_single.seo_graph(site, article, canonical, root),
            "</head>",
            f'<body id="top" class="{edition.body_class(body_class)}">',
            '<div class="wrapper-outer">',
            chrome.header,
            '<div id="main-content" class="container">',
            '<div class="content">',
            sahifa_single.crumbs(site, article, root, options.structure_data),
            _post_banner(root),
            f'<article class="{_article_classes(site, article)}" id="the-post">',
            _thumbnail(article, root),
            '<div class="post-inner">',
            f'<h1 class="{title_class}"><span itemprop="name">{esc(article.title)}</span></h1>',
            '<p class="post-meta"></p>',
            '<div class="clear"></div>',
            f'<div class="{entry_class}">',
            sahifa_single.share_bar(site, article, root) if options.share_top else "",
            related if options.related_position == "in" else "",
            article.body_html,
            "</div><!-- .entry /-->",
            sahifa_single.share_bar(site, article, root),
            '<div class="clear"></div>',
            _hidden_author(article, root),
            "</div><!-- .post-inner -->",
            sahifa_single.schema_graph(site, article, canonical, root)
            if options.structure_data
            else "",
            "</article><!-- .post-listing -->",
            sahifa_single.post_tags(site, article, root) if options.post_tags else "",
            _post_banner(root),
            sahifa_single.author_box(site, root) if options.author_box else "",
            sahifa_single.post_navigation(site, article, root) if options.post_navigation else "",
            related if options.related_position == "after" else "",
            sahifa_single.check_also_box(site, article, root, options.check_also_side),
            sahifa_single.comments(site, article, root) if options.comments else "",
            "</div><!-- .content -->",
            chrome.sidebar,
            '<div class="clear"></div>',
            "</div><!-- .container /-->",
            chrome.footer,
            "</body></html>",
        ]
    )


def render_listing(site: Site, listing: ArchiveListing, page: int, base: str) -> str | None:
    """One page of a listing in full chrome, or None when `page` is past its end."""
    size = site.edition.page_size
    post_ids = page_slice(listing.post_ids, page, size)
    if post_ids is None:
        return None
    edition = site.edition
    root = edition.root(base)
    chrome = site_chrome(site, root)
    title = listing.heading or edition.text("Syrian Arab News Agency")
    canonical = listing.href(edition.canonical_root, page)
    heading = (
        _listing_crumbs(site, listing, page, root)
        + f'<div class="page-head"><h1 class="page-title">{esc(listing.heading)}</h1>'
        '<div class="stripe-line"></div></div>'
        if listing.heading
        else ""
    )
    articles = site.archive_articles(post_ids)
    if listing.month_grouped:
        items = _grouped_items(articles, root)
    else:
        relative = relative_listing_dates(listing.query) and edition.modern_time_format
        items = _items(site, articles, root, site_clock(site) if relative else None)
    return "\n".join(
        [
            _head(site, title, f'<link rel="canonical" href="{canonical}" />', chrome),
            sahifa_single.seo_graph(site, None, canonical, root),
            "</head>",
            f'<body id="top" class="{edition.body_class(listing.body_class)}">',
            '<div class="wrapper-outer">',
            chrome.header,
            '<div id="main-content" class="container">',
            '<div class="content">',
            heading,
            '<div class="post-listing archive-box">',
            items,
            "</div>",
            _pagination(site, listing, page, page_count(len(listing.post_ids), size), root),
            "</div><!-- .content -->",
            chrome.sidebar,
            '<div class="clear"></div>',
            "</div><!-- .container /-->",
            chrome.footer,
            "</body></html>",
        ]
    )


def _listing_crumbs(site: Site, listing: ArchiveListing, page: int, root: str) -> str:
    """`tie_breadcrumbs()` on a category or tag listing (`category.php`, `tag.php`): Home, then
    the category name or `get_the_archive_title()`, with " (page N)" past the first page."""
    kind, _, value = listing.query.partition("=")
    text = site.edition.text
    if kind == "tag":
        name = f"{text('Tag: ')}<span>{esc(site.tag_names[unquote(value)])}</span>"
    elif kind == "cat":
        name = esc(listing.heading)
    else:
        return ""
    if page > 1:
        name += text(" (page %s)") % page
    return (
        f'<nav id="crumbs"><a href="{root}/"><span class="fa fa-home" aria-hidden="true">'
        f'</span> {text("Home")}</a><span class="delimiter">&raquo;</span>'
        f'<span class="current">{name}</span></nav>'
    )


def _head(site: Site, title: str, meta: str, chrome: SiteChrome) -> str:
    """Everything in `<head>` up to the page's own JSON-LD (the caller closes it)."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html {site.edition.html_attributes()} prefix="og: http://ogp.me/ns#">',
            "<head>",
            '<meta charset="UTF-8" />',
            f"<title>{esc(title)} | SANA</title>",
            meta,
            chrome.head_assets,
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


def _post_banner(root: str) -> str:
    return (
        '<div class="e3lan e3lan-post"><a href="https://sana.sy/en/?page_id=7" title="">'
        f'<img src="{upload_url(root, "2019/05/post-banner.jpg")}" alt="" /></a></div>'
    )


def _article_classes(site: Site, article: ContentArticle) -> str:
    classes = ["post-listing", f"post-{article.post_id}", "post", "type-post", "status-publish"]
    classes += ["format-standard", "has-post-thumbnail", "hentry"]
    classes += [f"category-{site.categories[cid].slug}" for cid in article.category_ids]
    classes += [f"tag-{slug_class(slugify(tag))}" for tag in article.tags]
    return " ".join(classes)


def _thumbnail(article: ContentArticle, root: str) -> str:
    if article.featured_image is None:
        return ""
    src = upload_url(root, article.featured_image)
    return f'<div class="single-post-thumb"><img src="{src}" alt="" /></div>'


def _hidden_author(article: ContentArticle, root: str) -> str:
    """The hidden hAtom stamp and author older Sahifa `single.php` print (and, at 5.8.5,
    `template-best-reviews.php`): `span.updated` is `the_time('Y-m-d')`, the publication date."""
    published = parse_time(article.published).date().isoformat()
    return (
        f'<span style="display:none" class="updated">{published}</span>\n'
        '<div style="display:none" class="vcard author" itemprop="author" itemscope '
        'itemtype="http://schema.org/Person"><strong class="fn" itemprop="name">'
        f'<a href="{root}/?author=5" title="Posts by editor" rel="author">editor</a>'
        "</strong></div>"
    )


def _item(site: Site, article: ContentArticle, root: str, date: str | None) -> str:
    """One `article.item-list` in `loop-default.php`'s order (title, meta, thumbnail, excerpt);
    `date` is what its `span.tie-date` prints (None: no date)."""
    href = f"{root}/?p={article.post_id}"
    # `meta-archives.php` prints `p.post-meta` even when the date is switched off.
    stamp = f'<span class="tie-date"><i class="fa fa-clock-o"></i>{date}</span>' if date else ""
    return (
        '<article class="item-list">\n'
        f'<h2 class="post-box-title"><a href="{href}">{esc(article.title)}</a></h2>\n'
        f'<p class="post-meta">{stamp}</p>\n'
        f"{thumbnail(article, root, '310x165', 310, 165)}\n"
        f'<div class="entry"><p>{esc(_teaser(site, article))}</p>\n'
        f'<a class="more-link" href="{href}">{site.edition.text("Read More &raquo;")}</a></div>\n'
        '<div class="clear"></div>\n'
        "</article><!-- .item-list -->"
    )


def _teaser(site: Site, article: ContentArticle) -> str:
    """A listing item's excerpt: the first paragraph's words, or (Arabic edition) the words of
    the whole text as `wp_trim_words` cuts them, so an own-line dateline runs into the text."""
    if site.edition.whole_text_teasers:
        return excerpt_words(sahifa_single.article_body_text(article.body_html))
    return excerpt(article.body_html)


def _items(site: Site, articles: list[ContentArticle], root: str, clock: datetime | None) -> str:
    """Dated items; with a `clock`, recent ones say "N ago" (the theme's `modern` format)."""
    listing_date = site.edition.listing_date
    return "\n".join(
        _item(
            site,
            article,
            root,
            relative_time(article.published, clock) if clock else listing_date(article.published),
        )
        for article in articles
    )


def _grouped_items(articles: list[ContentArticle], root: str) -> str:
    """Sahifa's timeline loop (`framework/loops/loop-timeline.php`): an `h2.timeline-head`
    "March, 2017" opens each month's `ul.timeline`; each `li.timeline-post` prints its day as
    `span.timeline-date` "14 March" (`j F`), with no `p.post-meta` and no "Read More"."""
    parts = ['<div class="post-inner">', '<div class="timeline-contents timeline-archive">']
    month = None
    for article in articles:
        moment = parse_time(article.published)
        if f"{moment:%B, %Y}" != month:
            if month is not None:
                parts.append('</ul>\n<div class="clear"></div>')
            month = f"{moment:%B, %Y}"
            parts.append(f'<h2 class="timeline-head">{month}</h2>\n<div class="clear"></div>')
            parts.append('<ul class="timeline">')
        parts.append(_timeline_item(article, root, f"{moment.day} {moment:%B}"))
    parts.append('</ul>\n<div class="clear"></div>\n</div><!-- .timeline-contents /-->\n</div>')
    return "\n".join(parts)


def _timeline_item(article: ContentArticle, root: str, day: str) -> str:
    href = f"{root}/?p={article.post_id}"
    return (
        '<li class="timeline-post">\n<div class="timeline-content">\n'
        f'<span class="timeline-date">{day}</span>\n'
        f'<h2 class="post-box-title"><a href="{href}">{esc(article.title)}</a></h2>\n'
        f"{thumbnail(article, root, '310x165', 310, 165)}\n"
        f'<div class="entry"><p>{esc(excerpt(article.body_html))}</p></div>\n'
        '</div>\n<div class="clear"></div>\n</li>'
    )


def _pagination(site: Site, listing: ArchiveListing, page: int, total: int, root: str) -> str:
    if total == 1:
        return ""
    text = site.edition.text
    pages = text("Page %s of %s") % (thousands(page), thousands(total))
    parts = [f'<span class="pages">{pages}</span>']
    first_label, last_label = text("&laquo; First"), text("Last &raquo;")
    first, last = max(1, page - PAGINATION_RADIUS), min(total, page + PAGINATION_RADIUS)
    if first > 1:
        parts.append(f'<a href="{listing.href(root, 1)}" class="first" title="{first_label}">'
                     f"{first_label}</a>")  # fmt: skip
    for number in range(first, last + 1):
        if number == page:
            parts.append(f'<span class="current">{thousands(number)}</span>')
        else:
            parts.append(
                f'<a href="{listing.href(root, number)}" class="page" title="{thousands(number)}">'
                f"{thousands(number)}</a>"
            )
    if page < total:
        parts.append(
            f'<span id="tie-next-page"><a href="{listing.href(root, page + 1)}">&raquo;</a></span>'
        )
    if last < total:
        parts.append(
            f'<a href="{listing.href(root, total)}" class="last" title="{last_label}">'
            f"{last_label}</a>"
        )
    return '<div class="pagination">\n' + "\n".join(parts) + "\n</div>"
