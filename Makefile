# ExamDesk: `make run` serves the demo-filled application; `make serve` the same with several
# processes behind HAProxy and Redis; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app run
export EXAMDESK_CONFIG ?= config.DevelopmentConfig

PROCESSES ?= 2

.PHONY: run serve serve-deps test install install-test lock translations extract-messages browser-deps db-upgrade demo bench lint permissions-doc

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.lock pins every tested version (runtime, test and bench extras) with its hashes: both
# installs take exactly those, then the project itself without resolving anything again.
LOCK := requirements.lock

$(VENV)/.installed: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed

# Refresh requirements.lock after a change of pyproject.toml's dependencies: the current pins are
# kept; `make lock UPGRADE=1` moves every package to its newest version allowed by pyproject.toml.
lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --extra bench --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
		--output-file $(LOCK) pyproject.toml

# The catalogues are build output (ignored by git): extract the msgids afresh into messages.pot,
# build fr and en messages.po from it and the tracked app/translations/fragments/*.po, compile.
translations: extract-messages
	$(BIN)/python -m app.translations.merge_fragments
	$(BIN)/pybabel compile -d app/translations

extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k ngettext -k pgettext:1c,2 -k lazy_pgettext:1c,2 -o app/translations/messages.pot . >/dev/null

db-upgrade: install translations
	$(FLASK) db upgrade

demo: db-upgrade
	$(FLASK) demo load

# One process: gunicorn with one gevent worker (deploy/gunicorn.conf.py), no balancer, no Redis.
run: db-upgrade
	$(FLASK) demo load-if-empty
	$(BIN)/python run.py

# PROCESSES gunicorn processes behind HAProxy (sticky cookie) on PORT (5000), sharing Socket.IO,
# login limits and jobs through REDIS_URL (a private redis-server when unset); DATABASE_URL.
serve: db-upgrade serve-deps
	$(FLASK) demo load-if-empty
	$(BIN)/python -m deploy.serve --processes $(PROCESSES)

# The balancer and Redis come from Debian's packages, as Chromium does.
serve-deps:
	@for tool in haproxy redis-server; do \
		if ! command -v $$tool >/dev/null && [ ! -x /usr/sbin/$$tool ]; then \
			if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq haproxy redis-server >/dev/null; \
			else echo "$$tool missing: sudo apt-get install haproxy redis-server"; fi; fi; done

# Chromium for the browser tests comes from Debian's packages (Playwright cannot download it here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "chromium missing: sudo apt-get install chromium"; fi; fi
	@if [ -f package.json ] && [ ! -d node_modules ]; then npm install --no-audit --no-fund --silent; fi

# The whole suite on SQLite (the default), then the database tests again on PostgreSQL when
# TEST_DATABASE_URL names one (.ci/run sets it when PostgreSQL answers).
test: install-test translations browser-deps serve-deps
	env -u TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the database tests again, on PostgreSQL ($$TEST_DATABASE_URL) =="; \
		$(BIN)/pytest -m "not browser"; fi

# Benchmarks against their baselines (not part of `make test`): docs/performance.md. They need
# the `bench` extras (in the lock: socket.io and HTTP load generators), HAProxy and Redis, and
# PostgreSQL at BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
bench: install translations serve-deps
	PYTHONPATH=. $(BIN)/python -m bench.list_page
	PYTHONPATH=. $(BIN)/python -m bench.export_xlsx
	PYTHONPATH=. $(BIN)/python bench/bench_sessions.py
	PYTHONPATH=. $(BIN)/python -m bench.throughput
	PYTHONPATH=. $(BIN)/python -m bench.chat_load

lint: install-test
	$(BIN)/ruff check app tests bench

permissions-doc: install
	$(FLASK) docs permissions
