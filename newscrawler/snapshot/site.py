"""The served site: content plus generated posts, the served versions, and listing indexes."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from newscrawler.snapshot.common import slugify, sort_key
from newscrawler.snapshot.content import Category, Content, ContentArticle, load_content
from newscrawler.snapshot.editions import ARABIC, ENGLISH, FRENCH, PAGE_SIZE, Edition
from newscrawler.snapshot.generate import GeneratedArchive

FEED_SIZE = 20


def page_count(total_items: int, size: int = PAGE_SIZE) -> int:
    """Listing pages for `total_items` posts; an empty listing still has its first page."""
    return max(1, -(-total_items // size))


def page_slice(post_ids: Sequence[int], page: int, size: int = PAGE_SIZE) -> Sequence[int] | None:
    """The posts on listing page `page` (1-based), `size` a page, or None past the end."""
    if not 1 <= page <= page_count(len(post_ids), size):
        return None
    return post_ids[(page - 1) * size : page * size]


class Site:
    """Answers "which article" and "which posts, newest first" questions for the renderers."""

    def __init__(
        self,
        content: Content,
        generated: GeneratedArchive | None = None,
        served_versions: Mapping[int, int] | None = None,
        edition: Edition = ENGLISH,
    ) -> None:
        self.content = content
        self.edition = edition
        self.generated = generated
        self.served_versions = dict(served_versions or {})
        self._check_generated_ids()
        self._check_served_versions()
        self.home: list[int] = []
        self.by_category: dict[int, list[int]] = defaultdict(list)
        self.by_tag: dict[str, list[int]] = defaultdict(list)
        self.tag_names: dict[str, str] = {}
        self._index_archive()
        self.relaunch_all: list[int] = []
        self.by_section: dict[str, list[int]] = defaultdict(list)
        self._index_relaunch()

    @property
    def categories(self) -> Mapping[int, Category]:
        return self.content.categories

    @property
    def sections(self) -> Mapping[str, str]:
        return self.content.sections

    def archive_article(self, post_id: int) -> ContentArticle | None:
        article = self.content.archive.get(post_id)
        if article is None and self.generated is not None and post_id in self.generated:
            article = self.generated.article(post_id)
        return None if article is None else self._served(article)

    def relaunch_article(self, post_id: int) -> ContentArticle | None:
        article = self.content.relaunch.get(post_id)
        return None if article is None else self._served(article)

    def archive_articles(self, post_ids: Iterable[int]) -> list[ContentArticle]:
        return [a for a in map(self.archive_article, post_ids) if a is not None]

    def relaunch_articles(self, post_ids: Iterable[int]) -> list[ContentArticle]:
        return [a for a in map(self.relaunch_article, post_ids) if a is not None]

    def category_names(self, article: ContentArticle) -> list[str]:
        """`article:section` values; a relaunched article's category is its section."""
        if article.section is not None:
            return [self.sections[article.section]]
        return [self.categories[cid].name for cid in article.category_ids]

    def _served(self, article: ContentArticle) -> ContentArticle:
        version_number = self.served_versions.get(article.post_id)
        if version_number is None:
            return article
        version = article.versions[version_number - 1]
        return dataclasses.replace(
            article,
            title=version.title,
            body_html=version.body_html,
            modified=version.modified or article.modified,
        )

    def _check_generated_ids(self) -> None:
        if self.generated is None:
            return
        clash = [pid for pid in self.content.archive if pid in self.generated]
        if clash:
            raise ValueError(f"generated post ids collide with content posts {clash}")

    def _check_served_versions(self) -> None:
        for post_id, number in self.served_versions.items():
            article = self.content.archive.get(post_id) or self.content.relaunch.get(post_id)
            if article is None:
                raise ValueError(f"--serve-version: no content article {post_id}")
            if not 1 <= number <= len(article.versions):
                raise ValueError(
                    f"--serve-version: article {post_id} has {len(article.versions)} versions, "
                    f"not {number}"
                )

    def _index_archive(self) -> None:
        entries: list[tuple[float, int, Sequence[int], Sequence[str]]] = [
            (sort_key(a.published), a.post_id, a.category_ids, a.tags)
            for a in self.content.archive.values()
            if a.listed
        ]
        if self.generated is not None:
            for post_id in self.generated.post_ids:
                meta = self.generated.meta(post_id)
                entries.append((sort_key(meta.published), post_id, (meta.category_id,), meta.tags))
        entries.sort(reverse=True)
        for _, post_id, category_ids, tags in entries:
            self.home.append(post_id)
            for category_id in category_ids:
                self.by_category[category_id].append(post_id)
            for tag in tags:
                slug = slugify(tag)
                self.tag_names.setdefault(slug, tag)
                self.by_tag[slug].append(post_id)

    def _index_relaunch(self) -> None:
        listed = sorted(
            (a for a in self.content.relaunch.values() if a.listed),
            key=lambda a: (sort_key(a.published), a.post_id),
            reverse=True,
        )
        for article in listed:
            self.relaunch_all.append(article.post_id)
            if article.section is not None:
                self.by_section[article.section].append(article.post_id)


def other_edition_sites() -> dict[str, Site]:
    """The Arabic (site root) and French (`/fr/`) editions from their package content, by code."""
    return {
        edition.code: Site(load_content(edition.content_dir), edition=edition)
        for edition in (ARABIC, FRENCH)
        if edition.content_dir.is_dir()
    }
