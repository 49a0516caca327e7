# Refah — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON := $(shell scripts/find-python)
# A uv on the PATH only if it runs (a pyenv shim of another Python version is on the PATH but cannot).
UV := $(or $(shell uv --version >/dev/null 2>&1 && command -v uv),.tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
RUN := $(UV) run --frozen --python $(PYTHON)
SEED ?= 42
PROVINCE ?= IĞDIR
HOUSEHOLDS ?= 50000

.PHONY: demo test install lint serve synth bench-registry clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.9,<0.14"

# Bytecode is written once here: where PYTHONDONTWRITEBYTECODE is set (CI's machines set it), every process would
# otherwise compile each module it imports again (Django and the model libraries: about 5 s a process).
install: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --compile-bytecode
	@.venv/bin/python -m compileall -q -j 0 refah config bench

demo: install
	$(RUN) refah migrate --no-input
	$(RUN) refah load_reference_data
	$(RUN) refah synth --province "$(PROVINCE)" --households $(HOUSEHOLDS) --seed $(SEED) --if-empty
	$(RUN) refah demo_users
	$(RUN) refah eligibility run --period "$$(date +%Y-%m)" --if-empty
	$(RUN) refah demo_scenario
	$(RUN) refah timers start
	@# The worker runs the timers and other background tasks beside the server, and stops when the server stops.
	$(RUN) refah db_worker --no-reload & worker=$$!; \
	$(RUN) refah simulators serve --port 8099 & simulators=$$!; \
	trap 'kill $$worker $$simulators 2>/dev/null; wait $$worker $$simulators' EXIT; \
	$(RUN) refah runserver 127.0.0.1:8000

test: install
	$(RUN) ruff check .
	$(RUN) pytest -n 2 --dist loadfile --durations=25

lint: install
	$(RUN) ruff check . && $(RUN) ruff format --check .

bench-registry: install
	$(RUN) python bench/registry_load.py --households 1000000

clean:
	rm -rf .venv .tools var/*.sqlite3 var/media var/static
