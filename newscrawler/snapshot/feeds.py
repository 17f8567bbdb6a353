"""RSS 2.0 feeds of both layouts: latest listed posts with their full text."""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import escape

from newscrawler.snapshot.common import excerpt, rfc822
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.site import FEED_SIZE, Site


def archive_feed(site: Site, base: str) -> str:
    """`/en/?feed=rss2`."""
    articles = site.archive_articles(site.home[:FEED_SIZE])
    return _rss(site, articles, f"{base}/en/", lambda a: f"{base}/en/?p={a.post_id}")


def relaunch_feed(site: Site, base: str) -> str:
    """`/en/feed/`: every section."""
    articles = site.relaunch_articles(site.relaunch_all[:FEED_SIZE])
    return _rss(site, articles, f"{base}/en/", _relaunch_link(base))


def section_feed(site: Site, base: str, section: str) -> str | None:
    """`/en/<section>/feed/`; None for an unknown section."""
    if section not in site.sections:
        return None
    articles = site.relaunch_articles(site.by_section.get(section, [])[:FEED_SIZE])
    return _rss(site, articles, f"{base}/en/{section}/", _relaunch_link(base))


def _relaunch_link(base: str) -> Callable[[ContentArticle], str]:
    return lambda article: f"{base}/en/{article.section}/{article.post_id}/"


def _cdata(text: str) -> str:
    # A literal "]]>" inside the text would end the section early; split it across two.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rss(
    site: Site,
    articles: list[ContentArticle],
    channel_link: str,
    link_of: Callable[[ContentArticle], str],
) -> str:
    items = "\n".join(_item(site, article, link_of(article)) for article in articles)
    build_date = rfc822(articles[0].modified or articles[0].published) if articles else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        "<channel>\n"
        "<title>SANA</title>\n"
        f"<link>{escape(channel_link)}</link>\n"
        "<description>Syrian Arab News Agency</description>\n"
        f"<lastBuildDate>{build_date}</lastBuildDate>\n"
        "<language>en-US</language>\n"
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
