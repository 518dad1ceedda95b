"""read_paths over each format: the document's text, id, source and metadata.

Every article here is fiction written for these tests, in the style of the real outlets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factorywatch.errors import InputError
from factorywatch.ingest import read_paths
from factorywatch.model import Document

KCNA_TEXT = (
    "Sample Ridge Shoe Factory Overfulfils Plan\n\n"
    "Pyongyang, May 3 (KCNA) -- The Sample Ridge Shoe Factory overfulfilled its April plan by 120 percent.\n\n"
    "The workers are determined to keep up the pace.\n"
)
DAILYNK_TEXT = (
    "The Sample Ridge Shoe Factory has stood idle since March for lack of rubber, Daily NK has learned.\n\n"
    "“Nobody has been paid for two months,” a source in Kangwon Province told Daily NK on Monday.\n"
)


def docs(*paths: Path | str, **kwargs: int) -> list[Document]:
    items = list(read_paths(paths, **kwargs))
    assert all(isinstance(item, Document) for item in items), [str(i) for i in items if isinstance(i, InputError)]
    return items  # type: ignore[return-value]


def test_txt_keeps_the_text_as_read_and_finds_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "kcna.txt"
    path.write_bytes((KCNA_TEXT.replace("\n", "\r\n") + "www.kcna.kp (Juche113.5.3.)\r\n").encode())
    [doc] = docs(path)
    assert doc.text == path.read_bytes().decode()  # \r\n kept: offsets index into the text as read
    assert doc.title == "Sample Ridge Shoe Factory Overfulfils Plan"
    assert (doc.outlet, doc.published, doc.language) == ("KCNA", "2024-05-03", "en")
    assert (doc.id, doc.source, doc.url) == (str(path), str(path), None)
    assert doc.content_hash and len(doc.content_hash) == 64


def test_txt_without_a_headline_has_no_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DAILYNK_TEXT, encoding="utf-8")
    [doc] = docs(tmp_path / "a.txt")
    assert (doc.title, doc.outlet, doc.published) == (None, "Daily NK", None)


def test_jsonl_records_take_their_fields_and_ignore_others(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    records = [
        {
            "id": "dev-1",
            "url": "https://www.dailynk.com/english/x/",
            "outlet": "Daily NK",
            "published": "2019-11",
            "title": "Shoe factory idle",
            "text": DAILYNK_TEXT,
            "facilities": [{"key": "answer"}],
        },
        {"id": 7, "text": KCNA_TEXT},
        {
            "text": "A resident said the Sample Ridge market closed early.",
            "url": "https://www.rfa.org/english/2021/03/05/x.html",
        },
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    first, second, third = docs(path)
    assert (first.id, first.outlet, first.published, first.title, first.url) == (
        "dev-1",
        "Daily NK",
        "2019-11",
        "Shoe factory idle",
        "https://www.dailynk.com/english/x/",
    )
    assert first.text == DAILYNK_TEXT and first.source == f"{path}:1"
    assert (second.id, second.outlet, second.title, second.source) == ("7", "KCNA", None, f"{path}:2")
    # no id: the file's id and the line; no outlet or date: the URL's
    assert (third.id, third.outlet, third.published) == (f"{path}:3", "Radio Free Asia", "2021-03-05")


def test_record_metadata_wins_over_the_text(tmp_path: Path) -> None:
    path = tmp_path / "r.ndjson"
    path.write_text(json.dumps({"text": KCNA_TEXT, "outlet": "Naenara", "published": "April 04, 2025"}) + "\n")
    [doc] = docs(path)
    assert (doc.outlet, doc.published) == ("Naenara", "2025-04-04")


def test_json_array_of_records(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"id": "a", "text": KCNA_TEXT}, {"text": DAILYNK_TEXT}]), encoding="utf-8")
    first, second = docs(path)
    assert (first.id, first.source, first.outlet) == ("a", f"{path}#1", "KCNA")
    assert (second.id, second.source, second.outlet) == (f"{path}#2", f"{path}#2", "Daily NK")


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Sample Ridge Shoe Factory Idle | Daily NK</title>
<meta property="og:site_name" content="Daily NK English">
<meta property="og:title" content="Sample Ridge Shoe Factory Idle">
<meta property="article:published_time" content="2021-03-05T08:30:00+09:00">
<link rel="canonical" href="https://www.dailynk.com/english/sample-ridge-shoe-factory-idle/">
<script>var tracking = "do not index me";</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<aside><h3>Most read</h3><ul><li>Unrelated sidebar story</li></ul></aside>
<article><h1>Sample Ridge Shoe Factory Idle</h1>
<p>The Sample Ridge Shoe Factory in Wonsan has stood idle since March for lack of rubber, a source in Kangwon
Province told Daily NK on Monday, adding that the workers were sent to farms.</p>
<p>“Nobody has been paid for two months, and the managers only talk about the plan,” the source said.</p>
<p>Officials from the provincial party committee visited the factory last week but brought no materials.</p>
</article><footer>Copyright Daily NK. All rights reserved.</footer></body></html>"""


