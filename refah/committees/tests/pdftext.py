"""Just enough PDF parsing to read back the text fpdf2 writes: inflate the streams, map each font's
two-byte glyph codes to characters through its ToUnicode CMap, and join the shown strings."""

import re
import zlib

_START = re.compile(rb"(\d+) 0 obj")
_LENGTH = re.compile(rb"/Length (\d+)(?! \d+ R)")


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """{number: (dictionary, inflated stream)} of every object. A stream is cut by its /Length, never by
    searching for "endstream": compressed bytes can hold that word (or "endobj") by chance."""
    out = {}
    pos = 0
    while match := _START.search(data, pos):
        start = match.end()
        stream_at, end_at = data.find(b"stream", start), data.find(b"endobj", start)
        if stream_at == -1 or stream_at > end_at:
            out[int(match.group(1))] = (data[start:end_at], b"")
            pos = end_at + len(b"endobj")
            continue
        header = data[start:stream_at]
        body = stream_at + len(b"stream")
        body += 2 if data[body : body + 2] == b"\r\n" else 1
        raw = data[body : body + int(_LENGTH.search(header).group(1))]
        pos = data.find(b"endobj", body + len(raw)) + len(b"endobj")
        out[int(match.group(1))] = (header, zlib.decompress(raw) if b"/FlateDecode" in header else raw)
    return out


def _cmap(raw: bytes) -> dict[int, str]:
    pairs = re.findall(rb"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]{4,8})>", raw.split(b"endcodespacerange")[-1])
    return {int(a, 16): bytes.fromhex(b.decode()).decode("utf-16-be") for a, b in pairs}


def _unescape(text: bytes) -> bytes:
    return re.sub(rb"\\([nrtbf()\\]|[0-7]{1,3})", _escape, text)


def _escape(match) -> bytes:
    code = match.group(1)
    simple = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
    if code in simple:
        return simple[code]
    if code.isdigit():
        return bytes([int(code, 8)])
    return code


def pdf_text(data: bytes) -> str:
    """The text of every page, one shown string per line."""
    objects = _objects(data)
    fonts = {}
    for header, _ in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", header):
            font_header = objects[int(ref)][0]
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font_header)
            if to_unicode:
                fonts[name.decode()] = _cmap(objects[int(to_unicode.group(1))][1])
    lines = []
    for _, raw in objects.values():
        font = None
        for match in re.finditer(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", raw, re.S):
            if match.group(1):
                font = fonts.get(match.group(1).decode(), {})
                continue
            codes = _unescape(match.group(2))
            lines.append("".join(font.get(int.from_bytes(codes[i : i + 2]), "?") for i in range(0, len(codes), 2)))
    return "\n".join(lines)
