# Two commands on a fresh machine:  make demo  (set up, build the example)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/wsis20-zero-draft

.PHONY: setup demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/wsisc check $(EXAMPLE).wsis
	$(BIN)/wsisc build $(EXAMPLE).wsis -o $(EXAMPLE).html
	$(BIN)/wsisc build $(EXAMPLE).wsis --view clean -o $(EXAMPLE).clean.html
	@echo "Built $(EXAMPLE).html (negotiation view) and $(EXAMPLE).clean.html (clean view)."

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build *.egg-info examples/*.html examples/*.pdf benchmarks/out
