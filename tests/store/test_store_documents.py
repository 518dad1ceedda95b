"""Documents in and out of the store: deduplication, lookups, listing filters, round trips."""

from __future__ import annotations

import pytest
from conftest import document as doc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factorywatch.errors import NotFound, UsageError
from factorywatch.model import Document
from factorywatch.store import Store


@pytest.fixture
def listed(store: Store) -> Store:
    rows = [
        ("k1", "KCNA", "2023-12-24"),
        ("k2", "KCNA", "2024-03-02"),
        ("k3", "KCNA", "2024"),
        ("d1", "Daily NK", "2024-03-15"),
        ("d2", "Daily NK", "2024-05"),
        ("r1", "RFA", None),
    ]
    with store.transaction():
        for doc_id, outlet, published in rows:
            store.add_document(doc(f"Text of {doc_id}.", id=doc_id, outlet=outlet, published=published))
    return store


def test_same_content_is_stored_once(store: Store) -> None:
    first = store.add_document(doc("The Ryongsong Machine Complex met its quota.", id="a"))
    again = store.add_document(doc("The Ryongsong Machine Complex met its quota.", id="b"))
    assert first is not None and again is None
    assert store.count_documents() == 1
    assert store.stored_hashes({doc("The Ryongsong Machine Complex met its quota.").content_hash, "x"}) == {
        doc("The Ryongsong Machine Complex met its quota.").content_hash
    }


def test_a_document_without_hash_is_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError, match="content_hash"):
        store.add_document(Document(text="no hash"))


def test_document_by_input_id_or_integer_id(store: Store) -> None:
    rowid = store.add_document(doc("Kanggye Tractor Plant.", id="kcna-1", outlet="KCNA", title="Tractors"))
    assert store.document("kcna-1").info.id == rowid
    assert rowid is not None and store.document(rowid).info.doc_id == "kcna-1"
    by_int = store.document(str(rowid))
    assert by_int.info.doc_id == "kcna-1" and by_int.info.title == "Tractors"
    assert by_int.text == "Kanggye Tractor Plant."


@pytest.mark.parametrize("ref", ["nope", "999", "0", 999, "\u0661"])  # ARABIC-INDIC DIGIT ONE: not an id
def test_an_unknown_document_is_not_found(store: Store, ref: str | int) -> None:
    store.add_document(doc("Something.", id="x"))
    with pytest.raises(NotFound):
        store.document(ref)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["d2", "d1", "k2", "k3", "k1", "r1"]),
        ({"outlet": "kcna"}, ["k2", "k3", "k1"]),
        ({"outlet": "Daily NK"}, ["d2", "d1"]),
        ({"since": "2024-03"}, ["d2", "d1", "k2"]),
        ({"since": "2024-03-10"}, ["d2", "d1"]),
        ({"until": "2024-03"}, ["d1", "k2", "k3", "k1"]),
        ({"until": "2023"}, ["k1"]),
        ({"since": "2024", "until": "2024-03-05"}, ["k2", "k3"]),
        ({"limit": 2}, ["d2", "d1"]),
        ({"limit": None}, ["d2", "d1", "k2", "k3", "k1", "r1"]),
    ],
)
def test_listing_filters(listed: Store, filters: dict, expected: list[str]) -> None:
    assert [i.doc_id for i in listed.documents(**filters)] == expected


@pytest.mark.parametrize("bad", [{"since": "March 2024"}, {"until": "24-03-01"}, {"limit": -1}])
def test_bad_listing_filters_are_usage_errors(listed: Store, bad: dict) -> None:
    with pytest.raises(UsageError):
        listed.documents(**bad)


def test_document_batches_page_through_everything(listed: Store) -> None:
    pages = list(listed.document_batches(4))
    assert [len(p) for p in pages] == [4, 2]
    ids = [doc.id for page in pages for _, doc in page]
    assert sorted(ids) == ["d1", "d2", "k1", "k2", "k3", "r1"]
    assert all(d.content_hash for page in pages for _, d in page)


optional = st.none() | st.text(max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), doc_id=optional, title=optional, outlet=optional, url=optional)
def test_any_text_reads_back_identical(
    store: Store, text: str, doc_id: str | None, title: str | None, outlet: str | None, url: str | None
) -> None:
    # st.text() never yields lone surrogates (not encodable, so not storable as text); it
    # does yield NULs, combining marks, astral characters and every line separator.
    d = doc(text, id=doc_id, title=title, outlet=outlet, url=url, published="2024-01-02", source="x.jsonl:3")
    rowid = store.add_document(d)
    if rowid is None:  # this exact text came up in an earlier example
        rowid = next(i.id for i in store.documents(limit=None) if i.content_hash == d.content_hash)
        d = store.document(rowid).to_document()
    back = store.document(rowid)
    assert back.text == text
    assert back.to_document() == d
