"""The archive's schema, as a sqlite-utils migration set; later schema changes are appended."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from newscrawler.archive.rows import search_text

migrations = Migrations("newscrawler")

_INITIAL_SCHEMA = """
CREATE TABLE articles (
    url TEXT PRIMARY KEY,
    post_id INTEGER,
    site TEXT,
    edition TEXT,
    layout TEXT,
    title TEXT,
    title_raw TEXT,
    updated INTEGER NOT NULL DEFAULT 0,
    media TEXT,
    published TEXT,
    modified TEXT,
    published_local TEXT,
    dateline_raw TEXT,
    dateline_place TEXT,
    dateline_agency TEXT,
    dateline_date TEXT,
    editor_tags_raw TEXT,
    editor_tags TEXT,
    byline_raw TEXT,
    authors TEXT,
    subheadings TEXT,
    body TEXT,
    categories TEXT,
    tags TEXT,
    images TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    revision INTEGER NOT NULL
);
CREATE INDEX idx_articles_post_id ON articles (post_id);
CREATE INDEX idx_articles_dateline_place ON articles (dateline_place);
CREATE INDEX idx_articles_published ON articles (published);

-- External-content FTS in the shape sqlite-utils' enable_fts() makes, so that Datasette and
-- `sqlite-utils disable-fts` recognise it.
CREATE VIRTUAL TABLE articles_fts USING FTS5 (title, body, content="articles");
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
END;
-- Only on title/body updates: re-seeing an unchanged article touches last_seen alone, and
-- re-indexing it every time would be wasted work.
CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

CREATE TABLE links (
    from_url TEXT NOT NULL REFERENCES articles (url),
    to_url TEXT NOT NULL,
    kind TEXT NOT NULL,
    anchor_text TEXT,
    teaser TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (from_url, to_url, kind)
);
CREATE INDEX idx_links_to_url ON links (to_url);

