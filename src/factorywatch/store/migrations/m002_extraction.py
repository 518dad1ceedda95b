"""Extraction results per document, one table per kind of record in ``model.Analysis``.

Rows are keyed by (document, idx), ``idx`` being the record's position in its tuple, so
the cross references of the model (a mention's facility, a contradiction's claims) stay
plain indexes. Only offsets anchor text; ``surface`` on mentions is a convenience copy of
``text[start:end]`` for queries over names. Deleting a document cascades to its results.
"""

NAME = "extraction results"

SQL = """
ALTER TABLE documents ADD COLUMN side TEXT;
ALTER TABLE documents ADD COLUMN extracted_at TEXT;
ALTER TABLE documents ADD COLUMN extractor_version TEXT;

CREATE TABLE doc_facilities (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    named INTEGER NOT NULL,
    province TEXT,
    locality TEXT,
    place_source TEXT,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;
CREATE INDEX doc_facilities_slug ON doc_facilities (slug);
CREATE INDEX doc_facilities_kind ON doc_facilities (kind);
CREATE INDEX doc_facilities_province ON doc_facilities (province);

CREATE TABLE doc_mentions (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    facility INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    surface TEXT NOT NULL,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;
CREATE INDEX doc_mentions_surface ON doc_mentions (surface);

CREATE TABLE doc_places (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    province TEXT,
    locality TEXT,
    gazetteer_id TEXT,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;

CREATE TABLE doc_dates (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    value TEXT,
    precision TEXT,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;

CREATE TABLE doc_entities (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;

CREATE TABLE doc_events (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    facility INTEGER,
    date TEXT,
    date_precision TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    trigger_start INTEGER,
    trigger_end INTEGER,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;
CREATE INDEX doc_events_type ON doc_events (type);

CREATE TABLE doc_claims (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    facility INTEGER NOT NULL,
    side TEXT NOT NULL,
    polarity TEXT NOT NULL,
    source TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;

CREATE TABLE doc_contradictions (
    document INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    facility INTEGER NOT NULL,
    official INTEGER NOT NULL,
    independent INTEGER NOT NULL,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;
"""
