"""The CSL processor: pandoc's citeproc, from the pandoc binary that the pypandoc-binary wheel
ships. The only place that starts pandoc. It runs sandboxed (`--sandbox`: it reads only the
files named on its command line and fetches nothing), with an empty data folder, so no user
template, filter or style from the machine changes a book."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

# pandoc's JSON document format for the pinned pypandoc-binary (pandoc 3.9).
API_VERSION = [1, 23, 1, 1]
TIMEOUT = 120  # seconds; a style that loops is a problem to report, not a hung build


class ProcessorError(Exception):
    """pandoc could not run, or refused its input; the message says which."""


@lru_cache(maxsize=1)
def pandoc_path() -> Path:
    spec = importlib.util.find_spec("pypandoc")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        binary = Path(folder) / "files" / "pandoc"
        if binary.is_file():
            return binary
    raise ProcessorError("the CSL processor (pandoc, from the pypandoc-binary package) is not installed; "
                         "run `make` to set up the project")


MEMORY: dict[str, bytes] = {}  # answers already given in this process (watch mode, the tests)
MEMORY_SIZE = 2048


def run(args: list[str], document: bytes, files: dict[str, bytes] | None = None) -> bytes:
    """Run pandoc on `document` (stdin) with `args`; `files` are written to a private folder first
    and `{name}` in `args` stands for their paths. pandoc's answer depends on nothing else, so
    an answer given once in this process is given again without starting it."""
    key = hashlib.sha256(json.dumps([args, sorted(files or {})]).encode() + b"\0" + document + b"\0" +
                         b"\0".join(v for _, v in sorted((files or {}).items()))).hexdigest()
    if key not in MEMORY:
        if len(MEMORY) >= MEMORY_SIZE:
            MEMORY.clear()
        MEMORY[key] = _run(args, document, files)
    return MEMORY[key]


def _run(args: list[str], document: bytes, files: dict[str, bytes] | None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="book-csl-") as folder:
        paths = {}
        for name, data in (files or {}).items():
            paths[name] = os.path.join(folder, name)
            Path(paths[name]).write_bytes(data)
        data_dir = os.path.join(folder, "data")
        os.mkdir(data_dir)
        command = [str(pandoc_path()), "--sandbox", "--data-dir", data_dir,
                   *[paths.get(arg[1:-1], arg) if arg.startswith("{") else arg for arg in args]]
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": folder}
        try:
            done = subprocess.run(command, input=document, capture_output=True, timeout=TIMEOUT, env=env, cwd=folder)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ProcessorError(f"the CSL processor did not finish: {exc}") from None
    if done.returncode != 0:
        raise ProcessorError(done.stderr.decode("utf-8", "replace").strip() or f"pandoc exited {done.returncode}")
    return done.stdout


def convert_bibliography(text: bytes, kind: str) -> list[dict]:
    """A bibliography (biblatex or BibTeX, CSL-JSON, or CSL YAML as a Markdown document's
    `references:` metadata) -> pandoc's references (MetaMap values)."""
    reader = {"bibtex": "biblatex", "csljson": "csljson", "yaml": "markdown"}[kind]
    out = _json(run(["-f", reader, "-t", "json"], text))
    refs = out.get("meta", {}).get("references", {})
    return refs.get("c", []) if refs.get("t") == "MetaList" else []


CHAPTERS = Path(__file__).with_name("chapters.lua")


def process(document: dict, style: bytes, language: str) -> dict:
    """A document of questions (pandoc JSON: one Div per chapter, `references` in its metadata)
    -> the same Divs with every citation formatted, each on its own (chapters.lua); the Div of
    the class "bibliography" with the bibliography."""
    args = ["-f", "json", "-t", "json", "--csl", "{style.csl}", "-M", f"lang={language}", "-L", "{chapters.lua}"]
    return _json(run(args, json.dumps(document).encode(), {"style.csl": style, "chapters.lua": CHAPTERS.read_bytes()}))


def _json(data: bytes) -> dict:
    try:
        value = json.loads(data)
    except ValueError as exc:
        raise ProcessorError(f"the CSL processor's answer is not JSON: {exc}") from None
    return value if isinstance(value, dict) else {}