CREATE TABLE article_urls (
    url TEXT PRIMARY KEY,
    article_url TEXT NOT NULL REFERENCES articles (url),
    redirected_to TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX idx_article_urls_article_url ON article_urls (article_url);

CREATE TABLE revisions (
    article_url TEXT NOT NULL REFERENCES articles (url),
    revision INTEGER NOT NULL,
    captured TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    row TEXT NOT NULL,
    PRIMARY KEY (article_url, revision)
);

CREATE TABLE crawl_runs (
    id INTEGER PRIMARY KEY,
    spider TEXT NOT NULL,
    args TEXT,
    started TEXT NOT NULL,
    finished TEXT,
    finish_reason TEXT,
    requests INTEGER,
    pages_fetched INTEGER,
    article_pages INTEGER,
    articles_new INTEGER,
    articles_changed INTEGER,
    articles_unchanged INTEGER,
    failures INTEGER,
    field_coverage TEXT
);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES crawl_runs (id),
    url TEXT NOT NULL,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    time TEXT NOT NULL,
    raw BLOB,
    raw_size INTEGER
);
CREATE INDEX idx_failures_run_id ON failures (run_id);
CREATE INDEX idx_failures_url ON failures (url);
"""


@migrations(name="m001_initial_schema")
def m001_initial_schema(db: Database) -> None:
    db.executescript(_INITIAL_SCHEMA)


# Where the raw response of each state lives in the WARC captures (file relative to the WARC
# folder, byte offset of the response record, its WARC-Record-ID), so it can be re-parsed.
_WARC_CAPTURE_COLUMNS = (
    ("warc_file", "TEXT"),
    ("warc_offset", "INTEGER"),
    ("warc_record_id", "TEXT"),
)


@migrations(name="m002_warc_captures")
def m002_warc_captures(db: Database) -> None:
    # One execute per statement (not executescript, which commits): all columns or none.
    for table in ("articles", "revisions"):
        for column, column_type in _WARC_CAPTURE_COLUMNS:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {column_type}")


# People and places (archive/people.py, archive/places.py): one `staff` row per person, however
# the editor tags spell them; the gazetteer `places`, keyed by the canonical dateline spelling;
# `article_places` splits multi-place datelines (`Hama/Idleb` → Hama, Idleb); a view joins them
# with coordinates for the map.
_PEOPLE_AND_PLACES_STATEMENTS = (
    """CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        variants TEXT NOT NULL DEFAULT '[]'
    )""",
    """CREATE TABLE article_staff (
        article_url TEXT NOT NULL REFERENCES articles (url),
        staff_id INTEGER NOT NULL REFERENCES staff (id),
        position INTEGER NOT NULL,
        name_as_written TEXT NOT NULL,
        PRIMARY KEY (article_url, position)
    )""",
    "CREATE INDEX idx_article_staff_staff_id ON article_staff (staff_id, article_url)",
    """CREATE TABLE places (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        country TEXT,
        latitude REAL,
        longitude REAL
    )""",
    """CREATE TABLE article_places (
        article_url TEXT NOT NULL REFERENCES articles (url),
        position INTEGER NOT NULL,
        place TEXT NOT NULL,
        PRIMARY KEY (article_url, position)
    )""",
    "CREATE INDEX idx_article_places_place ON article_places (place, article_url)",
    # The articles archived before this migration: split their datelines once, here.
    """INSERT INTO article_places (article_url, position, place)
    WITH RECURSIVE parts (article_url, position, place, rest) AS (
        SELECT url, 0, NULL, dateline_place || '/' FROM articles
        WHERE dateline_place IS NOT NULL
        UNION ALL
        SELECT article_url, position + 1,
            trim(substr(rest, 1, instr(rest, '/') - 1)), substr(rest, instr(rest, '/') + 1)
        FROM parts WHERE rest <> ''
    )
    SELECT article_url, position, place FROM parts WHERE position > 0 AND place <> ''""",
    """CREATE VIEW articles_with_places AS
    SELECT articles.url, articles.title, articles.published, articles.dateline_place,
        article_places.place, places.kind, places.country, places.latitude, places.longitude
    FROM article_places
    JOIN articles ON articles.url = article_places.article_url
    JOIN places ON places.name = article_places.place
    WHERE places.latitude IS NOT NULL""",
)


@migrations(name="m003_people_and_places")
def m003_people_and_places(db: Database) -> None:
    # One execute per statement (executescript would commit): all of it or none.
    for statement in _PEOPLE_AND_PLACES_STATEMENTS:
        db.execute(statement)


# Re-checks (archive/recheck.py): when an article's page was last asked for, saved or answered
# 304, and the page's HTTP validators (`ETag`, `Last-Modified`) for conditional requests.
_RECHECK_STATEMENTS = (
    "ALTER TABLE articles ADD COLUMN last_checked TEXT",
    "ALTER TABLE articles ADD COLUMN etag TEXT",
    "ALTER TABLE articles ADD COLUMN last_modified TEXT",
    "UPDATE articles SET last_checked = last_seen",
)


@migrations(name="m004_recheck_validators")
def m004_recheck_validators(db: Database) -> None:
    for statement in _RECHECK_STATEMENTS:
        db.execute(statement)


# Run health (newscrawler/health.py): `healthy` is 1/0 once the run closed, NULL while it runs
# or when it was killed; `health_problems` is the JSON list of causes.
_RUN_HEALTH_COLUMNS = """
ALTER TABLE crawl_runs ADD COLUMN requests_per_new_article REAL;
ALTER TABLE crawl_runs ADD COLUMN healthy INTEGER;
ALTER TABLE crawl_runs ADD COLUMN health_problems TEXT;
CREATE INDEX idx_crawl_runs_spider ON crawl_runs (spider, id);
"""


@migrations(name="m005_run_health")
def m005_run_health(db: Database) -> None:
    db.executescript(_RUN_HEALTH_COLUMNS)


# `update_of` matching (archive/updates.py): the casefolded title, indexed with `published`, so
# finding a story's same-title neighbours is one index range instead of reading 3 days of rows.
# Casefolded in Python: SQLite's lower() folds ASCII only.
_TITLE_KEY_INDEX = "CREATE INDEX idx_articles_title_key ON articles (title_key, published)"


@migrations(name="m006_title_key")
def m006_title_key(db: Database) -> None:
    db.execute("ALTER TABLE articles ADD COLUMN title_key TEXT")
    titles = db.execute("SELECT rowid, title FROM articles WHERE title IS NOT NULL").fetchall()
    db.conn.executemany(
        "UPDATE articles SET title_key = ? WHERE rowid = ?",
        [(title.casefold(), rowid) for rowid, title in titles],
    )
    db.execute(_TITLE_KEY_INDEX)


# FTS5 writes its pending terms out as a new index segment whenever a savepoint opens, and
# every save runs in a savepoint, so indexing row by row left one segment per article to be
# merged again and again: a fifth of each save's time. Saves now only queue the article's rowid;
# `Archive.flush()` indexes the whole batch in one statement, outside any savepoint, before it
# commits (store.py `_INDEX_QUEUED`). The delete of a row's old terms stays immediate, except
# for a row still waiting in the queue, whose terms were never indexed.
_SEARCH_QUEUE: tuple[str, ...] = (
    "CREATE TABLE search_index_queue (article_rowid INTEGER PRIMARY KEY)",
    "DROP TRIGGER articles_ai",
    "DROP TRIGGER articles_au",
    "DROP TRIGGER articles_ad",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO search_index_queue (article_rowid) VALUES (new.rowid);
END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body
        WHERE NOT EXISTS (SELECT 1 FROM search_index_queue WHERE article_rowid = old.rowid);
    INSERT OR IGNORE INTO search_index_queue (article_rowid) VALUES (new.rowid);
END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body
        WHERE NOT EXISTS (SELECT 1 FROM search_index_queue WHERE article_rowid = old.rowid);
    DELETE FROM search_index_queue WHERE article_rowid = old.rowid;
END""",
)


