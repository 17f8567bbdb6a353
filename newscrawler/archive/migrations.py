"""The archive's schema, as a sqlite-utils migration set; later schema changes are appended."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

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
