"""The name keys each canonical facility stood for at the last resolution.

Re-extraction replaces a document's ``doc_facilities`` rows, and with them (by cascade) its
``facility_members`` rows, so after ``reextract`` nothing would remember which canonical
facility a name belonged to. This table does: it maps each resolution node (a name key in
a province, as the matcher groups names) to the facility that held it, so a re-resolution
keeps every id whatever was re-extracted, and analysts can name a facility by any of its
names. ``source`` is set only for a generic name ("Machine Factory"), which the matcher
keeps apart per document facility (content hash prefix and index). The table is rewritten
whole by each resolution, together with ``facilities``.
"""

NAME = "facility name keys"

SQL = """
CREATE TABLE facility_keys (
    key TEXT NOT NULL,
    province TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    facility TEXT NOT NULL,
    PRIMARY KEY (key, province, source)
) WITHOUT ROWID;
CREATE INDEX facility_keys_facility ON facility_keys (facility);
"""