@migrations(name="m007_search_index_queue")
def m007_search_index_queue(db: Database) -> None:
    for statement in _SEARCH_QUEUE:
        db.execute(statement)


# Flagged articles (normalize/article.py): the JSON list of article-level problems the
# normalizer found (text swallowed by broken markup, a body that disagrees with the page's own
# articleBody, an implausible title). `[]` when the article is clean; NULL for rows archived
# before this migration, which were never judged.
@migrations(name="m008_article_problems")
def m008_article_problems(db: Database) -> None:
    db.execute("ALTER TABLE articles ADD COLUMN problems TEXT")


# Bounds (issue 10): a failure keeps at most ARCHIVE_FAILURE_RAW_MAX bytes of its page in
# `raw`, with the full page's size (`raw_size`, as before) and SHA-256; a run keeps why its
# listing walks stopped and which ceilings it hit (`stop_reasons`, JSON).
_BOUNDS_COLUMNS = (
    "ALTER TABLE failures ADD COLUMN raw_sha256 TEXT",
    "ALTER TABLE crawl_runs ADD COLUMN stop_reasons TEXT",
)


@migrations(name="m009_bounds")
def m009_bounds(db: Database) -> None:
    for statement in _BOUNDS_COLUMNS:
        db.execute(statement)


# Takedowns (archive/removals.py) and known-bad pages (archive/backoff.py). `articles.removed_at`
# is the time the open removal was first missed (NULL while the article is online); `removals`
# keeps every removal, closed by `restored_at` when the article answers again. `bad_pages` are
# pages that failed for good (never archived), with the backoff time of their next retry.
_TAKEDOWNS_AND_BAD_PAGES = """
ALTER TABLE articles ADD COLUMN removed_at TEXT;
CREATE TABLE removals (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL REFERENCES articles (url),
    status INTEGER NOT NULL,
    missing_since TEXT NOT NULL,
    last_missed TEXT NOT NULL,
    restored_at TEXT
);
CREATE INDEX idx_removals_url ON removals (url, restored_at);
CREATE INDEX idx_articles_removed_at ON articles (removed_at);
CREATE TABLE bad_pages (
    url TEXT PRIMARY KEY,
    stage TEXT NOT NULL,
    reason TEXT NOT NULL,
    failures INTEGER NOT NULL,
    first_failed TEXT NOT NULL,
    last_failed TEXT NOT NULL,
    retry_after TEXT NOT NULL
);
"""


