"""Random manuscripts: each one either builds up to the HTML or ends in a clean author error."""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book.build.pipeline import read_book
from book.errors import BookError, Report
from book.transforms.index import resolve_index
from book.transforms.pages import page_markers
from book.words import words_for
from book.writers.notes import EndNotes, FloatNotes
from book.writers.xhtml import Medium, section_html

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "500"))  # `make fuzz`: 5,000
FRAGMENTS = ["word ", "Stalin ", "Stalin’s ", "Kogan ", "M. B. Kogan ", "[@brent]", "[@brent, p. 5]",
             "[@nosuch]", "[see @brent; @tass, chap. 3]", "[@]", "[@brent", "[^a]", "[^b]", "\n[^a]: Note [@tass].\n",
             "[Kogan]{.name key=kogan-bb}", "[x]{.name key=nobody}", "[Stalin]{.noindex}", "[y]{.name}",
             "\n# ", "\n## ", "\n### ", "*", "**", "`", "<b>", "<script>", "&amp;", "[", "]", "(", ")", "!", "@",
             "{", "}", "\n", "\n\n", "> ", "- ", "1. ", "| a | b |\n|---|---|\n| c | d |\n", "![](x.png)",
             "[link](http://example.org)", "https://example.org/Stalin ", "\\", "'", '"', "--", "...", "Рюмин "]
BIBS = ["@book{brent, author={Brent, J.}, title={T}, publisher={P}, date={2003}}\n",
        "@online{tass, title={Заголовок}, organization={TASS}, langid={russian}}\n",
        "@book{brent, title={Again}}\n", "@article{a, title={x}}\n", "@book{b, title={unclosed\n",
        "@misc{m, title={M}}\n", "@book{c, author={A, B}, title={T}, title={U}}\n", "not bibtex at all }}{{\n"]
REGISTRY = ('[[person]]\nid = "kogan-bb"\nheading = "Kogan, B. B."\nforms = ["B. B. Kogan", "Kogan"]\n\n'
            '[[person]]\nid = "kogan-mb"\nheading = "Kogan, M. B."\nforms = ["M. B. Kogan", "Kogan"]\n\n'
            '[[person]]\nid = "stalin"\nheading = "Stalin, Joseph"\nforms = ["Stalin"]\n')

markdown = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
bibtex = st.lists(st.sampled_from(BIBS), max_size=5).map("".join)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=markdown, second=markdown, bib=bibtex)
def test_random_manuscripts_build_or_fail_cleanly(first, second, bib):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "chapters").mkdir()
        (root / "chapters" / "a.md").write_text("# A\n\n" + first, encoding="utf-8")
        (root / "chapters" / "b.md").write_text(second, encoding="utf-8")
        (root / "refs.bib").write_text(bib, encoding="utf-8")
        (root / "names.toml").write_text(REGISTRY, encoding="utf-8")
        (root / "book.toml").write_text(
            '[book]\ntitle = "T"\nauthor = "A"\nlanguage = "en"\nidentifier = "x"\ndate = "2026"\n'
            'rights = "R"\n[files]\nchapters = ["chapters/a.md", "chapters/b.md"]\n'
            'bibliography = "refs.bib"\nnames = "names.toml"\n', encoding="utf-8")
        report = Report()
        try:
            book = read_book(root, report)
            report.raise_if_errors()
        except BookError as error:
            assert error.problems and all(str(p) for p in error.problems)
            return
        words = words_for(book.meta.language)
        resolve_index(book, {})
        for section in book.sections:  # both writers' HTML
            section_html(section, FloatNotes(), words)
            section_html(section, EndNotes("Notes"), words, Medium(markers=page_markers(book, {})))
