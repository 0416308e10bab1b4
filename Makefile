# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GRAPH  := build/qujing

SITE   := build/site

.PHONY: demo test install clean bench browser

$(STAMP): pyproject.toml
	@# followthemoney needs PyICU, built from source against the ICU headers
	@dpkg -s libicu-dev pkg-config >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium and a CJK font for the site's browser tests and screenshots (skipped when present).
browser:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; fi

demo: $(STAMP) browser
	$(BIN)/kg build data/gazettes/qujing --out $(GRAPH)
	@echo
	$(BIN)/kg documents --graph $(GRAPH)
	@echo
	@echo "Which bureaus are lead units on the most tasks?"
	$(BIN)/kg query lead-units --graph $(GRAPH) --format csv | head -16
	@echo
	@echo "Next:"
	@echo "  $(BIN)/kg query agency-profile --graph $(GRAPH) --param agency=市能源局   # what it is responsible for, with whom, by when"
	@echo "  $(BIN)/kg query leader-oversight --graph $(GRAPH)                       # which leader oversees which tasks"
	@echo "  $(BIN)/kg export responsibilities --graph $(GRAPH) -o responsibilities.csv"
	@echo "  $(BIN)/kg person 李石松 --graph $(GRAPH)                                  # a leader's posts and events"
	@echo "  $(BIN)/kg resolve 市发改委 --in 曲靖市                                           # why a spelling is that agency"
	@echo "  $(BIN)/kg query                                                          # every canned query"
	@echo "  $(BIN)/kg eval                                                           # precision and recall against the gold sets"
	@echo
	@echo "Pages for journalists (search, a page per entity, networks, timeline):"
	$(BIN)/kg site --graph $(GRAPH) --out $(SITE)
	$(BIN)/python -m visualizations.browser $(SITE) $(GRAPH) 市能源局 docs/img

test: $(STAMP) browser
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -q

# Benchmarks print tables (never timed tests): the build at 1× and 10× the sample with 1 and 2 jobs,
# the site, and the Bolt load and query latency (starts its own ArcadeDB server).
bench: $(STAMP)
	$(BIN)/python benchmarks/scale.py --scales 1,10 --jobs 1,2
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/neo4j.py

clean:
	rm -rf $(VENV) build .pytest_cache
