# Two commands on a fresh machine:  make demo  (set up, build the example)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/wsis20-zero-draft

.PHONY: setup demo images language-images editor-images docx-libreoffice preview-browser-test test bench bench-lsp fuzz corpus session release clean vsix editor-grammar-test editor-nvim-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# check shows the example's warnings once; the builds (-q) show only errors.
demo: $(STAMP)
	$(BIN)/wsisc check $(EXAMPLE).wsis
	$(BIN)/wsisc build -q $(EXAMPLE).wsis -o $(EXAMPLE).pdf
	$(BIN)/wsisc build -q $(EXAMPLE).wsis -o $(EXAMPLE).html
	$(BIN)/wsisc build -q $(EXAMPLE).wsis --view clean -o $(EXAMPLE).clean.pdf
	@echo "Built $(EXAMPLE).pdf and .html (negotiation view, with comments) and $(EXAMPLE).clean.pdf (clean view)."
	@echo "wsisc is installed in $(VENV)/: run $(BIN)/wsisc, or 'source $(BIN)/activate' first (README, Quick start)."

# The pictures in the README: PDF pages and the HTML view in headless Chromium
# (Debian's poppler-utils and chromium), and the Word export in LibreOffice.
images: demo
	rm -f docs/images/*.png
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile $(EXAMPLE).pdf docs/images/zero-draft-page-first
	pdftoppm -png -r 80 -f 4 -l 4 -singlefile $(EXAMPLE).pdf docs/images/zero-draft-page-comments
	pdftoppm -png -r 80 -f $$(pdfinfo $(EXAMPLE).pdf | awk '/^Pages:/ {print $$2}') -singlefile \
	  $(EXAMPLE).pdf docs/images/zero-draft-page-last
	for view in negotiation clean original compilation; do \
	  $(BIN)/wsisc build $(EXAMPLE).wsis --view $$view -o /tmp/wsisc-view-$$view.pdf && \
	  pdftoppm -png -r 70 -f 3 -l 3 -singlefile /tmp/wsisc-view-$$view.pdf docs/images/zero-draft-view-$$view; \
	done
	$(BIN)/wsisc build -q examples/78-212-freedom-of-religion.wsis -o /tmp/wsisc-78-212.pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/wsisc-78-212.pdf docs/images/adopted-78-212-page-first
	pdftoppm -png -r 80 -f $$(pdfinfo /tmp/wsisc-78-212.pdf | awk '/^Pages:/ {print $$2}') -singlefile \
	  /tmp/wsisc-78-212.pdf docs/images/adopted-78-212-page-last
	$(BIN)/wsisc build -q examples/78-3-pandemic-declaration.wsis -o /tmp/wsisc-78-3.pdf
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/wsisc-78-3.pdf docs/images/adopted-78-3-page-first
	pdftoppm -png -r 80 -f 2 -l 2 -singlefile /tmp/wsisc-78-3.pdf docs/images/adopted-78-3-annex-first
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
	  --disable-component-update --disable-sync --user-data-dir=$$(mktemp -d) --window-size=1400,5200 \
	  --screenshot=docs/images/zero-draft-html.png file://$(CURDIR)/$(EXAMPLE).html
	$(BIN)/python -c "from PIL import Image; Image.open('docs/images/zero-draft-html.png').crop((180, 3300, 1400, 4500)).save('docs/images/zero-draft-html.png')"
	# The Word export as LibreOffice lays it out (Debian's libreoffice-writer-nogui), in a fresh profile.
	rm -rf /tmp/wsisc-docx && mkdir -p /tmp/wsisc-docx
	$(BIN)/wsisc build -q $(EXAMPLE).wsis -o /tmp/wsisc-docx/zero.docx
	soffice -env:UserInstallation=file:///tmp/wsisc-docx/profile --headless --convert-to pdf \
	  --outdir /tmp/wsisc-docx /tmp/wsisc-docx/zero.docx
	pdftoppm -png -r 80 -f 1 -l 1 -singlefile /tmp/wsisc-docx/zero.pdf docs/images/docx-negotiation-libreoffice
	pdftoppm -png -r 80 -f 4 -l 4 -singlefile /tmp/wsisc-docx/zero.pdf docs/images/docx-negotiation-libreoffice-changes
	$(MAKE) language-images
	$(MAKE) editor-images
	WSISC_PREVIEW_SHOT=$(CURDIR)/docs/images/preview-diagnostics.png $(MAKE) preview-browser-test

# Resolution 78/265 in the six official languages, page 1 and page 3 side by side
# (docs/images/language-<code>.png), from examples/78-265-ai.<code>.wsis or, where
# that is missing, imported from the UN's file in tests/fixtures/akn.
language-images: $(STAMP)
	$(BIN)/python tools/language_images.py --wsisc $(BIN)/wsisc --out docs/images

# Neovim using the language server (editors/nvim/init.lua) in a tmux pane, drawn from the pane's
# characters and colours (Debian's neovim and tmux): docs/images/editor-*.png, docs/editors.md.
editor-images: $(STAMP)
	$(BIN)/python tools/editor_image.py --wsisc $(BIN)/wsisc --out docs/images

# LibreOffice lays out the Word export (a few seconds; not part of make test): docs/docx.md.
docx-libreoffice: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/docx_libreoffice.py

# The live preview in headless Chromium (Debian's chromium; not part of make test, which the
# machine's image runs without it): save- and edit-to-DOM times, the diagnostics panel, the
# scroll to the cursor, no console error (docs/editors.md, "Live preview"). Fails without Chromium.
preview-browser-test: $(STAMP)
	$(BIN)/python -m pytest -q -s -p no:cacheprovider tests/preview_browser.py

test: $(STAMP)
	$(BIN)/python -m pytest

# The long fuzz run (not part of make test): 10,000 cases of each property in
# tests/test_fuzz.py, tests/test_fuzz_text.py (the import of text taken out of Word, about
# two minutes of it) and tests/test_fuzz_docx.py (Word files mutated as archives and as XML,
# about twenty), and 200 PDF builds; about 55 minutes on this two-core machine.
FUZZ_EXAMPLES ?= 10000
fuzz: $(STAMP)
	WSISC_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) WSISC_FUZZ_PDF=200 $(BIN)/python -m pytest -q -p no:cacheprovider \
	  tests/test_fuzz.py tests/test_fuzz_text.py tests/test_fuzz_docx.py --hypothesis-show-statistics

# The long run over a whole session of adopted resolutions (not part of make test): unpack the
# Akoma Ntoso archive outside the project (CORPUS_DIR, default a new temporary folder), then
# import, check, fmt --check and build to HTML every file; counts per outcome, reasons, times.
# English by default (about half a minute); LANGUAGES=all for the six languages.
CORPUS ?= ../shared/corpus/ga78-akn.tar.xz
CORPUS_DIR ?=
LANGUAGES ?= English
corpus: $(STAMP)
	$(BIN)/python benchmarks/corpus.py --archive $(CORPUS) --languages $(LANGUAGES) $(if $(CORPUS_DIR),--work $(CORPUS_DIR))

# The whole 78th session built to PDF with `wsisc build -d` (not part of make test): unpack
# CORPUS outside the project (SESSION_DIR, default a new temporary folder), import every file,
# build the English drafts, then the six languages; files and pages per second, peak memory,
# the speed-up over a process per draft, and where one draft's time goes, each figure with the
# machine's load (docs/session.md). JOBS=N for build -j N; SAMPLE=N drafts built one at a time.
SESSION_DIR ?=
JOBS ?=
SAMPLE ?= 8
session: $(STAMP)
	$(BIN)/python benchmarks/session.py --archive $(CORPUS) --sample $(SAMPLE) --profile \
	  $(if $(SESSION_DIR),--work $(SESSION_DIR)) $(if $(JOBS),--jobs $(JOBS))

# Tag the current commit with the version in wsis20/__init__.py, once the tests pass
# (README, "Releasing"). tests/test_release.py holds the README and CHANGELOG to it.
release: test
	@git diff --quiet HEAD || { echo "make release: commit your changes first" >&2; exit 1; }
	@version=$$($(BIN)/python -c "import wsis20; print(wsis20.__version__)"); \
	  git tag -a "v$$version" -m "wsisc $$version" && echo "tagged v$$version"

# The VS Code extension (editors/vscode; docs/editors.md): npm installs its locked packages once
# (package-lock.json), `make vsix` writes dist/wsisc-<version>.vsix, and `make editor-grammar-test`
# checks the grammar's scopes against what wsisc's own parser reads in examples/, and the client
# against the real `wsisc lsp` (not part of make test).
EDITOR := editors/vscode
$(EDITOR)/node_modules/.installed: $(EDITOR)/package-lock.json
	cd $(EDITOR) && npm ci --no-audit --no-fund
	touch $@

vsix: $(EDITOR)/node_modules/.installed
	cd $(EDITOR) && npm run package

editor-grammar-test: $(STAMP) $(EDITOR)/node_modules/.installed
	cd $(EDITOR) && WSISC_PYTHON=$(CURDIR)/$(BIN)/python WSISC_PATH=$(CURDIR)/$(BIN)/wsisc npm test

# editors/nvim/init.lua in a headless Neovim (0.7 or newer) with curl: the message without
# wsisc, completion, :WsiscPreview, the keys and wsisc/cursor with the real `wsisc lsp`.
editor-nvim-test: $(STAMP)
	WSISC=$(CURDIR)/$(BIN)/wsisc editors/nvim/test/run.sh

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# The language server as an editor sees it (not part of make test): milliseconds from a
# change to its diagnostics on the zero draft, with and without the quiet time, incremental
# and whole-text changes, and where a check's time goes (docs/editors.md, "Speed and safety").
bench-lsp: $(STAMP)
	$(BIN)/python benchmarks/lsp.py

clean:
	rm -rf $(VENV) build *.egg-info examples/*.html examples/*.pdf benchmarks/out dist/*.vsix $(EDITOR)/node_modules
