"""Deterministic synthetic archive articles (`--generate N`), built lazily one post at a time."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from newscrawler.items import LAYOUT_ARCHIVE
from newscrawler.snapshot.common import DAMASCUS, excerpt
from newscrawler.snapshot.content import CheckAlso, ContentArticle

FIRST_GENERATED_POST_ID = 600_001
# Generated posts follow the newest hand-written one, one an hour whatever N is, so that
# `--generate N+K` serves the same first N posts plus K newer ones (an incremental crawl's
# "new articles"); 10,000 posts reach May 2026.
GENERATED_START = datetime(2025, 3, 10, 8, 0, tzinfo=DAMASCUS)
POST_INTERVAL = timedelta(hours=1)
CHECK_ALSO_LOOKBACK = 40

PLACES = (
    "Damascus", "DAMASCUS", "Aleppo", "Homs", "Hama", "Idleb", "Idlib", "Lattakia", "Latakia",
    "Tartous", "Tartus", "Deir Ezzor", "Deir ez-Zor", "Hasaka", "Hasakah", "Sweida", "Suwayda",
    "Quneitra", "Daraa", "Palmyra", "Provinces", "Capitals", "Damascus/Homs", "Moscow", "Beijing",
    "Tehran", "Cairo", "New York", "Geneva",
)  # fmt: skip
DATELINE_FORMS = (
    "{place}, SANA – ",
    "{place}, SANA-",
    "{place}, SANA- ",
    "{place}, SANA–",
    "{place}, SANA_",
    "{place},SANA – ",
    "{place}, (SANA) – ",
    "{place} , SANA – ",
    "{place}. SANA – ",
    "{place}, SANA –\u00a0",
)
SUBJECTS = (
    "The Ministry of Health", "The Governor", "A delegation of farmers", "The local council",
    "Officials of the water company", "The Syrian Red Crescent",
    "Engineers of the electricity board", "The Chamber of Industry",
    "Members of the teachers' union", "The provincial education directorate",
    "A group of volunteers", "The Ministry of Tourism", "The national football team",
)  # fmt: skip
ACTIONS = (
    "announced the completion of", "opened", "discussed plans for", "reviewed progress on",
    "launched a campaign to support", "inspected", "signed an agreement on",
    "called for speeding up", "held a meeting about", "presented a report on",
)  # fmt: skip
OBJECTS = (
    "the rehabilitation of the old market", "a new water station", "the wheat harvest season",
    "the restoration of two schools", "the main bakery in the city", "the repair of the power grid",
    "a vaccination drive for children", "the national book fair", "a road linking three villages",
    "the reopening of the industrial zone", "the olive oil export season",
    "a youth chess tournament",
)  # fmt: skip
DETAILS = (
    "according to a statement issued on the same day",
    "with the participation of local residents",
    "within the plan set for the current year",
    "in cooperation with several civil society groups",
    "after months of preparation",
    "as part of the recovery programme",
    "at a total cost that was not disclosed",
)
QUOTES = (
    "the work would continue until every household benefits",
    "the project reflects the determination of the people to rebuild",
    "the next stage starts before the end of the month",
    "coordination between the departments made the progress possible",
)
SPEAKERS = ("the director", "the minister", "a spokesman", "the head of the committee")
HEADINGS = (
    "Figures from the field",
    "Next steps announced",
    "A second phase is planned",
    "Residents welcome the move",
)
TITLE_PREFIXES = ("", "", "", "", "", "", "Updated-", "Update-", "Updated - ")
TITLE_SUFFIXES = ("", "", "", "", "", "", "-Video", " (photos)", ", Photos", " – Photo Report")
EDITOR_TAGS = (
    "Hala Zain",
    "Manar al-Freih /Mazen/ Hazem Sabbagh",
    "H. Zain",
    "R.J",
    "Gh.A.Hassoun",
    "Rasha Milhem/ Mazen",
    "Bushra Hilal / Baraa Ali",
    "Manal",
    "Rafah Allouch/",
)
TAGS = (
    "Syria", "Aleppo", "Damascus", "Economy", "Health", "Education", "Reconstruction",
    "Agriculture", "Electricity", "Culture", "Sport", "Tourism", "Water", "Industry",
)  # fmt: skip


@dataclass(frozen=True)
class GeneratedMeta:
    """What listings need to know about a generated post, without building its body."""

    post_id: int
    published: str
    category_id: int
    tags: tuple[str, ...]


class GeneratedArchive:
    """`count` synthetic archive posts with ids from `FIRST_GENERATED_POST_ID`, newest last.

    A post depends on its index and the seed only, never on `count`.
    """

    def __init__(self, count: int, category_ids: Sequence[int], seed: int = 2017) -> None:
        if count < 0:
            raise ValueError("the number of generated articles cannot be negative")
        self.count = count
        self.category_ids = tuple(sorted(category_ids))
        self.seed = seed
        self.post_ids = range(FIRST_GENERATED_POST_ID, FIRST_GENERATED_POST_ID + count)
        self.article = lru_cache(maxsize=2048)(self._build_article)

    def __contains__(self, post_id: object) -> bool:
        return post_id in self.post_ids

    def meta(self, post_id: int) -> GeneratedMeta:
        index = post_id - FIRST_GENERATED_POST_ID
        rng = random.Random(f"{self.seed}:{index}:meta")
        # Jitter stays below one step so that publication order is post id order, as on WordPress.
        moment = GENERATED_START + POST_INTERVAL * (index + 0.9 * rng.random())
        return GeneratedMeta(
            post_id=post_id,
            published=moment.replace(microsecond=0).isoformat(),
            category_id=rng.choice(self.category_ids),
            tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
        )

    def modified(self, post_id: int) -> str:
        """The post's `article:modified_time`, without building its body (for sitemaps)."""
        return self._modified(self.meta(post_id), self._title_rng(post_id))

    def _title_rng(self, post_id: int) -> random.Random:
        return random.Random(f"{self.seed}:{post_id - FIRST_GENERATED_POST_ID}:title")

    @staticmethod
    def _modified(meta: GeneratedMeta, rng: random.Random) -> str:
        # The stream's first draw; the title is drawn from it next.
        published = datetime.fromisoformat(meta.published)
        return (published + timedelta(minutes=rng.choice((0, 0, 7, 25, 90)))).isoformat()

    def _build_article(self, post_id: int) -> ContentArticle:
        meta = self.meta(post_id)
        rng = self._title_rng(post_id)
        modified = self._modified(meta, rng)
        published = datetime.fromisoformat(meta.published)
        return ContentArticle(
            post_id=post_id,
            layout=LAYOUT_ARCHIVE,
            title=_title(rng),
            published=meta.published,
            modified=modified,
            body_html=self._body_html(post_id),
            category_ids=(meta.category_id,),
            tags=meta.tags,
            featured_image=f"{published:%Y/%m}/generated-{post_id}.jpg",
            check_also=self._check_also(meta),
        )

    def _body_html(self, post_id: int) -> str:
        """Built from its own random stream, so a teaser never needs the rest of its article."""
        return _body_html(random.Random(f"{self.seed}:{post_id - FIRST_GENERATED_POST_ID}:body"))

    def _check_also(self, meta: GeneratedMeta) -> CheckAlso | None:
        """The nearest earlier post of the same category, as the theme fills the box."""
        first = max(FIRST_GENERATED_POST_ID, meta.post_id - CHECK_ALSO_LOOKBACK)
        for earlier_id in range(meta.post_id - 1, first - 1, -1):
            if self.meta(earlier_id).category_id == meta.category_id:
                teaser = excerpt(self._body_html(earlier_id), words=22)
                return CheckAlso(post_id=earlier_id, teaser=teaser)
        return None


def _title(rng: random.Random) -> str:
    core = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
    where = rng.choice(("", f" in {rng.choice(PLACES[:22]).title()}"))
    return f"{rng.choice(TITLE_PREFIXES)}{core}{where}{rng.choice(TITLE_SUFFIXES)}"


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return f"“{rng.choice(QUOTES).capitalize()},” {rng.choice(SPEAKERS)} said."
    clause = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
    return f"{clause}, {rng.choice(DETAILS)}."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


def _body_html(rng: random.Random) -> str:
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.95:
        dateline = rng.choice(DATELINE_FORMS).format(place=rng.choice(PLACES))
        paragraphs[0] = dateline + paragraphs[0]
    blocks = [f"<p>{text}</p>" for text in paragraphs]
    if rng.random() < 0.3:
        blocks.insert(
            rng.randint(2, len(blocks)), f"<p><strong>{rng.choice(HEADINGS)}</strong></p>"
        )
    if rng.random() < 0.85:
        blocks.append(f"<p>{rng.choice(EDITOR_TAGS)}</p>")
    return "\n".join(blocks)
