from __future__ import annotations

import io
import json
import tracemalloc
from itertools import islice

import pytest

from tactful.sources.files import open_file_source
from tactful.sources.files.reading import iter_lines, json_layout, stream_array

MiB = 1024 * 1024


@pytest.mark.parametrize(
    "data,limit,expected",
    [
        (b"a\nbb\n", 10, [(1, b"a\n"), (2, b"bb\n")]),
        (b"a\nlast-without-newline", 100, [(1, b"a\n"), (2, b"last-without-newline")]),
        (b"12345\n", 5, [(1, b"12345\n")]),  # exactly the limit, newline not counted against it
        (b"123456\nok\n", 5, [(1, None), (2, b"ok\n")]),
        (b"x" * 1000 + b"\nok", 10, [(1, None), (2, b"ok")]),
    ],
)
def test_iter_lines_bounds_every_line(data, limit, expected):
    assert [(line.number, line.data) for line in iter_lines(io.BytesIO(data), limit)] == expected


@pytest.mark.parametrize(
    "line",
    ['{"id": ' + "9" * 5000 + "}", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", '{"a": NaN, "id": 1e999}'],
)
def test_hostile_json_lines_are_invalid_json_or_read(tmp_path, line):
    path = tmp_path / "hostile.jsonl"
    path.write_text(line + "\n" + '{"id": "ok"}\n', encoding="utf-8")
    records = list(open_file_source(path, "jsonl").read())
    assert records[-1].payload == {"id": "ok"}
    assert records[0].error_code in ("invalid_json", None)


def test_an_oversized_line_reports_its_full_size():
    (line,) = list(iter_lines(io.BytesIO(b"y" * 5000 + b"\n"), 100))
    assert (line.data, line.size) == (None, 5001)


@pytest.mark.parametrize(
    "head,layout",
    [
        (b'[{"a": 1}]', "array"),
        (b'\xef\xbb\xbf  [\n  {"a": 1}', "array"),
        (b'{"a": 1}\n{"a": 2}\n', "lines"),
        (b'{"a": 1}', "lines"),
        (b'{"a": "trunc\n{"a": 2}\n', "lines"),  # a broken first line does not make it a document
        (b'{\n  "posts": [\n', "document"),
        (b'{"data": [\n  {"id": "1"', "document"),
    ],
)
def test_json_layout(head, layout):
    assert json_layout(head) == layout


@pytest.mark.parametrize(
    "text,values",
    [
        ('[1, "two", {"three": 3}, [4]]', [1, "two", {"three": 3}, [4]]),
        ('window.YTD.tweets.part0 = [ {"a" : 1} , {"b" : 2} ]', [{"a": 1}, {"b": 2}]),
        ("[]", []),
        ("[1, 2]\n[3]\n", [1, 2, 3]),  # arrays saved one a line
        ("window.YTD.tweets.part0 = [1];\n", [1]),
        ("[123456789]", [123456789]),  # a number at a chunk's end is not cut short
    ],
)
def test_stream_array_yields_each_item(text, values):
    assert [r.payload for r in stream_array(io.StringIO(text), "f", 1000)] == values


def test_items_that_straddle_chunks_decode_whole():
    items = [{"id": i, "text": "é🦋" * (i % 50)} for i in range(3000)]
    records = list(stream_array(io.StringIO(json.dumps(items)), "f", MiB))
    assert [r.payload for r in records] == items


@pytest.mark.parametrize(
    "text,codes",
    [
        ('[{"a": 1}, {"a": 2', [None, "invalid_json"]),
        ('[{"a": 1}, {"a" 2}, {"a": 3}]', [None, "invalid_json"]),
        ('[{"a": 1}', [None, "invalid_json"]),
        ("no array here", ["invalid_json"]),
        ("[1] trailing", [None, "invalid_json"]),
        ("[1, " + "9" * 5000 + "]", [None, "invalid_json"]),  # over Python's int digit limit
        ("[1, " + "[" * 100_000 + "]", [None, "invalid_json"]),  # nested too deeply
    ],
)
def test_a_broken_array_ends_with_one_failed_record(text, codes):
    assert [r.error_code for r in stream_array(io.StringIO(text), "f", 1000)] == codes


@pytest.mark.parametrize("size", [5_000, 500_000])  # within one read chunk, and across many
def test_an_oversized_array_item_is_too_large(size):
    text = json.dumps([{"a": 1}, {"text": "x" * size}, {"a": 3}])
    codes = [r.error_code for r in stream_array(io.StringIO(text), "f", 1000)]
    assert codes[:2] == [None, "too_large"]


def _post(i: int) -> dict:
    return {"id": str(i), "text": f"post number {i} 🦋 " * 40, "date": "2024-01-01"}


def _write_jsonl(path, n):
    with path.open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(_post(i)) + "\n" for i in range(n))


def test_reading_is_lazy_records_appended_after_the_first_are_still_seen(tmp_path):
    path = tmp_path / "grow.jsonl"
    _write_jsonl(path, 2_000)  # well past any read buffer
    records = open_file_source(path).read()
    first = next(records)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"id": "late", "text": "appended", "date": "2024-01-01"}) + "\n")
    rest = list(records)
    assert first.payload["id"] == "0"
    assert rest[-1].payload["id"] == "late"


def _peak_while_reading(path, **kwargs) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in open_file_source(path, **kwargs).read())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["jsonl", "array", "csv"])
def test_a_large_file_streams_in_constant_memory(tmp_path, layout):
    n = 8_000
    path = tmp_path / f"large.{'json' if layout == 'array' else layout}"
    if layout == "jsonl":
        _write_jsonl(path, n)
    elif layout == "array":
        with path.open("w", encoding="utf-8") as out:
            out.write("[\n" + ",\n".join(json.dumps(_post(i)) for i in range(n)) + "\n]\n")
    else:
        with path.open("w", encoding="utf-8") as out:
            out.write(
                "id,text,date\n" + "".join(f'{i},"{_post(i)["text"]}, again",2024-01-01\n' for i in range(n))
            )
    count, peak = _peak_while_reading(path)
    assert path.stat().st_size > 5 * MiB
    assert count == n
    assert peak < 2 * MiB


def test_islice_of_a_huge_array_reads_only_what_it_needs(tmp_path):
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as out:
        out.write("[" + ",".join(json.dumps(_post(i)) for i in range(8_000)) + "]")
    tracemalloc.start()
    try:
        firsts = list(islice(open_file_source(path).read(), 3))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.payload["id"] for r in firsts] == ["0", "1", "2"]
    assert path.stat().st_size > 5 * MiB
    assert peak < MiB