@migrations(name="m010_takedowns_and_bad_pages")
def m010_takedowns_and_bad_pages(db: Database) -> None:
    db.executescript(_TAKEDOWNS_AND_BAD_PAGES)


# Search in publication order (figure 6): an article's rowid is its publication time in Unix
# seconds × 10⁶ plus a serial within that second (rows.py `rowid_base`, store.py), so the
# external-content full-text index, keyed by rowid, lists matches newest first. "The 50 newest
# matches" and "the best of the newest N" then read a few thousand index entries however
# common the word, where sorting every match by `published` took a second on a million
# articles. Tools that join the index on rowid (Datasette, sqlite-utils) stay right. This
# migration renumbers the rows already archived and rebuilds the index (minutes on a million
# articles): first out of the way to negative rowids, so no two rows ever share one.
_ROWIDS_IN_PUBLICATION_ORDER: tuple[str, ...] = (
    "UPDATE articles SET rowid = -rowid",
    """WITH keyed AS (
    SELECT rowid AS old,
        coalesce(CAST(strftime('%s', published) AS INTEGER), 0) * 1000000
        + row_number() OVER (
            PARTITION BY coalesce(CAST(strftime('%s', published) AS INTEGER), 0)
            ORDER BY rowid DESC
        ) - 1 AS new
    FROM articles
)
UPDATE articles SET rowid = keyed.new FROM keyed WHERE articles.rowid = keyed.old""",
    "DELETE FROM search_index_queue",
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
)


@migrations(name="m011_rowids_in_publication_order")
def m011_rowids_in_publication_order(db: Database) -> None:
    for statement in _ROWIDS_IN_PUBLICATION_ORDER:
        db.execute(statement)


# Facets by person (issue 11): `articles.staff` is the JSON list of the people the editor tags
# name, under their canonical names (people.py keeps it with `article_staff`), so that one
# person spelt two ways is one facet value.
_STAFF_COLUMN: tuple[str, ...] = (
    "ALTER TABLE articles ADD COLUMN staff TEXT",
    """UPDATE articles SET staff = (
    SELECT json_group_array(name) FROM (
        SELECT staff.name AS name, min(article_staff.position) AS first
        FROM article_staff JOIN staff ON staff.id = article_staff.staff_id
        WHERE article_staff.article_url = articles.url
        GROUP BY staff.name
        ORDER BY first
    )
)""",
)


@migrations(name="m012_articles_staff")
def m012_articles_staff(db: Database) -> None:
    for statement in _STAFF_COLUMN:
        db.execute(statement)


# Editions (issue 12): `articles.language` is the language of the article's edition (its site
# profile's `language`: `en`, `ar`, `fr` …). Every row archived before this migration is of the
# English edition, the only one crawled until then.
_LANGUAGE_COLUMN: tuple[str, ...] = (
    "ALTER TABLE articles ADD COLUMN language TEXT",
    "UPDATE articles SET language = 'en'",
    "CREATE INDEX idx_articles_edition ON articles (edition)",
)


@migrations(name="m013_articles_language")
def m013_articles_language(db: Database) -> None:
    for statement in _LANGUAGE_COLUMN:
        db.execute(statement)


