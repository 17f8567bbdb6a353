"""The parts Sahifa prints around one article: crumbs, share bars, related posts, author box,
previous/next, Check Also, comments and the `tie-schema-graph` JSON-LD."""

from __future__ import annotations

import json
import random
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

from newscrawler.snapshot.common import esc, excerpt, parse_time, slug_in_url, slugify
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.sahifa_chrome import post_href, thumbnail, upload_url
from newscrawler.snapshot.site import Site

RELATED_SIZE = 3
SHARE_NETWORKS = (
    ("facebook", "Facebook", "https://www.facebook.com/sharer.php?u={url}"),
    ("twitter", "Twitter", "https://twitter.com/intent/tweet?text={title}&amp;url={url}"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/shareArticle?mini=true&amp;url={url}"),
    ("pinterest", "Pinterest", "https://pinterest.com/pin/create/button/?url={url}"),
)
COMMENTERS = ("Nadia K.", "Samer", "Lina Haddad", "Omar", "J. Miller", "Rania")
COMMENT_TEXTS = (
    "Thank you for the report, good to see the work moving on.",
    "When will the second phase begin? The article does not say.",
    "My family lives near there and confirms the news.",
    "Please publish more photos of the site.",
    "A step in the right direction, let us hope it continues.",
)


def json_script(graph: dict[str, Any], css_class: str = "") -> str:
    """A JSON-LD script as WordPress prints it: slashes and non-ASCII escaped (`wp_json_encode`),
    so no title can close the script early."""
    text = json.dumps(graph, ensure_ascii=True).replace("/", "\\/")
    class_attr = f' class="{css_class}"' if css_class else ""
    return f'<script type="application/ld+json"{class_attr}>{text}</script>'


def crumbs(site: Site, article: ContentArticle, root: str, with_schema: bool) -> str:
    """`nav#crumbs`: Home » category » title, and optionally its JSON-LD BreadcrumbList."""
    category = site.categories[article.category_ids[0]]
    trail = (
        '<nav id="crumbs"><a href="' + f'{root}/"><span class="fa fa-home" aria-hidden="true">'
        f'</span> {site.edition.text("Home")}</a><span class="delimiter">&raquo;</span>'
        f'<a href="{root}/?cat={category.id}">{esc(category.name)}</a>'
        '<span class="delimiter">&raquo;</span>'
        f'<span class="current">{esc(article.title)}</span></nav>'
    )
    if not with_schema:
        return trail
    items = [(site.edition.text("Home"), f"{root}/"), (category.name, f"{root}/?cat={category.id}")]
    graph = {
        "@context": "http://schema.org",
        "@type": "BreadcrumbList",
        "@id": "#Breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": {"name": name, "@id": url}}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }
    return trail + "\n" + json_script(graph)


def share_bar(site: Site, article: ContentArticle, root: str) -> str:
    """`div.share-post`: the same bar above the content (`share_post_top`) or below the entry."""
    url = quote(post_href(root, article), safe="")
    title = quote(article.title, safe="")
    items = "".join(
        f'<li><a href="{pattern.format(url=url, title=title)}" class="social-{name}" '
        f'rel="external" target="_blank"><i class="fa fa-{name}"></i> <span>{label}</span></a></li>'
        for name, label, pattern in SHARE_NETWORKS
    )
    return (
        f'<div class="share-post"><span class="share-text">{site.edition.text("Share")}</span>'
        f'<ul class="flat-social">{items}</ul><div class="clear"></div></div>'
    )


def related_candidates(site: Site, article: ContentArticle) -> list[ContentArticle]:
    """`related_query = category`: the category's latest posts but this one and its Check Also
    post (the theme keeps one post out of both boxes)."""
    excluded = {article.post_id}
    if article.check_also is not None:
        excluded.add(article.check_also.post_id)
    pool = site.by_category.get(article.category_ids[0], [])[: RELATED_SIZE + len(excluded)]
    return site.archive_articles(pid for pid in pool if pid not in excluded)[:RELATED_SIZE]


