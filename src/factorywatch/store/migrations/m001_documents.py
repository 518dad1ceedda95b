"""Documents, deduplicated by content hash, and their full-text index.

The FTS5 table is external-content (it indexes ``documents`` without a second copy of the
text) and is kept in sync by triggers, so every writer gets the index for free.
``remove_diacritics 2`` makes "Pyŏngyang" find "Pyongyang".
"""

NAME = "documents"

SQL = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT,
    title TEXT,
    outlet TEXT,
    url TEXT,
    published TEXT,
    language TEXT,
    source TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents (doc_id);
CREATE INDEX documents_outlet ON documents (outlet, published);
CREATE INDEX documents_published ON documents (published);

CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
"""
