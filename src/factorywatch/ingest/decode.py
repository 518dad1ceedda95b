"""Bytes to text without mojibake: a BOM decides, else strict UTF-8, else charset-normalizer.

charset-normalizer chooses only among the encodings these corpora come in besides Unicode:
CP949 (a superset of EUC-KR, so EUC-KR text is decoded as CP949) and CP1252 (Western
European). Left free it reads Latin-1 text as CP1250 ("naïve" becomes "naďve"). Detection
looks at the start of a file once, never line by line.
"""

from __future__ import annotations

import codecs

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


def _bom_codec(head: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def _reject_binary(head: bytes, path: str) -> None:
    if b"\x00" in head[:_BINARY_PROBE]:
        raise InputError(path, "binary file (NUL bytes), not text")


def _detect(sample: bytes, path: str) -> str:
    best = from_bytes(sample[:SAMPLE_BYTES], cp_isolation=_DETECTABLE).best()
    if best is None:
        raise InputError(path, UNDECODABLE)
    return "cp949" if best.encoding in ("cp949", "euc_kr") else best.encoding


def stream_codec(head: bytes, path: str) -> str:
    """The codec for a file read as a stream, from its first bytes (``SAMPLE_BYTES`` of them)."""
    if codec := _bom_codec(head):
        return codec
    _reject_binary(head, path)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return _detect(head, path)
    return "utf-8"


def decode(data: bytes, path: str) -> str:
    """The text of a whole file; its BOM, if any, is dropped."""
    codec = _bom_codec(data)
    if codec is None:
        _reject_binary(data, path)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            codec = _detect(data, path)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"undecodable: invalid {codec} at byte {exc.start}") from None