def related_posts(site: Site, article: ContentArticle, root: str) -> str:
    items = "".join(
        '<div class="related-item tie_thumb">'
        f"{thumbnail(related, root, '310x165', 310, 165)}"
        f'<h3><a href="{post_href(root, related)}" rel="bookmark">{esc(related.title)}</a></h3>'
        f'<p class="post-meta"><span class="tie-date"><i class="fa fa-clock-o"></i>'
        f"{site.edition.listing_date(related.published)}</span></p></div>"
        for related in related_candidates(site, article)
    )
    return (
        '<section id="related_posts"><div class="block-head">'
        f"<h3>{site.edition.text('Related Articles')}</h3>"
        '<div class="stripe-line"></div></div>'
        f'<div class="post-listing">{items}<div class="clear"></div></div></section>'
    )


def post_tags(site: Site, article: ContentArticle, root: str) -> str:
    if not article.tags:
        return ""
    links = " ".join(
        f'<a href="{root}/?tag={slug_in_url(slugify(tag))}" rel="tag">{esc(tag)}</a>'
        for tag in article.tags
    )
    return f'<p class="post-tag">{site.edition.text("Tags ")}{links}</p>'


def author_box(site: Site, root: str) -> str:
    avatar = upload_url(root, "2014/10/sana-avatar.png")
    return (
        '<section id="author-box"><div class="block-head">'
        f"<h3>{site.edition.text('About editor')}</h3>"
        '<div class="stripe-line"></div></div><div class="post-listing"><div class="author-bio">'
        f'<div class="author-avatar"><img alt="" src="{avatar}" class="avatar avatar-90 photo" '
        'height="90" width="90" /></div><div class="author-description">The English desk of the '
        'Syrian Arab News Agency.</div><div class="author-social flat-social">'
        f'<a class="social-site" href="{root}/"><i class="fa fa-home"></i></a>'
        f'<a class="social-rss" href="{root}/?author=5&amp;feed=rss2"><i class="fa fa-rss">'
        '</i></a></div><div class="clear"></div></div></div></section>'
    )


@lru_cache(maxsize=16)
def _home_positions(site: Site) -> dict[int, int]:
    return {post_id: n for n, post_id in enumerate(site.home)}


def post_navigation(site: Site, article: ContentArticle, root: str) -> str:
    """Previous (older) and next (newer) posts of any category, each with its full title.

    An unlisted post has no place in the home order, so it prints no navigation.
    """
    position = _home_positions(site).get(article.post_id)
    if position is None:
        return ""
    newer = site.archive_articles(site.home[position - 1 : position] if position else [])
    older = site.archive_articles(site.home[position + 1 : position + 2])
    parts = [
        f'<div class="post-previous"><a href="{post_href(root, post)}" rel="prev">'
        f"<span>{site.edition.text('Previous')}</span> {esc(post.title)}</a></div>"
        for post in older
    ]
    parts += [
        f'<div class="post-next"><a href="{post_href(root, post)}" rel="next">'
        f"<span>{site.edition.text('Next')}</span> {esc(post.title)}</a></div>"
        for post in newer
    ]
    return f'<div class="post-navigation">{"".join(parts)}</div>' if parts else ""


def check_also_box(site: Site, article: ContentArticle, root: str, side: str) -> str:
    if article.check_also is None:
        return ""
    target = site.archive_article(article.check_also.post_id)
    if target is None:
        return ""
    href = post_href(root, target)
    picture = (
        f'<div class="post-thumbnail"><a href="{href}">'
        f'<img src="{upload_url(root, target.featured_image)}" alt="" /></a></div>\n'
        if target.featured_image
        else ""
    )
    return (
        f'<section id="check-also-box" class="post-listing check-also-{side}">\n'
        '<a href="#" id="check-also-close"><i class="fa fa-close"></i></a>\n'
        f'<div class="block-head"><h3>{site.edition.text("Check Also")}</h3></div>\n'
        '<div class="check-also-post">\n'
        f"{picture}"
        f'<h2 class="post-title"><a href="{href}" rel="bookmark">{esc(target.title)}</a></h2>\n'
        f"<p>{esc(article.check_also.teaser)}</p>\n"
        "</div>\n</section>"
    )


