# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GRAPH  := build/qujing

.PHONY: demo test install clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build data/gazettes/qujing --out $(GRAPH)
	@echo
	$(BIN)/kg documents --graph $(GRAPH)
	@echo
	$(BIN)/kg stats --graph $(GRAPH)
	@echo
	@echo "Next:"
	@echo "  $(BIN)/kg export documents --graph $(GRAPH) --format csv -o documents.csv"
	@echo "  $(BIN)/kg query                      # list the canned queries"
	@echo "  $(BIN)/kg query citations --graph $(GRAPH) --param doc=曲政办发〔2022〕33号"
	@echo "  $(BIN)/kg --help"

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/store.py

clean:
	rm -rf $(VENV) build .pytest_cache
