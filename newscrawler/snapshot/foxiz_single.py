"""The parts Foxiz prints around one post's text (`templates/single/*.php`), in our own markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from newscrawler.snapshot.common import (
    esc,
    excerpt,
    parse_time,
    plain_text,
    slug_in_url,
    slugify,
    stamp,
)
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.foxiz_chrome import (
    AD_POSITIONS,
    FoxizOptions,
    article_url,
    card,
    heading,
    image_url,
    thumbnail_name,
    top_share,
)
from newscrawler.snapshot.site import Site

SITE_NAME = "Syrian Arab News Agency (SANA)"
WORDS_PER_MINUTE = 200
PARAGRAPH_END = re.compile(r"</p\s*>", re.IGNORECASE)
DIV_OPEN = re.compile(r"<div[\s>]", re.IGNORECASE)
DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
COMMENTS = (
    ("Reader from Homs", "Good to see this reported in English as well."),
    ("Nour", "Is there a date for the next meeting? The article does not say."),
)


# --- header.single-header ---------------------------------------------------------------------


def breadcrumb(style: str, article: ContentArticle, section_name: str, root: str) -> str:
    """NavXT (`>`), Yoast (`»`) or Rank Math (`-`): site, Latest News, section, title."""
    trail = [
        (SITE_NAME, f"{root}/"),
        ("Latest News", f"{root}/latest-news/"),
        (section_name, f"{root}/{article.section}/"),
    ]
    if style == "yoast":
        links = " » ".join(f'<span><a href="{href}">{esc(name)}</a></span>' for name, href in trail)
        return (
            '<aside class="breadcrumb-wrap breadcrumb-yoast s-breadcrumb"><div class="breadcrumb-'
            f'inner"><span>{links} » <span class="breadcrumb_last" aria-current="page">'
            f"{esc(article.title)}</span></span></div></aside>"
        )
    if style == "rankmath":
        links = '<span class="separator"> - </span>'.join(
            f'<a href="{href}">{esc(name)}</a>' for name, href in trail
        )
        return (
            '<nav aria-label="breadcrumbs" class="breadcrumb-wrap rank-math-breadcrumb '
            f's-breadcrumb"><p class="breadcrumb-inner">{links}<span class="separator"> - </span>'
            f'<span class="last">{esc(article.title)}</span></p></nav>'
        )
    return _navxt(trail, article.title)


def _navxt(trail: list[tuple[str, str]], title: str) -> str:
    items = [
        f'<span property="itemListElement" typeof="ListItem"><a property="item" typeof="WebPage" '
        f'title="Go to {esc(name)}." href="{href}" class="home"><span property="name">'
        f'{esc(name)}</span></a><meta property="position" content="{number}"></span>'
        for number, (name, href) in enumerate(trail, start=1)
    ]
    items.append(
        '<span property="itemListElement" typeof="ListItem"><span property="name" '
        f'class="post post-post current-item">{esc(title)}</span><meta property="position" '
        f'content="{len(trail) + 1}"></span>'
    )
    return (
        '<aside class="breadcrumb-wrap breadcrumb-navxt s-breadcrumb"><div class="breadcrumb-'
        'inner" vocab="https://schema.org/" typeof="BreadcrumbList">'
        + " &gt; ".join(items)
        + "</div></aside>"
    )


def categories(article: ContentArticle, section_name: str, root: str) -> str:
    return (
        f'<div class="s-cats ecat-text ecat-size-big"><div class="p-categories">'
        f'<a class="p-category category-id-{_section_number(article)}" '
        f'href="{root}/{article.section}/" rel="category">{esc(section_name)}</a></div></div>'
    )


def _section_number(article: ContentArticle) -> int:
    return 2 + sum(ord(ch) for ch in article.section or "") % 50


def tagline(article: ContentArticle) -> str:
    return f'<h2 class="s-tagline">{esc(excerpt(article.body_html, 14))}</h2>'


def single_meta(article: ContentArticle, options: FoxizOptions, root: str) -> str:
    """`div.single-meta`: avatar, "Last updated:", author, SANA's Published/Updated stamps."""
    published, updated = _stamps(article)
    last_updated = ""
    if options.updated_meta:
        moment = article.modified or article.published
        last_updated = (
            f'<div class="smeta-bottom meta-text"><time class="updated-date" datetime="{moment}">'
            f"Last updated: {stamp(moment)}</time></div>"
        )
    items = [
        f'<span class="meta-el meta-author">By <a href="{root}/author/sana/">SANA</a></span>',
        f'<span class="meta-el meta-date"><time class="date published" '
        f'datetime="{article.published}">Published: {esc(published)}</time></span>',
    ]
    if updated is not None:
        items.append(
            f'<span class="meta-el meta-update"><time class="updated" '
            f'datetime="{article.modified}">Updated: {esc(updated)}</time></span>'
        )
    extra = top_share(article) if options.top_share else ""
    if options.read_time:
        extra += (
            '<div class="single-right-meta single-time-read is-meta"><span class="meta-el '
            f'reading-time">{_read_minutes(article)} Min Read</span></div>'
        )
    return (
        '<div class="single-meta meta-s-default yes-0"><div class="smeta-in">'
        f'<a class="meta-el meta-avatar" href="{root}/author/sana/"><img alt="SANA" '
        f'src="{image_url(root, "2025/08/sana-avatar-100x100.png")}" width="44" height="44" '
        f'/></a><div class="smeta-sec">{last_updated}<div class="p-meta"><div class="meta-inner '
        f'is-meta">{"".join(items)}</div></div></div></div>'
        f'<div class="smeta-extra">{extra}</div></div>'
    )


