"""`normalize_article`: one `RawArticle` → one `Article`, composing every normalizer."""

from __future__ import annotations

from typing import NamedTuple

from newscrawler.items import Article, Block, Link, RawArticle
from newscrawler.normalize.body_check import body_disagreement
from newscrawler.normalize.bylines import split_byline
from newscrawler.normalize.datelines import Dateline, split_dateline
from newscrawler.normalize.dates import dateline_date, parse_stamp, to_local, to_utc
from newscrawler.normalize.editor_tags import split_editor_tags
from newscrawler.normalize.promo import split_promo_lines
from newscrawler.normalize.staff import person_for
from newscrawler.normalize.text import body_lines, clean_text
from newscrawler.normalize.titles import (
    MAX_TITLE_CHARS,
    MAX_TITLE_RAW_CHARS,
    normalize_title,
    title_ceiling_problem,
)
from newscrawler.normalize.urls import canonical_link, canonical_url
from newscrawler.normalize.vocabulary import ENGLISH, Vocabulary
from newscrawler.sites import profile_for_url

_NO_DATELINE = Dateline(None, None, None, None, None, "")


class _Line(NamedTuple):
    text: str
    is_heading: bool


def _lines(blocks: list[Block]) -> list[_Line]:
    """Cleaned body lines, one per `<br>` line, without captions and dropped lines."""
    return [
        _Line(text, block.kind == "heading")
        for block in blocks
        if block.kind != "caption"
        for text in body_lines(block.text)
    ]


def _cut_dateline(lines: list[_Line], vocabulary: Vocabulary) -> tuple[Dateline, list[_Line]]:
    """Split the first line's dateline off; a line that was only a dateline goes."""
    if not lines:
        return _NO_DATELINE, lines
    first, *others = lines
    dateline = split_dateline(first.text, vocabulary)
    if dateline.place is None:
        return dateline, lines
    if not dateline.rest:
        return dateline, others
    return dateline, [first._replace(text=dateline.rest), *others]


def _date(
    iso_value: str | None,
    stamp: str | None,
    tz: str,
    vocabulary: Vocabulary,
    name: str,
    problems: list[str],
) -> str | None:
    """The UTC value of the page's ISO date, else of its printed stamp."""
    value = to_utc(iso_value, tz) if iso_value else None
    if iso_value and value is None:
        problems.append(f"unreadable {name} date: {iso_value!r}")
    if value is None and stamp:
        value = parse_stamp(stamp, tz, vocabulary)
        if value is None:
            problems.append(f"unreadable {name} stamp: {stamp!r}")
    return value


def _resolved_dateline_date(
    dateline: Dateline, published: str | None, problems: list[str]
) -> str | None:
    if dateline.month is None or dateline.day is None or published is None:
        return None
    resolved = dateline_date(dateline.month, dateline.day, published)
    if resolved is None:
        problems.append(f"unreadable dateline date: {dateline.raw!r}")
    return resolved


def _clean_link(link: Link) -> Link:
    return Link(
        kind=link.kind,
        url=canonical_link(link.url),
        anchor_text=clean_text(link.anchor_text),
        teaser=clean_text(link.teaser),
    )


def _clean_names(values: list[str]) -> list[str]:
    return [name for name in (clean_text(value) for value in values) if name]


def _body_problems(
    raw: RawArticle, body: str, leading: list[str | None], trailing: list[str | None]
) -> list[str]:
    """The parser's markup problems, then the body's disagreement with the page's articleBody."""
    problems = list(raw.markup_problems)
    if raw.article_body is not None and body:
        captions = [block.text for block in raw.blocks if block.kind == "caption"]
        problems += body_disagreement(
            body.split("\n\n"),
            raw.article_body,
            [part for part in leading if part],
            [part for part in trailing if part] + captions,
        )
    return problems


def normalize_article(
    raw: RawArticle,
    site: str = "sana",
    edition: str = "en",
    tz: str = "Asia/Damascus",
    vocabulary: Vocabulary = ENGLISH,
) -> Article:
    """Normalize every field; what cannot be read is None/empty and named in `problems`."""
    problems: list[str] = []
    suspect: list[str] = []
    title = normalize_title(raw.title)
    if not title.text:
        problems.append("no title")
    if title_problem := title_ceiling_problem(title.text):
        problems.append(title_problem)
        suspect.append("title")

    lines = _lines(raw.blocks)
    byline, after_byline = split_byline([line.text for line in lines])
    lines = lines[len(lines) - len(after_byline) :]
    dateline, lines = _cut_dateline(lines, vocabulary)
    if dateline.raw is not None and dateline.place is None:
        problems.append(f"unreadable dateline: {dateline.raw!r}")
    # The site appends its promotion lines after the text (and its tag line): they go first.
    promo, before_promo = split_promo_lines([line.text for line in lines], vocabulary)
    lines = lines[: len(before_promo)]
    editor_tags, before_tags = split_editor_tags(before_promo, vocabulary)
    lines = lines[: len(before_tags)]
    body = "\n\n".join(line.text for line in lines)
    if not body:
        problems.append("no body")
    # The dateline leads, so that it and the first paragraph read as one line again.
    body_problems = _body_problems(raw, body, [byline.raw, dateline.raw], [editor_tags.raw, *promo])
    if body_problems:
        problems += body_problems
        suspect.append("body")

    if raw.truncated:
        problems.append("page truncated: it ends before its closing </html>")
    published = _date(raw.published, raw.published_stamp, tz, vocabulary, "published", problems)
    modified = _date(raw.modified, raw.modified_stamp, tz, vocabulary, "modified", problems)
    return Article(
        url=canonical_url(raw.layout, raw.post_id, raw.section, raw.url),
        post_id=raw.post_id,
        site=site,
        edition=edition,
        language=vocabulary.language,
        layout=raw.layout,
        title=title.text[:MAX_TITLE_CHARS] or None,
        title_raw=raw.title[:MAX_TITLE_RAW_CHARS],
        updated=title.updated,
        media=title.media,
        published=published,
        modified=modified,
        published_local=to_local(published, tz) if published else None,
        dateline_raw=dateline.raw,
        dateline_place=dateline.place,
        dateline_agency=dateline.agency,
        dateline_date=_resolved_dateline_date(dateline, published, problems),
        editor_tags_raw=editor_tags.raw,
        editor_tags=editor_tags.names,
        byline_raw=byline.raw,
        authors=byline.authors,
        subheadings=[line.text for line in lines if line.is_heading],
        body=body,
        categories=_clean_names(raw.categories),
        tags=_clean_names(raw.tags),
        images=list(raw.images),
        links=[_clean_link(link) for link in raw.links],
        fetched_urls=list(raw.fetched_urls) or [raw.url],
        problems=problems,
        capture=raw.capture,
        staff=[person_for(name) for name in editor_tags.names],
        validators=dict(raw.validators),
        truncated=raw.truncated,
        suspect=suspect,
    )


def normalize_in_edition(raw: RawArticle) -> Article:
    """`normalize_article` with the profile of the edition the page's URL path names: its
    agency, edition code, time zone and vocabulary (the crawl and reparse alike)."""
    profile = profile_for_url(raw.url)
    return normalize_article(
        raw, profile.agency, profile.edition, profile.timezone, profile.vocabulary
    )
