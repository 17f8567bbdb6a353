"""Run health: field coverage of the archived articles and the causes that make a run unhealthy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median

from newscrawler.items import Article

# The fields whose share tells a working parser from a silently broken one, in report order.
COVERAGE_FIELDS: tuple[str, ...] = ("title", "body", "published", "dateline", "editor_tags")
# Key of the article count stored beside the shares in `crawl_runs.field_coverage`.
ARTICLES_KEY = "articles"


def has_field(article: Article, name: str) -> bool:
    """Whether the article carries the field, read without doubt (see `Article.suspect`)."""
    if name in article.suspect:
        return False
    if name == "dateline":
        return bool(article.dateline_place or article.dateline_raw)
    return bool(getattr(article, name))


@dataclass
class CoverageCounter:
    """Counts, over the articles a run archived, how many carry each `COVERAGE_FIELDS` field."""

    articles: int = 0
    present: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COVERAGE_FIELDS, 0))

    def add(self, article: Article) -> None:
        self.articles += 1
        for name in COVERAGE_FIELDS:
            self.present[name] += has_field(article, name)

    def coverage(self) -> dict[str, float | int]:
        """`{"articles": n, field: share, …}`; shares rounded to 3 places, none when n is 0."""
        if not self.articles:
            return {ARTICLES_KEY: 0}
        shares = {name: round(self.present[name] / self.articles, 3) for name in COVERAGE_FIELDS}
        return {ARTICLES_KEY: self.articles, **shares}


@dataclass(frozen=True)
class HealthPolicy:
    """`coverage_drop`: a field below this fraction of its recent median is a layout change.

    `min_articles`: runs archiving fewer articles are too small to judge coverage or yield.
    """

    coverage_drop: float = 0.5
    min_articles: int = 20


@dataclass(frozen=True)
class RunOutcome:
    """What a run did. `answered` counts the site's pages answered 2xx or 304, robots.txt aside."""

    finish_reason: str
    article_pages: int
    archived: int
    coverage: Mapping[str, float | int]
    requests: int = 0
    answered: int = 0


def health_problems(
    run: RunOutcome,
    recent_coverage: Sequence[Mapping[str, float | int]],
    policy: HealthPolicy,
) -> list[str]:
    """Why the run is unhealthy, one sentence per cause; empty when it is healthy.

    `recent_coverage` is the `field_coverage` of the last healthy runs, newest first.
    """
    problems: list[str] = []
    if run.finish_reason != "finished":
        problems.append(f"run did not finish (finish reason: {run.finish_reason})")
    problems += yield_problems(run, policy)
    problems += coverage_problems(run.coverage, recent_coverage, policy)
    return problems


def yield_problems(run: RunOutcome, policy: HealthPolicy) -> list[str]:
    # A site that answers nothing but errors fetches no article page: not a quiet day.
    if run.requests and not run.answered:
        return [
            f"none of {run.requests} requests was answered with a page"
            " (site down, or blocking us? see the failures table)"
        ]
    if run.article_pages and not run.archived:
        return [
            f"fetched {run.article_pages} article pages but archived none"
            " (layout change? see the failures table)"
        ]
    if run.article_pages >= policy.min_articles and (
        run.archived < policy.coverage_drop * run.article_pages
    ):
        return [
            f"archived only {run.archived} of {run.article_pages} article pages"
            " (layout change? see the failures table)"
        ]
    return []


def coverage_problems(
    coverage: Mapping[str, float | int],
    recent_coverage: Sequence[Mapping[str, float | int]],
    policy: HealthPolicy,
) -> list[str]:
    if coverage.get(ARTICLES_KEY, 0) < policy.min_articles:
        return []
    problems = []
    for name in COVERAGE_FIELDS:
        history = [float(past[name]) for past in recent_coverage if name in past]
        if not history or name not in coverage:
            continue
        usual = median(history)
        share = float(coverage[name])
        if share < policy.coverage_drop * usual:
            problems.append(
                f"{name} coverage dropped to {share:.0%} from a median of {usual:.0%}"
                f" over the last {len(history)} healthy runs (layout change?)"
            )
    return problems
