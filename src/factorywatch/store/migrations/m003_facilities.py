"""Canonical facilities across documents, and the analyst judgements that steer them.

Every named facility found in a document (``doc_facilities``) belongs to one canonical
facility (``facility_members``). Canonical ids are stable: a re-resolution keeps the id of
the earlier facility that most of a new cluster's members belonged to, so links, exports
and judgements that name an id survive re-ingest, re-extraction and new documents.

``judgements`` is append-only (merge / split / not-same, as nomenklatura keeps them): each
row records the ids it named and the name keys those ids stood for at the time, so it can be
applied again on every later run, and automatic resolution never undoes it.
``possible_matches`` holds the pairs scored between the two thresholds, for review.
"""

NAME = "canonical facilities and judgements"

SQL = """
CREATE TABLE facilities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    province TEXT,
    locality TEXT,
    place_source TEXT,
    reports INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX facilities_province ON facilities (province);
CREATE INDEX facilities_kind ON facilities (kind);

CREATE TABLE facility_members (
    document INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    facility TEXT NOT NULL REFERENCES facilities (id),
    PRIMARY KEY (document, idx),
    FOREIGN KEY (document, idx) REFERENCES doc_facilities (document, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX facility_members_facility ON facility_members (facility);

CREATE TABLE judgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split', 'not-same')),
    a TEXT NOT NULL,
    b TEXT,
    name TEXT,
    keys_a TEXT NOT NULL DEFAULT '[]',
    keys_b TEXT NOT NULL DEFAULT '[]',
    author TEXT,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE TRIGGER judgements_append_only_update BEFORE UPDATE ON judgements
BEGIN
    SELECT RAISE(ABORT, 'judgements are append-only');
END;
CREATE TRIGGER judgements_append_only_delete BEFORE DELETE ON judgements
BEGIN
    SELECT RAISE(ABORT, 'judgements are append-only');
END;

CREATE TABLE possible_matches (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    score REAL NOT NULL,
    reasons TEXT NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
"""
