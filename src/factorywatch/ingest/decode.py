"""Bytes to text without mojibake: a BOM decides, else UTF-8, else charset-normalizer.

charset-normalizer chooses only among the encodings these corpora come in besides Unicode:
CP949 (a superset of EUC-KR, so EUC-KR text is decoded as CP949) and CP1252 (Western
European). Left free it reads Latin-1 text as CP1250 ("naïve" becomes "naďve"). Detection
looks at the start of a file once, never line by line.

UTF-8 text with a few corrupt bytes stays UTF-8, and the corrupt part is reported: read as
CP1252 instead, every other ’ and “ in it would turn into mojibake ("â€™"). Text in
another encoding is told apart by how little of it decodes as UTF-8 (CP949 Korean: about
one character in eight).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from factorywatch.errors import InputError

SAMPLE_BYTES = 1 << 16
"""How much of a file detection reads."""
_BINARY_PROBE = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: it starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DETECTABLE = ["cp949", "cp1252"]
UNDECODABLE = "undecodable: not UTF-8, UTF-16, CP949/EUC-KR or CP1252 text"
ESCAPED = re.compile("[\udc80-\udcff]")
"""Bytes UTF-8 could not decode, as ``surrogateescape`` keeps them."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_UTF8_MAJORITY = 2
"""Characters that decode as UTF-8 for each byte that does not, in text that is UTF-8."""


def _bom_codec(head: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def reject_binary(head: bytes, path: str) -> None:
    """Raise ``InputError`` for a file whose first bytes hold NULs, which only UTF-16/32 text
    has (and this one has no BOM to say so)."""
    if b"\x00" in head[:_BINARY_PROBE] and _bom_codec(head) is None:
        raise InputError(path, "binary file (NUL bytes), not text")


def _detect(sample: bytes, path: str) -> str:
    best = from_bytes(sample[:SAMPLE_BYTES], cp_isolation=_DETECTABLE).best()
    if best is None:
        raise InputError(path, UNDECODABLE)
    return "cp949" if best.encoding in ("cp949", "euc_kr") else best.encoding


def _is_utf8(sample: bytes) -> bool:
    """Whether ``sample`` is UTF-8, maybe with a few corrupt bytes."""
    text = sample[:SAMPLE_BYTES].decode("utf-8", "surrogateescape")
    bad = len(ESCAPED.findall(text))
    return len(_NON_ASCII.findall(text)) - bad >= _UTF8_MAJORITY * bad


def _drop_cut_char(head: bytes) -> bytes:
    """``head`` without a UTF-8 sequence the end of the sample may have cut in two."""
    for i in range(1, min(4, len(head)) + 1):
        if head[-i] & 0xC0 != 0x80:  # the last byte that starts a character
            return head[:-i] if head[-i] >= 0xC0 else head
    return head


def stream_codec(head: bytes, path: str) -> str:
    """The codec for a file read as a stream, from its first bytes (``SAMPLE_BYTES`` of them)."""
    if codec := _bom_codec(head):
        return codec
    reject_binary(head, path)
    return "utf-8" if _is_utf8(_drop_cut_char(head)) else _detect(head, path)


def decode(data: bytes, path: str) -> str:
    """The text of a whole file; its BOM, if any, is dropped."""
    codec = _bom_codec(data)
    if codec is None:
        reject_binary(data, path)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            codec = "utf-8" if _is_utf8(data) else _detect(data, path)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable: invalid {codec} at byte {exc.start}") from None