def comments(site: Site, article: ContentArticle, root: str) -> str:
    """`div#comments`: one to three readers' comments, then the reply form `#respond`."""
    rng = random.Random(f"comments:{article.post_id}")
    count = rng.randint(1, 3)
    moment = parse_time(article.published)
    items = "".join(
        _comment(
            article,
            root,
            1000 + article.post_id % 997 * 10 + n,
            rng,
            site.edition.listing_date(article.published),
            moment.hour,
            site.edition.reader_comments,
        )
        for n in range(count)
    )
    title = "One comment" if count == 1 else f"{count} comments"
    return (
        '<div id="comments"><div id="comments-box"><div class="block-head">'
        f'<h3 id="comments-title">{title}</h3><div class="stripe-line"></div></div>'
        f'<div class="post-listing"><ol class="commentlist">{items}</ol></div></div>'
        f"{_reply_form(article, root)}</div><!-- #comments -->"
    )


def _comment(
    article: ContentArticle,
    root: str,
    number: int,
    rng: random.Random,
    day: str,
    hour: int,
    reader_comments: tuple[tuple[str, str], ...] | None,
) -> str:
    commenters: tuple[str, ...] = COMMENTERS
    texts: tuple[str, ...] = COMMENT_TEXTS
    if reader_comments:
        commenters = tuple(name for name, _ in reader_comments)
        texts = tuple(text for _, text in reader_comments)
    avatar = f"https://secure.gravatar.com/avatar/{number:032x}?s=65&amp;d=mm&amp;r=g"
    return (
        f'<li class="comment even thread-even depth-1" id="li-comment-{number}">'
        f'<div id="comment-{number}" class="comment-wrap"><div class="comment-avatar">'
        f"<img alt='' src='{avatar}' srcset='{avatar.replace('s=65', 's=130')} 2x' "
        "class='avatar avatar-65 photo' height='65' width='65' /></div>"
        f'<div class="author-comment"><cite class="fn">{esc(rng.choice(commenters))}</cite>'
        f'<div class="comment-meta commentmetadata"><a href="{post_href(root, article)}'
        f'#comment-{number}">{day} at {hour}:{rng.randint(10, 59)}</a></div></div>'
        f'<div class="clear"></div><div class="comment-content"><p>{esc(rng.choice(texts))}'
        f'</p></div><div class="reply"><a rel="nofollow" class="comment-reply-link" '
        f'href="{post_href(root, article)}&amp;replytocom={number}#respond">Reply</a></div>'
        "</div></li>"
    )


def _reply_form(article: ContentArticle, root: str) -> str:
    fields = "".join(
        f'<p class="comment-form-{name}"><label for="{name}">{label}</label> '
        f'<input id="{name}" name="{name}" type="text" value="" size="30" /></p>'
        for name, label in (("author", "Name"), ("email", "Email"), ("url", "Website"))
    )
    return (
        '<div id="respond" class="comment-respond">'
        '<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small>'
        '<a rel="nofollow" id="cancel-comment-reply-link" href="#respond" '
        'style="display:none;">Cancel reply</a></small></h3>'
        f'<form action="{root}/wp-comments-post.php" method="post" id="commentform" '
        'class="comment-form"><p class="comment-notes">Your email address will not be published.'
        '</p><p class="comment-form-comment"><label for="comment">Comment</label> '
        '<textarea id="comment" name="comment" cols="45" rows="8"></textarea></p>'
        f"{fields}"
        '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" '
        'value="Post Comment" /> <input type="hidden" name="comment_post_ID" '
        f'value="{article.post_id}" id="comment_post_ID" /> <input type="hidden" '
        'name="comment_parent" id="comment_parent" value="0" /></p></form></div>'
    )


