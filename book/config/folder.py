"""A manuscript folder with no book.toml: its Markdown files are the chapters, in natural name
order (`2-x.md` before `10-y.md`; README* files are not chapters), the metadata is pandoc's
(metadata.yaml, then the first file's front matter), and what is still missing is assumed, and
said in one line of the log (info, so that `--strict` does not fail on it):

- title: the YAML's `title`, else the first file's `# Title`, else the folder's name;
- language "en"; author "" (none); rights "";
- identifier: a urn:uuid made (uuid5) from the folder's name and the title, the same every build;
- date: SOURCE_DATE_EPOCH's day if set, else the day the newest file was last changed (UTC):
  the same files give the same book, whatever day it is built;
- bibliography: the YAML's, else the folder's one `*.bib` file; names.toml when present.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import uuid
from pathlib import Path

from ..errors import Location, Report
from .pandoc import YamlMeta, first_heading, merged, peek_front_matter

log = logging.getLogger("book")


def natural_key(name: str) -> tuple:
    """`2-x.md` before `10-y.md`: runs of digits compare as numbers."""
    parts = re.split(r"(\d+)", name.casefold())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), name


def chapter_files(root: Path) -> list[Path]:
    """The folder's Markdown files in natural name order, README* left out."""
    files = [p for p in root.glob("*.md") if p.is_file() and not p.name.lower().startswith("readme")]
    return sorted(files, key=lambda p: natural_key(p.name))


def folder_config(root: Path, report: Report, yaml_file: YamlMeta | None):
    """The Config of a folder of Markdown files; None (with an error) when it has none."""
    from . import Config, _inside, citation_style, make_metadata, yaml_path
    chapters = chapter_files(root)
    if not chapters:
        report.error(Location(root), "no metadata file book.toml in the manuscript folder, and no Markdown "
                     "files to build either", "give --source the folder of the book's .md files, or create "
                     f"{root / 'book.toml'} with a [book] table and a [files] table listing the chapters")
        return None
    front, body = peek_front_matter(chapters[0])
    values, origin = merged(yaml_file, front)
    said: list[str] = []

    def assume(key: str, value: object, why: str) -> object:
        if key in values:
            return values[key]
        label = {"lang": "language"}.get(key, key)
        said.append(f"{label} {value!r} {why}" if key == "title" else f"{label} {value} {why}")
        return value

    heading = first_heading(body)
    title = str(assume("title", heading or root.name, f"from {chapters[0].name}" if heading else "(the folder's name)"))
    if "title" in values:
        said.append(f"title {title!r} from {origin['title'].name}")
    book = {"title": title,
            "language": assume("lang", "en", "(default)"),
            "author": values.get("author", ""),
            "identifier": assume("identifier", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{root.name}/{title}')}",
                                 "(made from the folder's name and the title)"),
            "date": assume("date", _date(chapters + ([yaml_file.path] if yaml_file else [])), _date_why()),
            "rights": values.get("rights", "")}
    book.update({k: v for k, v in values.items() if k not in ("title", "lang") and k not in book})
    if "author" not in values:
        said.append("no author")
    bibliography = None
    if "bibliography" in values:
        bibliography = yaml_path(root, values, (front, yaml_file), report)
    else:
        bibs = sorted(root.glob("*.bib"))
        if len(bibs) == 1:
            bibliography = bibs[0].resolve()
            said.append(f"bibliography {bibs[0].name} (the only .bib file)")
        elif bibs:
            report.warn(Location(root), f"{len(bibs)} .bib files and no `bibliography` in the metadata: none is read",
                        f"add `bibliography: {bibs[0].name}` to metadata.yaml or to the first file's front matter")
    names = root / "names.toml"
    log.info("no book.toml: building %d chapter%s in name order (%s); %s", len(chapters),
             "" if len(chapters) == 1 else "s", ", ".join(p.name for p in chapters), "; ".join(said))
    style, style_where = citation_style(None, Location(root), values, (front, yaml_file))
    return Config(meta=make_metadata(book), root=root, path=root, listed=False, style=style, style_where=style_where,
                  chapters=[_inside(root, p.name, Location(p), report) for p in chapters],
                  bibliography=bibliography, names=names.resolve() if names.is_file() else None,
                  abstract=str(values.get("abstract", "")), lof=bool(values.get("lof")), lot=bool(values.get("lot")))


def _date(files: list[Path]) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        stamp = float(epoch)
    else:
        stamp = max(p.stat().st_mtime for p in files)
    return datetime.datetime.fromtimestamp(stamp, datetime.UTC).date().isoformat()


def _date_why() -> str:
    return "(SOURCE_DATE_EPOCH)" if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit() else "(the newest file's date)"
