"""Work done in a forked child: its result, and what its libraries logged, reach the parent."""

import logging

from book.build.forked import Forked
from book.errors import Report, heard


def test_a_childs_engine_warnings_are_heard_in_the_parent():
    def produce(path):
        logging.getLogger("weasyprint").error('Missing required "lang" attribute at the root of the document')
        path.write_bytes(b"pdf")

    report = Report()
    with Forked(limit=1) as forked:
        result = forked.submit(produce)
        with heard("weasyprint", report, None, " (writing 'x')"):
            assert result() == b"pdf"
    assert [p.message for p in report.warnings] == [
        "weasyprint says (writing 'x'): Missing required \"lang\" attribute at the root of the document"]