def article_body_text(body_html: str) -> str:
    """`articleBody`: Sahifa's `strip_tags(strip_shortcodes(post_content))` (`theme-functions.php`
    `tie_article_schemas`), so entities stay as the post writes them (`&nbsp;`, `&amp;`).

    `strip_shortcodes` drops `[caption]` and `[gallery]` with what they enclose, so captioned
    images and galleries (their rendered `div.wp-caption` / `div.gallery` here) leave no text;
    the dateline, paragraphs, sub-headings, file-name lines and the staff tag line stay.
    """
    reader = _RawText()
    reader.feed(body_html)
    reader.close()
    return "".join(reader.parts).strip()


class _RawText(HTMLParser):
    """Text between tags with entity references left as written; shortcode output skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.skipped_divs = 0  # open divs of a caption or gallery being skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        classes = f" {dict(attrs).get('class') or ''} "
        # What WordPress renders from the `[caption]` and `[gallery]` shortcodes.
        if self.skipped_divs or " wp-caption " in classes or " gallery " in classes:
            self.skipped_divs += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.skipped_divs:
            self.skipped_divs -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipped_divs:
            self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def schema_graph(site: Site, article: ContentArticle, canonical: str, root: str) -> str:
    """Sahifa's `tie-schema-graph`: dates with offset, headline, keywords, section, body."""
    modified = article.modified or article.published
    graph: dict[str, Any] = {
        "@context": "http://schema.org",
        "@type": "NewsArticle",
        "dateCreated": article.published,
        "datePublished": article.published,
        "dateModified": modified,
        "headline": article.title,
        "name": article.title,
        "keywords": ",".join(article.tags),
        "url": canonical,
        "description": excerpt(article.body_html, words=25),
        "copyrightYear": str(parse_time(article.published).year),
        "publisher": {
            "@id": "#Publisher",
            "@type": "Organization",
            "name": "Syrian Arab News Agency",
            "logo": {"@type": "ImageObject", "url": upload_url(root, "2014/10/sana-logo-en.png")},
        },
        "sourceOrganization": {"@id": "#Publisher"},
        "copyrightHolder": {"@id": "#Publisher"},
        "mainEntityOfPage": {
            "@type": "WebPage",
            "@id": canonical,
            "breadcrumb": {"@id": "#Breadcrumb"},
        },
        "author": {"@type": "Person", "name": "editor", "url": f"{root}/?author=5"},
        "articleSection": ",".join(site.category_names(article)),
        "articleBody": article_body_text(article.body_html),
    }
    if article.featured_image:
        graph["image"] = {
            "@type": "ImageObject",
            "url": upload_url(root, article.featured_image),
            "width": 1200,
            "height": 675,
        }
    return json_script(graph, css_class="tie-schema-graph")


def seo_graph(site: Site, article: ContentArticle | None, canonical: str, root: str) -> str:
    """The SEO plugin's site graph (Organization, WebSite, WebPage) every page carries."""
    home = f"{site.edition.canonical_root}/"
    name = site.edition.text("Syrian Arab News Agency")
    nodes: list[dict[str, Any]] = [
        {
            "@type": "Organization",
            "@id": f"{home}#organization",
            "name": name,
            "url": home,
            "sameAs": ["https://www.facebook.com/SANAEnglish", "https://twitter.com/SANA_English"],
            "logo": {"@type": "ImageObject", "url": upload_url(root, "2014/10/sana-logo-en.png")},
        },
        {
            "@type": "WebSite",
            "@id": f"{home}#website",
            "url": home,
            "name": name,
            "potentialAction": {
                "@type": "SearchAction",
                "target": home + "?s={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        },
    ]
    page: dict[str, Any] = {"@type": "WebPage", "@id": f"{canonical}#webpage", "url": canonical}
    if article is not None:
        page["name"] = article.title
    nodes.append(page)
    return json_script(
        {"@context": "https://schema.org", "@graph": nodes}, css_class="yoast-schema-graph"
    )
