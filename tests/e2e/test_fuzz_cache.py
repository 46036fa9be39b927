"""The cache folder comes with the manuscript: any record in it, of any shape, is either used or
ignored; it never makes a build end in an internal error."""

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book.build.cache import BUILD_RECORD, input_digest, up_to_date
from book.build.options import Options
from book.build.pipeline import read_book
from book.citations.sources import RECORD as CITATIONS
from book.errors import Report
from book.paginate.parts import PART_FILES, PARTS, PartStore
from book.paginate.repair import REPAIRS, RepairLog
from book.store import Cache, digest

pytestmark = pytest.mark.slow  # imports the pagination stage (WeasyPrint), though it lays out nothing

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
KEYS = ["inputs", "outputs", "warnings", "answers", "references", "pdf", "page_count", "anchors", "borrowed",
        "widows", "k", "book.pdf"]
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner,
                                                                                        max_size=4), max_leaves=12)
records = st.dictionaries(st.sampled_from(KEYS), json_values, max_size=5)
BOOK = ('[book]\ntitle = "T"\nauthor = "A"\nlanguage = "en"\nidentifier = "x"\ndate = "2026"\nrights = "R"\n'
        '[files]\nchapters = ["a.md"]\nbibliography = "refs.bib"\n')


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(build=records, citations=records, repairs=records, parts=records, raw=st.binary(max_size=40))
def test_any_cache_record_is_used_or_ignored(build, citations, repairs, parts, raw):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.md").write_text("# A\n\nA claim [@k, 4].\n", encoding="utf-8")
        (root / "refs.bib").write_text("@book{k, author={A, B}, title={T}, date={2000}}\n", encoding="utf-8")
        (root / "book.toml").write_text(BOOK, encoding="utf-8")
        cache = root / ".cache"
        (cache / PART_FILES).mkdir(parents=True)
        for name, record in ((BUILD_RECORD, build), (CITATIONS, citations), (REPAIRS, repairs), (PARTS, parts)):
            (cache / name).write_text(json.dumps(record), encoding="utf-8")
        (cache / PART_FILES / "k.pdf").write_bytes(raw)
        if isinstance(parts.get("k"), dict):  # a part whose bytes match its record: only its fields are wrong
            parts["k"]["pdf"] = digest(raw)
            (cache / PARTS).write_text(json.dumps(parts), encoding="utf-8")
        options = Options(source=root, out=root / "dist", cache=cache)
        if "inputs" in build:  # a record of these very inputs: its other fields are read
            build["inputs"] = input_digest(options.source, options.out, options.settings)
            (cache / BUILD_RECORD).write_text(json.dumps(build), encoding="utf-8")
        warnings = up_to_date(options)
        assert warnings is None or all(isinstance(w, str) for w in warnings)
        report = Report()
        book = read_book(root, report, cache=cache)
        assert book is not None and not report.errors, report.errors
        RepairLog(Cache(cache)).fixes("k")
        PartStore(Cache(cache), {}).get("k")
