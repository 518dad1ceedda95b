"""Indexes for the corpus views (dossiers, facility lists, timelines, contradictions).

Those views start from a canonical facility's members, ``(document, idx)`` of
``doc_facilities``, and look up the events and claims of that member: an index on
``(document, facility)`` finds them without scanning the document's other records. Name
lookups (``factorywatch show NAME``) compare names case-insensitively, hence the
``NOCASE`` indexes; the facility list sorts by reports.
"""

NAME = "corpus view indexes"

SQL = """
CREATE INDEX doc_events_facility ON doc_events (document, facility);
CREATE INDEX doc_claims_facility ON doc_claims (document, facility);
CREATE INDEX doc_facilities_name_nocase ON doc_facilities (name COLLATE NOCASE);
CREATE INDEX doc_mentions_surface_nocase ON doc_mentions (surface COLLATE NOCASE) WHERE kind = 'name';
CREATE INDEX facilities_name_nocase ON facilities (name COLLATE NOCASE);
CREATE INDEX facilities_reports ON facilities (reports DESC, id);
"""
