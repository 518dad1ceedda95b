"""Extraction: from one article text to facilities, places, dates, events, claims.

``extract(document)`` runs the default pipeline; every step is a pure function of the
document, so batches can run in a process pool unchanged.
"""
