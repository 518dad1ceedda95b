"""Indexes and a summary table for the corpus views (facility lists, dossiers, timelines).

Those views start from a canonical facility's members, ``(document, idx)`` of
``doc_facilities``, and look up the events and claims of each member and its document's
date. The covering indexes below answer those lookups without reading the large rows of
``documents`` (their text) or of the record tables.

``facility_summary`` holds, per facility, what a list needs and what would otherwise take a
pass over every event and claim of the corpus per request: status as last reported, latest
event, and the claims that make it contradicted. It is derived data, rebuilt by
``Store.refresh_facility_summary``; ``corpus_version`` counts changes to facility membership
(every resolution and re-extraction changes it, through the triggers below), so a summary
built at another version is known to be stale and is not used.
"""

NAME = "corpus view indexes and facility summary"

SQL = """
CREATE INDEX doc_events_facility ON doc_events (document, facility, type, date);
CREATE INDEX doc_claims_facility ON doc_claims (document, facility, side, polarity);
CREATE INDEX documents_id_published ON documents (id, published, side);
CREATE INDEX doc_facilities_name_nocase ON doc_facilities (name COLLATE NOCASE);
CREATE INDEX doc_mentions_surface_nocase ON doc_mentions (surface COLLATE NOCASE) WHERE kind = 'name';
CREATE INDEX facilities_name_nocase ON facilities (name COLLATE NOCASE);
CREATE INDEX facilities_reports ON facilities (reports DESC, id);

CREATE TABLE corpus_version (
    id INTEGER PRIMARY KEY CHECK (id = 0),
    n INTEGER NOT NULL
);
INSERT INTO corpus_version (id, n) VALUES (0, 0);
CREATE TRIGGER facility_members_insert_version AFTER INSERT ON facility_members BEGIN
    UPDATE corpus_version SET n = n + 1;
END;
CREATE TRIGGER facility_members_delete_version AFTER DELETE ON facility_members BEGIN
    UPDATE corpus_version SET n = n + 1;
END;
CREATE TRIGGER documents_published_version AFTER UPDATE OF published ON documents
WHEN old.published IS NOT new.published BEGIN
    UPDATE corpus_version SET n = n + 1;
END;

CREATE TABLE facility_summary (
    facility TEXT PRIMARY KEY,
    status TEXT,
    status_date TEXT,
    last_event TEXT,
    official_positive INTEGER NOT NULL,
    independent_negative INTEGER NOT NULL,
    official_date TEXT,
    independent_date TEXT
) WITHOUT ROWID;

CREATE TABLE facility_summary_state (
    id INTEGER PRIMARY KEY CHECK (id = 0),
    version INTEGER NOT NULL,
    rules TEXT NOT NULL
);
"""
