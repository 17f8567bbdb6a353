"""RSS 2.0 feeds of both layouts: latest listed posts with their full text.

The Arabic edition's front feeds (`/feed/`, `/?feed=rss2`) are not well-formed XML, as the real
`sana.sy/feed/` is not (EDITIONS.md C.1, "duplicate attribute"): two plugins each declare the
`media` namespace on `<rss>`. A strict parser stops there; a lenient one reads every item.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from newscrawler.snapshot.common import excerpt, rfc822
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.site import FEED_SIZE, Site

MEDIA_NAMESPACE = 'xmlns:media="http://search.yahoo.com/mrss/"'


def archive_feed(site: Site, base: str) -> str:
    """`<edition>/?feed=rss2`."""
    root = site.edition.root(base)
    articles = site.archive_articles(site.home[:FEED_SIZE])
    return _rss(
        site, articles, f"{root}/", lambda a: f"{root}/?p={a.post_id}", _front_namespaces(site)
    )


def relaunch_feed(site: Site, base: str) -> str:
    """`<edition>/feed/`: every section."""
    root = site.edition.root(base)
    articles = site.relaunch_articles(site.relaunch_all[:FEED_SIZE])
    return _rss(site, articles, f"{root}/", _relaunch_link(root), _front_namespaces(site))


def section_feed(site: Site, base: str, section: str) -> str | None:
    """`<edition>/<section>/feed/`; None for an unknown section."""
    if section not in site.sections:
        return None
    root = site.edition.root(base)
    articles = site.relaunch_articles(site.by_section.get(section, [])[:FEED_SIZE])
    return _rss(site, articles, f"{root}/{section}/", _relaunch_link(root))


def _front_namespaces(site: Site) -> str:
    """Extra `<rss>` attributes of an edition's front feeds: the duplicated namespace that
    makes the Arabic ones not well-formed."""
    return f" {MEDIA_NAMESPACE} {MEDIA_NAMESPACE}" if site.edition.malformed_front_feed else ""


def _relaunch_link(root: str) -> Callable[[ContentArticle], str]:
    return lambda article: f"{root}/{article.section}/{article.post_id}/"


def _cdata(text: str) -> str:
    # A literal "]]>" inside the text would end the section early; split it across two.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rss(
    site: Site,
    articles: list[ContentArticle],
    channel_link: str,
    link_of: Callable[[ContentArticle], str],
    extra_namespaces: str = "",
) -> str:
    items = "\n".join(_item(site, article, link_of(article)) for article in articles)
    build_date = rfc822(articles[0].modified or articles[0].published) if articles else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"'
        f"{extra_namespaces}>\n"
        "<channel>\n"
        f"<title>{escape(site.edition.text('SANA'))}</title>\n"
        f"<link>{escape(channel_link)}</link>\n"
        f"<description>{escape(site.edition.text('Syrian Arab News Agency'))}</description>\n"
        f"<lastBuildDate>{build_date}</lastBuildDate>\n"
        f"<language>{site.edition.feed_language}</language>\n"
        f"{items}\n"
        "</channel>\n"
        "</rss>\n"
    )


def _item(site: Site, article: ContentArticle, link: str) -> str:
    categories = "".join(
        f"<category>{_cdata(name)}</category>" for name in site.category_names(article)
    )
    return (
        "<item>\n"
        f"<title>{escape(article.title)}</title>\n"
        f"<link>{escape(link)}</link>\n"
        f'<guid isPermaLink="false">{escape(link)}</guid>\n'
        f"<pubDate>{rfc822(article.published)}</pubDate>\n"
        f"{categories}\n"
        f"<description>{_cdata(excerpt(article.body_html))}</description>\n"
        f"<content:encoded>{_cdata(article.body_html)}</content:encoded>\n"
        "</item>"
    )