# The gazetteer's names of each place in the editions' languages (archive/places.py), so the
# map and the places query show `دمشق` or `Damas` beside `Damascus`; filled from places.csv
# each time the archive is opened.
_PLACE_NAME_COLUMNS = tuple(
    f"ALTER TABLE places ADD COLUMN name_{language} TEXT"
    for language in ("ar", "fr", "es", "ru", "tr", "fa", "he")
)


@migrations(name="m014_place_names")
def m014_place_names(db: Database) -> None:
    for statement in _PLACE_NAME_COLUMNS:
        db.execute(statement)


# Arabic-aware search (issue 12; README "Arabic search"): the full-text index holds title and
# body in their search form (hamza alefs → ا, ى → ي, ة → ه, no tatweel or harakat;
# normalize/arabic.py), and queries are folded the same way (browse/plugins/arabic_search.py),
# so أحمد, احمد and أَحمد find the same articles. `title_search`/`body_search` hold the folded
# text only where it differs from `title`/`body` (rows.py `search_text`; English rows: NULL).
# The index's external content becomes a view of `coalesce(…_search, …)`, so that 'rebuild',
# 'integrity-check' and snippets read what was indexed; the triggers delete the same values.
# FTS5 in SQLite 3.40 cannot change its content table in place: the index is made anew.
_SEARCH_FORM: tuple[str, ...] = (
    "DROP TRIGGER articles_ai",
    "DROP TRIGGER articles_au",
    "DROP TRIGGER articles_ad",
    "DROP TABLE articles_fts",
    "ALTER TABLE articles ADD COLUMN title_search TEXT",
    "ALTER TABLE articles ADD COLUMN body_search TEXT",
    """UPDATE articles SET title_search = folded.title, body_search = folded.body
    FROM (
        SELECT rowid, newscrawler_search_text(title) AS title,
            newscrawler_search_text(body) AS body
        FROM articles
    ) AS folded
    WHERE articles.rowid = folded.rowid
        AND (folded.title IS NOT NULL OR folded.body IS NOT NULL)""",
    """CREATE VIEW articles_search_text AS
    SELECT rowid AS rowid, coalesce(title_search, title) AS title,
        coalesce(body_search, body) AS body
    FROM articles""",
    """CREATE VIRTUAL TABLE articles_fts USING FTS5 (
        title, body, content="articles_search_text", content_rowid="rowid"
    )""",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO search_index_queue (article_rowid) VALUES (new.rowid);
END""",
    """CREATE TRIGGER articles_au AFTER UPDATE OF title, body, title_search, body_search ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        SELECT 'delete', old.rowid, coalesce(old.title_search, old.title),
            coalesce(old.body_search, old.body)
        WHERE NOT EXISTS (SELECT 1 FROM search_index_queue WHERE article_rowid = old.rowid);
    INSERT OR IGNORE INTO search_index_queue (article_rowid) VALUES (new.rowid);
END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body)
        SELECT 'delete', old.rowid, coalesce(old.title_search, old.title),
            coalesce(old.body_search, old.body)
        WHERE NOT EXISTS (SELECT 1 FROM search_index_queue WHERE article_rowid = old.rowid);
    DELETE FROM search_index_queue WHERE article_rowid = old.rowid;
END""",
    "DELETE FROM search_index_queue",
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
)


@migrations(name="m015_arabic_search_form")
def m015_arabic_search_form(db: Database) -> None:
    db.conn.create_function("newscrawler_search_text", 1, search_text, deterministic=True)
    for statement in _SEARCH_FORM:
        db.execute(statement)


# The `<lastmod>` a sitemap gave for the article when a sitemap last led to fetching or
# checking it (UTC, ISO 8601): a later sitemap whose lastmod differs has changed the page.
@migrations(name="m016_articles_sitemap_lastmod")
def m016_articles_sitemap_lastmod(db: Database) -> None:
    db.execute("ALTER TABLE articles ADD COLUMN sitemap_lastmod TEXT")
