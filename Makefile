# Xiplomacy workbook. `make help` lists the targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | cksum | cut -d' ' -f1)

.DEFAULT_GOAL := help
.PHONY: help setup reports test lint lab app clean reproduce bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	rm -f $(VENV)/.installed-*; touch $@

setup: $(STAMP) ## create .venv and install requirements.txt (done by every target that needs it)

reports: $(STAMP) ## build every report page and reports/index.html (offline)
	$(BIN)/python -m xiplomacy publish

test: $(STAMP) ## lint, validate the data package, unit tests, and run every notebook (nbval)
	$(BIN)/ruff check lib tests benchmarks notebooks
	$(BIN)/frictionless validate data/datapackage.json
	$(BIN)/python -m xiplomacy code --check
	$(BIN)/python -m pytest -n auto --dist loadgroup tests
	$(BIN)/python -m pytest --nbval-lax -p no:cacheprovider notebooks

lint: $(STAMP) ## ruff on the package, tests and notebooks
	$(BIN)/ruff check lib tests benchmarks notebooks

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab --ip 127.0.0.1 notebooks

app: $(STAMP) ## serve the explorer as a Voila app on http://127.0.0.1:8866 (offline template in app/)
	JUPYTER_PATH=$(CURDIR)/app $(BIN)/voila --Voila.ip=127.0.0.1 --port=8866 --no-browser --template=offline notebooks/00-explorer.ipynb

bench: $(STAMP) ## run the benchmarks (prints figures; see benchmarks/README.md)
	$(BIN)/python benchmarks/bench_coder.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_publish.py

clean: ## remove generated reports and caches (keeps .venv)
	rm -rf reports quarantine .pytest_cache .hypothesis dask-worker-space
	find . -name __pycache__ -not -path './.venv/*' -exec rm -rf {} +

reproduce: clean reports ## rebuild every output from scratch
