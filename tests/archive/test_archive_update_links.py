"""`update_of` links: an Updated story → the one earlier story with its title, never guessed."""

from __future__ import annotations

from newscrawler.archive import Archive
from tests.archive.conftest import ArticleFactory, ReadRows

NOW = "2024-01-01T08:00:00+00:00"
TITLE = "Bakeries in Damascus extend working hours"


def story(article: ArticleFactory, post_id: int, published: str, updated: bool, **more: object):
    return article(post_id, title=more.pop("title", TITLE), published=published, updated=updated)


def save(archive: Archive, *articles: dict) -> None:
    for item in articles:
        archive.save_article(item, [item["url"]], NOW)
    archive.flush()


def update_links(committed: ReadRows) -> list[tuple[str, str]]:
    rows = committed("SELECT from_url, to_url FROM links WHERE kind = 'update_of' ORDER BY 1, 2")
    return [(row["from_url"], row["to_url"]) for row in rows]


def url(post_id: int) -> str:
    return f"https://archive.sana.sy/en/?p={post_id}"


def test_update_links_to_the_one_earlier_story(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    earlier = story(article, 1, "2024-03-01T08:00:00+00:00", False)
    update = story(article, 2, "2024-03-02T10:00:00+00:00", True, title=TITLE.upper())
    save(archive, earlier, update)
    assert update_links(committed) == [(url(2), url(1))]
    anchor = committed("SELECT anchor_text FROM links WHERE kind = 'update_of'")
    assert anchor == [{"anchor_text": TITLE}]


def test_order_of_saving_does_not_matter(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    earlier = story(article, 1, "2024-03-01T08:00:00+00:00", False)
    update = story(article, 2, "2024-03-02T10:00:00+00:00", True)
    save(archive, update, earlier)
    assert update_links(committed) == [(url(2), url(1))]


def test_two_candidates_give_no_link(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    first = story(article, 1, "2024-03-01T08:00:00+00:00", False)
    second = story(article, 3, "2024-03-01T09:00:00+00:00", False)
    update = story(article, 2, "2024-03-02T10:00:00+00:00", True)
    save(archive, first, update)
    assert update_links(committed) == [(url(2), url(1))]
    save(archive, second)  # now ambiguous: the earlier guess would be one, so it goes
    assert update_links(committed) == []


def test_no_link_outside_three_days_or_for_other_titles(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    too_old = story(article, 1, "2024-02-26T09:00:00+00:00", False)
    other = story(article, 3, "2024-03-01T08:00:00+00:00", False, title="Another story")
    later = story(article, 4, "2024-03-02T11:00:00+00:00", False)
    update = story(article, 2, "2024-03-01T10:00:00+00:00", True)
    save(archive, too_old, other, later, update)
    assert update_links(committed) == []


def test_a_story_without_the_marker_links_nothing(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    earlier = story(article, 1, "2024-03-01T08:00:00+00:00", False)
    same_title = story(article, 2, "2024-03-02T10:00:00+00:00", False)
    save(archive, earlier, same_title)
    assert update_links(committed) == []


def test_a_retitled_earlier_story_releases_the_update(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    earlier = story(article, 1, "2024-03-01T08:00:00+00:00", False)
    update = story(article, 2, "2024-03-02T10:00:00+00:00", True)
    save(archive, earlier, update)
    save(archive, story(article, 1, "2024-03-01T08:00:00+00:00", False, title="Renamed"))
    assert update_links(committed) == []


def test_titles_match_ignoring_case_beyond_ascii(
    archive: Archive, article: ArticleFactory, committed: ReadRows
) -> None:
    # SQLite's lower() folds ASCII only; the stored key is Python's casefold.
    earlier = story(article, 1, "2024-03-01T08:00:00+00:00", False, title="Straße to Ölberg")
    update = story(article, 2, "2024-03-02T10:00:00+00:00", True, title="STRASSE TO ÖLBERG")
    save(archive, update, earlier)
    assert update_links(committed) == [(url(2), url(1))]
