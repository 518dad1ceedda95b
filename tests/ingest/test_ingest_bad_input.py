"""Bad input never stops a run: each bad file, line or record becomes one InputError value."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from factorywatch.errors import InputError
from factorywatch.ingest import read_paths
from factorywatch.model import Document

GOOD = "A source said the Sample Ridge Shoe Factory stood idle in May.\n"


def split(items: list) -> tuple[list[Document], list[InputError]]:
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


def write(data: bytes | str, name: str) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    return make


def broken_link(tmp: Path) -> Path:
    link = tmp / "gone.txt"
    link.symlink_to(tmp / "nowhere.txt")
    return link


def link_loop(tmp: Path) -> Path:
    (tmp / "loop_a.txt").symlink_to(tmp / "loop_b.txt")
    (tmp / "loop_b.txt").symlink_to(tmp / "loop_a.txt")
    return tmp / "loop_a.txt"


def fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


def empty_dir(tmp: Path) -> Path:
    (tmp / "empty").mkdir()
    return tmp / "empty"


def dir_of_bad_files(tmp: Path) -> Path:
    (tmp / "bad").mkdir()
    (tmp / "bad" / "a.txt").write_bytes(b"")
    (tmp / "bad" / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp / "bad" / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not an article file: passed over
    return tmp / "bad"


# (case, make the input, the reasons expected, in order)
FILE_CASES = [
    ("missing path", lambda tmp: tmp / "nope.txt", ["no such file or directory"]),
    ("broken symlink", broken_link, ["broken symbolic link"]),
    ("symlink loop", link_loop, ["too many levels of symbolic links"]),
    ("not a regular file", fifo, ["not a regular file"]),
    ("empty file", write(b"", "e.txt"), ["empty file"]),
    ("whitespace only", write(" \n\t\n", "w.txt"), ["empty file (only whitespace)"]),
    ("binary file", write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "img.txt"), ["binary file"]),
    ("binary, unknown extension", write(b"\x7fELF\x02\x01\x01\x00\x00\x00", "prog"), ["binary file"]),
    ("undecodable", write(bytes(range(0x80, 0x100)) * 4, "u.txt"), ["undecodable"]),
    ("over the size limit", write("x" * 2001, "big.txt"), ["file is 0.0 MB, over the 0.0 MB size limit"]),
    ("json not an array", write('{"text": "one record"}', "o.json"), ["not a JSON array of records (a JSON object)"]),
    ("json not json", write("[{'text': 1}]", "q.json"), ["not JSON"]),
    ("json empty array", write("[]", "n.json"), ["empty JSON array"]),
    ("jsonl with no records", write("\n\n", "n.jsonl"), ["empty file (no records)"]),
    (
        "html with no text",
        write("<html><body><script>var a = 1;</script></body></html>", "p.html"),
        ["no article text found"],
    ),
    ("xml that is no feed", write("<urlset><url>x</url></urlset>", "s.xml"), ["feed has no items"]),
    ("not xml", write("this is not XML {", "b.rss"), ["not an RSS or Atom feed: "]),
    ("empty directory", empty_dir, ["directory has no readable files"]),
    ("directory of bad files", dir_of_bad_files, ["empty file", "binary file", "directory has no readable files"]),
]


@pytest.mark.parametrize(("make", "reasons"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_bad_input_is_reported_and_skipped(tmp_path: Path, make: Callable[[Path], Path], reasons: list[str]) -> None:
    bad = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    documents, errors = split(list(read_paths([bad, good], max_size=2000)))
    assert [d.text for d in documents] == [GOOD]  # the run went on
    assert len(errors) == len(reasons)
    for error, reason in zip(errors, reasons, strict=True):
        assert reason in error.reason
        assert "\n" not in str(error) and str(error).startswith(f"{error.path}: ")
        assert error.path.startswith(str(tmp_path))


LINE_CASES = [
    ("not json", "{not json", "not JSON"),
    ("no text", json.dumps({"id": "x", "title": "t"}), "record has no 'text' string"),
    ("text not a string", json.dumps({"text": 42}), "record 'text' is not a string"),
    ("empty text", json.dumps({"text": "  "}), "record 'text' is empty"),
    ("not an object", json.dumps(["text"]), "record is a JSON array, not an object"),
    ("line over the limit", json.dumps({"text": "y" * 300}), "line longer than 200 characters"),
]


@pytest.mark.parametrize(("line", "reason"), [c[1:] for c in LINE_CASES], ids=[c[0] for c in LINE_CASES])
def test_bad_jsonl_line_is_reported_with_its_number(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "r.jsonl"
    good = json.dumps({"id": "ok", "text": "The mill was idle."})
    path.write_text(f"{good}\n\n{line}\n{good}\n", encoding="utf-8")
    documents, errors = split(list(read_paths([path], max_size=200)))
    assert [d.source for d in documents] == [f"{path}:1", f"{path}:4"]
    [error] = errors
    assert (error.path, error.line) == (str(path), 3)
    assert reason in error.reason and str(error).startswith(f"{path}:3: ")


def test_undecodable_jsonl_line_costs_one_line(tmp_path: Path) -> None:
    """A UTF-8 file with one corrupt line stays UTF-8: read as CP1252 its quotes would be mojibake."""
    path = tmp_path / "r.jsonl"
    good = json.dumps({"text": "The “model” mill was idle."}, ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + b'{"text": "bad \xff\xfe byte"}\n' + good.replace(b"idle", b"busy") + b"\n")
    documents, errors = split(list(read_paths([path])))
    assert [d.text for d in documents] == ["The “model” mill was idle.", "The “model” mill was busy."]
    assert [(e.line, e.reason) for e in errors] == [(2, "undecodable: invalid utf-8")]


def test_bad_json_array_record_is_reported_with_its_index(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps([{"text": "The mill was idle."}, {"title": "no text"}, "x"]))
    documents, errors = split(list(read_paths([path])))
    assert len(documents) == 1
    assert [e.reason for e in errors] == [
        "record 2: record has no 'text' string",
        "record 3: record is a JSON string, not an object",
    ]


def test_feed_item_without_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "f.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>t</title><item><title>a</title></item>"
        "<item><title>b</title><description>The mill was idle.</description></item></channel></rss>"
    )
    documents, errors = split(list(read_paths([path])))
    assert [d.text for d in documents] == ["The mill was idle."]
    assert [e.reason for e in errors] == ["item 1 has no text"]


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD)
    if os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads any file: make reading fail as it would for anyone else
        real = Path.read_bytes

        def denied(self: Path) -> bytes:
            if self == path:
                raise PermissionError(13, "Permission denied")
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    [error] = list(read_paths([path]))
    assert isinstance(error, InputError) and error.reason == "permission denied"


def test_unreadable_directory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD)
    if os.geteuid() != 0:
        locked.chmod(0)
    else:
        real = os.scandir

        def denied(path: str) -> object:
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied")
            return real(path)

        monkeypatch.setattr(os, "scandir", denied)
    errors = [str(e) for e in read_paths([tmp_path])]
    assert errors == [f"{locked}: permission denied", f"{tmp_path}: directory has no readable files"]


def test_unlistable_directory_argument_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(path: str) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", denied)
    assert [str(e) for e in read_paths([tmp_path])] == [f"{tmp_path}: permission denied"]


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_json_nested_too_deeply_is_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    [error] = list(read_paths([path], max_size=1_000_000))
    assert isinstance(error, InputError) and "nested too deeply" in error.reason