def _stamps(article: ContentArticle) -> tuple[str, str | None]:
    if article.stamps is not None:
        return article.stamps.published, article.stamps.updated
    changed = article.modified is not None and article.modified != article.published
    updated = stamp(article.modified) if changed and article.modified else None
    return stamp(article.published), updated


def _read_minutes(article: ContentArticle) -> int:
    return max(1, len(plain_text(article.body_html).split()) // WORDS_PER_MINUTE)


# --- featured image, entry top, highlights ----------------------------------------------------


def featured(article: ContentArticle, options: FoxizOptions, root: str) -> str:
    if article.featured_image is None:
        return ""
    src = image_url(root, article.featured_image)
    caption = ""
    if options.feat_caption:
        caption = (
            '<div class="feat-caption meta-text"><span class="caption-text meta-bold">'
            f'{esc(article.title)}</span><em class="attribution">SANA</em></div>'
        )
    return (
        '<div class="s-feat-outer"><div class="s-feat"><div class="featured-lightbox-trigger" '
        f'data-source="{src}" data-caption="{esc(article.title)}"><img width="860" height="573" '
        f'src="{src}" class="attachment-foxiz_crop_o1 size-foxiz_crop_o1 wp-post-image" '
        f'alt="{esc(article.title)}" decoding="async" fetchpriority="high" /></div></div>'
        f"{caption}</div>"
    )


def entry_top(others: Sequence[ContentArticle], root: str) -> str:
    cards = "".join(card(other, root, "p-list p-list-small-2", "h5") for other in others[:2])
    return (
        '<div class="entry-top"><div id="widget-post-9" class="widget entry-widget clearfix '
        f'widget-post">{heading("Editor&#039;s Picks", "h5")}<div class="block-inner">{cards}'
        "</div></div></div>"
    )


def highlights(article: ContentArticle) -> str:
    points = [excerpt(article.body_html, 10), f"Filed under {', '.join(article.tags) or 'news'}."]
    items = "".join(f'<li><span class="hl-point">{esc(point)}</span></li>' for point in points)
    return (
        '<div class="s-hl"><div class="s-hl-heading"><span class="h4">Highlights</span></div>'
        f'<ul class="s-hl-content">{items}</ul></div>'
    )


# --- inside entry-content: ads and the inline related block -----------------------------------


def inline_ad(root: str, index: int) -> str:
    return (
        f'<div class="inline-single-ad ad_single_index alignfull" data-ad-index="{index}">'
        '<div class="ad-wrap ad-image-wrap edge-padding"><span class="ad-description is-meta">'
        '- Advertisement -</span><div class="ad-image"><a class="ad-destination" '
        f'href="{root}/advertise/" target="_blank" rel="noopener nofollow"><img '
        f'loading="lazy" decoding="async" src="{image_url(root, "2025/08/banner-728x90.jpg")}" '
        'alt="Advertise with SANA" width="728" height="90" /></a></div></div></div>'
    )


def inline_related(others: Sequence[ContentArticle], root: str, variant: int) -> str:
    """`div.related-sec`: one small list card, then inline title cards (related.php)."""
    first, *rest = others
    cards = card(first, root, "p-list p-list-small-2", "h5") + "".join(
        card(other, root, "p-list-inline", "h6") for other in rest
    )
    return (
        f'<div class="related-sec related-{variant}"><div class="inner">'
        f'{heading("Related News")}<div class="block-inner">{cards}</div></div></div>'
    )


def top_level_paragraph_ends(body_html: str) -> list[int]:
    """Offsets just past each `</p>` that is not nested in a `<div>` of the post's own markup."""
    ends: list[int] = []
    for match in PARAGRAPH_END.finditer(body_html):
        before = body_html[: match.start()]
        if len(DIV_OPEN.findall(before)) == len(DIV_CLOSE.findall(before)):
            ends.append(match.end())
    return ends


def entry_content_html(
    article: ContentArticle, options: FoxizOptions, others: Sequence[ContentArticle], root: str
) -> str:
    """The post's own HTML with ads after paragraphs 4/9/12 and related after paragraph N."""
    inserts: dict[int, str] = {}
    if options.ads:
        for index, position in enumerate(AD_POSITIONS, start=1):
            inserts[position] = inline_ad(root, index)
    if options.related_after is not None and others:
        variant = 1 + article.post_id % 6
        related = inline_related(others[:3], root, variant)
        inserts[options.related_after] = inserts.get(options.related_after, "") + related
    ends = top_level_paragraph_ends(article.body_html)
    pieces: list[str] = []
    start = 0
    for number, end in enumerate(ends, start=1):
        if number in inserts:
            pieces.append(article.body_html[start:end] + "\n" + inserts[number])
            start = end
    pieces.append(article.body_html[start:])
    return "".join(pieces)


# --- after entry-content ----------------------------------------------------------------------


def page_links(article: ContentArticle, root: str) -> str:
    second = f"{article_url(article, root)}2/"
    return (
        '<aside class="pagination-wrap page-links"><span class="page-links-label">Pages:</span>'
        '<span class="post-page-numbers current" aria-current="page">1</span>'
        f'<a href="{second}" class="post-page-numbers">2</a><div class="page-selected-nav">'
        '<div class="text-link-prev"><span class="post-page-numbers empty-link">Previous Page'
        f'</span></div><div class="text-link-next"><a href="{second}" class="post-page-numbers">'
        "Next Page</a></div></div></aside>"
    )


def entry_bottom(others: Sequence[ContentArticle], root: str) -> str:
    cards = "".join(card(other, root, "p-grid p-grid-small-1", "h5") for other in others[:3])
    return (
        '<div class="entry-bottom"><div id="widget-post-10" class="widget entry-widget '
        f'clearfix widget-post">{heading("More From SANA", "h5")}<div class="block-inner">'
        f"{cards}</div></div></div>"
    )


# `foxiz_get_single_entry_footer`'s classes by `efoot_layout` (default, `dark`, `bg`, `gray`; the
# template prints `bg`'s double space): never a bare `efoot`.
EFOOT_CLASSES = {
    "tags": "efoot efoot-commas h5",
    "commas": "efoot efoot-commas h5",
    "border": "efoot efoot-border p-categories",
    "full": "efoot efoot-bg  p-categories",
}


def efoot(article: ContentArticle, style: str, root: str) -> str:
    """`div.efoot`: TAGGED (tags), and in the fuller styles SOURCES and VIA bars."""
    bars = []
    if article.tags:
        tags = "".join(
            f'<a href="{root}/tag/{slug_in_url(slugify(tag))}/" rel="tag">{esc(tag)}</a>'
            for tag in article.tags
        )
        bars.append(_efoot_bar("tag-bar", "TAGGED:", "rbi-tag", tags))
    if style in ("full", "border"):
        source = f'<a href="{root}/" rel="nofollow">SANA</a>'
        bars.append(_efoot_bar("source-bar", "SOURCES:", "rbi-archive", source))
    if style in ("full", "commas"):
        via = f'<a href="{root}/" rel="nofollow">Syrian Arab News Agency</a>'
        bars.append(_efoot_bar("via-bar", "VIA:", "rbi-via", via))
    if not bars:
        return ""
    return f'<div class="{EFOOT_CLASSES[style]}">{"".join(bars)}</div>'


def _efoot_bar(kind: str, label: str, icon: str, links: str) -> str:
    return (
        f'<div class="efoot-bar {kind}"><span class="blabel is-meta"><i class="rbi {icon}" '
        f'aria-hidden="true"></i>{label}</span>{links}</div>'
    )


def reaction_section() -> str:
    reactions = "".join(
        f'<span class="reaction" data-reaction="{key}"><span class="reaction-icon"><i class="rbi '
        f'rbi-{key}"></i></span><span class="reaction-title">{label}</span>'
        '<span class="total-count">0</span></span>'
        for key, label in (("love", "Love"), ("sad", "Sad"), ("happy", "Happy"), ("angry", "Angry"))
    )
    return (
        '<div class="reaction-sec"><div class="reaction-sec-header"><span class="h4">What do you '
        f'think?</span></div><div class="reaction-list">{reactions}</div></div>'
    )


def author_box(root: str) -> str:
    return (
        '<div class="usr-holder entry-sec"><div class="author-box"><div class="author-avatar">'
        f'<img alt="SANA" src="{image_url(root, "2025/08/sana-avatar-100x100.png")}" width="100" '
        'height="100" loading="lazy" /></div><div class="author-info"><div class="author-header">'
        f'<a class="h4 author-name" href="{root}/author/sana/">SANA</a></div>'
        '<div class="author-description">The English desk of the Syrian Arab News Agency.</div>'
        f'<div class="author-footer"><a class="author-all-posts" href="{root}/author/sana/">'
        "View All Posts</a></div></div></div></div>"
    )


def entry_pagination(older: ContentArticle | None, newer: ContentArticle | None, root: str) -> str:
    """`foxiz_single_next_prev`: full titles of the chronological neighbours, any section."""
    sides = []
    if older is not None:
        sides.append(_nav_side("nav-left", "Previous Article", "rbi-cleft", older, root))
    if newer is not None:
        sides.append(_nav_side("nav-right", "Next Article", "rbi-cright", newer, root))
    if not sides:
        return ""
    return (
        '<div class="entry-pagination e-pagi entry-sec">'
        f'<div class="inner">{"".join(sides)}</div></div>'
    )


def _nav_side(side: str, label: str, icon: str, other: ContentArticle, root: str) -> str:
    thumb = image_url(root, thumbnail_name(other)).rsplit(".", 1)[0] + "-150x150.jpg"
    return (
        f'<div class="nav-el {side}"><a href="{article_url(other, root)}">'
        f'<span class="nav-label is-meta"><i class="rbi {icon}" aria-hidden="true"></i>'
        f'<span>{label}</span></span><span class="nav-inner"><img loading="lazy" src="{thumb}" '
        f'alt="" width="150" height="150" /><span class="h4"><span class="p-url">'
        f"{esc(other.title)}</span></span></span></a></div>"
    )


def comments(article: ContentArticle, root: str) -> str:
    """`foxiz_single_comment` + `comments.php`: `div#comments` with WordPress's html5 comment
    items in `ul.comment-list.entry` (each with its `time[datetime]`), then the reply form."""
    items = "".join(
        _comment(article, root, number, name, text)
        for number, (name, text) in enumerate(COMMENTS, start=1)
    )
    action = f"{root}/wp-comments-post.php"
    return (
        '<div class="comment-box-wrap entry-sec"><div class="comment-box-header">'
        '<span class="h3"><i class="rbi rbi-comment" aria-hidden="true"></i>'
        f'{len(COMMENTS)} Comments</span></div><div class="comment-holder">'
        '<div id="comments" class="comments-area"><div class="rb-section">'
        f'<ul class="comment-list entry">{items}</ul></div>'
        '<div id="respond" class="comment-respond">'
        '<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>'
        f'<form action="{action}" method="post" id="commentform" class="comment-form">'
        '<p class="comment-form-comment"><label for="comment">Comment</label><textarea '
        'id="comment" name="comment" cols="45" rows="8" required></textarea></p>'
        '<p class="comment-form-author"><label for="author">Name</label><input id="author" '
        'name="author" type="text" /></p><p class="form-submit"><input name="submit" '
        'type="submit" id="submit" class="submit" value="Post Comment" /><input type="hidden" '
        f'name="comment_post_ID" value="{article.post_id}" id="comment_post_ID" /></p></form>'
        "</div></div></div></div>"
    )


def _comment(article: ContentArticle, root: str, number: int, name: str, text: str) -> str:
    """WordPress's `Walker_Comment::html5_comment`; readers write hours after publication."""
    comment_id = article.post_id % 9000 + number
    moment = parse_time(article.published) + timedelta(hours=3 * number, minutes=17)
    hour = moment.hour % 12 or 12
    half = "am" if moment.hour < 12 else "pm"
    shown = f"{moment:%B} {moment.day}, {moment.year} at {hour}:{moment:%M} {half}"
    link = f"{article_url(article, root)}#comment-{comment_id}"
    return (
        f'<li id="comment-{comment_id}" class="comment even thread-even depth-1">'
        f'<article id="div-comment-{comment_id}" class="comment-body"><footer class="comment-meta">'
        '<div class="comment-author vcard"><img alt="" src="https://secure.gravatar.com/avatar/'
        '?s=100&#038;d=mm&#038;r=g" class="avatar avatar-100 photo" height="100" width="100" '
        f'loading="lazy" decoding="async" /><b class="fn">{esc(name)}</b> '
        '<span class="says">says:</span></div><div class="comment-metadata">'
        f'<a href="{link}"><time datetime="{moment.isoformat()}">{shown}</time></a></div>'
        f'</footer><div class="comment-content"><p>{esc(text)}</p></div>'
        '<div class="reply"><a rel="nofollow" class="comment-reply-link" '
        f'href="{article_url(article, root)}?replytocom={comment_id}#respond" '
        f'data-commentid="{comment_id}" data-postid="{article.post_id}" '
        f'aria-label="Reply to {esc(name)}">Reply</a></div></article></li>'
    )


def footer_related(others: Sequence[ContentArticle], root: str) -> str:
    """`aside.sfoter-sec.single-related`: "You Might Also Like", four grid cards."""
    cards = "".join(card(other, root, "p-grid p-grid-small-1", "h4") for other in others[:4])
    return (
        '<aside class="sfoter-sec single-related"><div class="rb-container edge-padding">'
        f'{heading("You Might Also Like", "h3", "heading-layout-3")}<div class="block-wrap '
        f'block-small block-grid block-grid-small-1 rb-columns rb-col-4"><div class="block-inner">'
        f"{cards}</div></div></div></aside>"
    )


def single_popular(site: Site, root: str) -> str:
    popular = site.relaunch_articles(sorted(site.relaunch_all, key=lambda pid: pid % 11)[:4])
    cards = "".join(card(other, root, "p-list p-list-small-1", "h5") for other in popular)
    return (
        '<aside class="single-popular"><div class="rb-container edge-padding">'
        f'{heading("Popular News", "h3")}<div class="block-wrap block-list"><div '
        f'class="block-inner">{cards}</div></div></div></aside>'
    )
