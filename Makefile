# `make` sets up everything and builds dist/book.pdf and dist/book.epub; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build needs: the book face (with Cyrillic), Noto Serif CJK for Chinese,
# Japanese and Korean books, Amiri for Arabic phrases, WeasyPrint's Pango and
# HarfBuzz's subsetter (faster font subsetting than fontTools);
# the tests also need Java for EPUBCheck (any JRE will do).
DEB_PACKAGES := fonts-linuxlibertine fonts-noto-cjk fonts-hosny-amiri libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 graphviz

.PHONY: all book setup system test test-fast fuzz lint check clean docs ace bench kindle reader

all: book

book: setup
	$(PY) build.py

check: setup
	$(PY) build.py --check

setup: system $(VENV)/.installed

# Installs only what is missing, so a second `make` does not touch apt.
system:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Everything, as CI runs it: lint and types, then every test (the e2e ones build PDFs and EPUBs;
# they also convert the EPUB for Kindle with calibre's ebook-convert).
test: setup lint reader
	@command -v ebook-convert >/dev/null || { echo "installing calibre for the Kindle test"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends calibre; }
	$(PY) -m pytest -q -n auto

# The reading system the tests open the EPUB in (tests/e2e/test_reader.py): foliate-js, the engine
# of Foliate 3, in Debian's Chromium driven by puppeteer-core; and axe-core, the accessibility
# checker the web edition's browser test runs (tests/e2e/test_web_browser.py); npm packages pinned,
# in .tools/reader.
READER := .tools/reader/node_modules
reader:
	@command -v chromium >/dev/null || { echo "installing Chromium for the reader test"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends npm; }
	@[ -d $(READER)/foliate-js ] && [ -d $(READER)/puppeteer-core ] && [ -d $(READER)/axe-core ] || { mkdir -p .tools/reader && cd .tools/reader && \
	  { [ -f package.json ] || npm init -y >/dev/null; } && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund -s \
	  foliate-js@1.0.1 puppeteer-core@24.43.1 axe-core@4.11.0; }

# The Kindle edition, dist/book.azw3, converted from the EPUB by calibre (installed if missing).
kindle: book
	@command -v ebook-convert >/dev/null || { echo "installing calibre for the Kindle edition"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends calibre; }
	$(PY) -m book.writers.kindle dist/book.epub dist/book.azw3

# The fuzz tests at ten times their size in `make test` (500 random manuscripts there).
fuzz: setup
	FUZZ_EXAMPLES=5000 $(PY) -m pytest -q -n auto tests/unit/test_fuzz.py tests/unit/test_fuzz_metadata.py

# The fast lane while working: lint, types and the unit tests (no PDF is laid out), under a minute.
test-fast: setup lint
	$(PY) -m pytest -q -n auto -m "not slow"

lint: setup
	$(PY) -m ruff check book tests bench build.py
	$(PY) -m mypy

# The page images the README shows: the title page, a page of text with notes, the index.
docs: book
	@command -v pdftoppm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils; }
	mkdir -p docs
	pdftoppm -r 70 -png -singlefile -f 3 -l 3 dist/book.pdf docs/title-page
	pdftoppm -r 70 -png -singlefile -f 14 -l 14 dist/book.pdf docs/text-with-notes
	pdftoppm -r 70 -png -singlefile -f 49 -l 49 dist/book.pdf docs/index
	pdftoppm -r 70 -png -singlefile -f 45 -l 45 dist/book.pdf docs/bibliography

# Ace by DAISY, the EPUB accessibility checker, driving Debian's Chromium (not part of `make test`:
# Chromium and the npm packages are large). The report goes to dist/ace/report.html.
ACE := .tools/ace/node_modules/.bin/ace-cli
ace: book
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }
	@[ -x $(ACE) ] || { mkdir -p .tools/ace && cd .tools/ace && npm init -y >/dev/null && \
	  PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 npm install --no-audit --no-fund @daisy/ace-cli@1.4.6; }
	mkdir -p .tools/ace/home .tools/ace/tmp
	PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium HOME="$$PWD/.tools/ace/home" TMPDIR="$$PWD/.tools/ace/tmp" \
	  $(ACE) -f -E -o dist/ace dist/book.epub

# Times our build against WeasyPrint alone and pandoc (a bench-only extra) at 1x, 10x and 30x.
bench: setup
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/bench.py

clean:
	rm -rf dist .cache