def test_html_article_text_and_metadata_through_trafilatura(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = docs(path)
    assert "stood idle since March for lack of rubber" in doc.text
    assert "Unrelated sidebar story" not in doc.text and "do not index me" not in doc.text
    assert "Copyright" not in doc.text
    assert doc.title == "Sample Ridge Shoe Factory Idle"
    assert doc.outlet == "Daily NK"  # the site name, as the outlet table names it
    assert doc.published == "2021-03-05"
    assert doc.url == "https://www.dailynk.com/english/sample-ridge-shoe-factory-idle/"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sample digest</title><link>https://example.org/</link>
<item><title>Sample Ridge Shoe Factory Commended</title>
<link>https://example.org/kcna/2024/05/commended</link><guid isPermaLink="false">item-1</guid>
<pubDate>Fri, 03 May 2024 01:30:00 +0900</pubDate>
<description><![CDATA[<p>Pyongyang, May 3 (KCNA) -- The Sample Ridge Shoe Factory was commended.</p>
<p>Its workers<br>rejoiced.</p>]]></description>
</item>
<item><title>Idle again</title><link>https://www.rfa.org/english/news/korea/idle.html</link>
<pubDate>Mon, 06 May 2024 09:00:00 +0900</pubDate>
<description>A resident told RFA the factory was idle again.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>NK News</title><id>urn:sample</id>
<updated>2024-05-07T10:00:00+09:00</updated>
<entry><title>Satellite images show idle factory</title><id>urn:sample:1</id>
<link href="https://www.nknews.org/2024/05/idle-factory/"/>
<published>2024-05-07T02:00:00+09:00</published><updated>2024-05-08T02:00:00+09:00</updated>
<content type="html">&lt;p&gt;Imagery reviewed by NK News shows no trucks at the Sample Ridge plant.&lt;/p&gt;</content>
<summary>short</summary></entry></feed>"""


def test_rss_items_keep_the_local_publication_day(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    first, second = docs(path)
    # 01:30 in Pyongyang is still May 2 in UTC: the raw date string keeps the local day
    assert (first.id, first.published, first.outlet, first.source) == ("item-1", "2024-05-03", "KCNA", f"{path}#1")
    assert (
        first.text
        == "Pyongyang, May 3 (KCNA) -- The Sample Ridge Shoe Factory was commended.\n\nIts workers\nrejoiced."
    )
    assert first.url == "https://example.org/kcna/2024/05/commended"
    assert (second.id, second.outlet, second.title) == (f"{path}#2", "Radio Free Asia", "Idle again")


def test_atom_entry_content_wins_over_its_summary(tmp_path: Path) -> None:
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = docs(path)
    assert doc.text == "Imagery reviewed by NK News shows no trucks at the Sample Ridge plant."
    assert (doc.id, doc.outlet, doc.published) == ("urn:sample:1", "NK News", "2024-05-07")


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "article.md"
    path.write_text(DAILYNK_TEXT, encoding="utf-8")
    [doc] = docs(path)
    assert doc.text == DAILYNK_TEXT


def test_directory_walk_reads_article_files_only(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Notes about these articles.", encoding="utf-8")
    (tmp_path / "a.txt").write_text(DAILYNK_TEXT, encoding="utf-8")
    assert [d.id for d in docs(tmp_path)] == ["a.txt"]


def test_directory_is_read_recursively_in_sorted_order_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "z.txt").write_text(DAILYNK_TEXT)
    (tmp_path / "a" / "y.txt").write_text(KCNA_TEXT)
    (tmp_path / "c.txt").write_text("A source said the Sample Ridge market reopened on Tuesday.")
    (tmp_path / ".hidden.txt").write_text("never read")
    (tmp_path / "a" / "r.jsonl").write_text(json.dumps({"text": "A resident said the mill was idle."}) + "\n")
    found = docs(tmp_path)
    assert [d.id for d in found] == ["a/r.jsonl:1", "a/y.txt", "b/z.txt", "c.txt"]
    assert found[2].source == str(tmp_path / "b" / "z.txt")


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DAILYNK_TEXT)
    assert len(list(read_paths(str(tmp_path / "a.txt")))) == 1  # type: ignore[arg-type]


def test_jsonl_is_streamed_past_the_size_limit(tmp_path: Path) -> None:
    """max_size bounds what is held in memory: a whole file, or one JSONL line."""
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Report {i} on the mill."}) + "\n" for i in range(50)))
    assert path.stat().st_size > 1000
    assert len(docs(path, max_size=1000)) == 50


@pytest.mark.parametrize("name", ["ko.txt", "ko.jsonl"])
def test_korean_text_is_marked_ko(tmp_path: Path, name: str) -> None:
    text = "평양 신발공장은 지난달 계획을 120% 넘쳐 수행하였다고 조선중앙통신이 전하였다."
    path = tmp_path / name
    path.write_text(
        json.dumps({"text": text}, ensure_ascii=False) if name.endswith("jsonl") else text, encoding="utf-8"
    )
    [doc] = docs(path)
    assert (doc.text, doc.language) == (text, "ko")
