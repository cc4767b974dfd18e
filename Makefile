# CPRO — `make run` and `make test` do the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLUGINS := plugins/cpro_carrosserie plugins/cpro_construction_vehicules
PYTEST_ARGS ?=
# The suite in parallel, one worker per core, a test file's tests kept together on one worker.
PYTEST_PARALLEL ?= -n auto --dist loadfile

.PHONY: run serve test setup install migrate demo browser bench bench-postgres lint e2e clean

$(STAMP): pyproject.toml $(addsuffix /pyproject.toml,$(PLUGINS))
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]" $(addprefix -e ,$(PLUGINS))
	touch $@

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py sync_referentiels

demo: migrate
	$(BIN)/python manage.py load_demo

setup: demo

# Browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: run 'sudo apt-get install -y chromium' (browser tests need it)"; exit 1; fi; }

# The task worker (imports…) runs in the background beside the server and stops with it.
run: setup
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production-like: gunicorn (gunicorn_conf.py) + the task worker on DATABASE_URL (the SQLite file
# by default), production settings, static files collected and served by WhiteNoise. No demo
# data: run `make demo` first for it. SECRET_KEY is generated once into var/secret_key if unset.
serve: install
	@mkdir -p var; test -s var/secret_key || $(BIN)/python -c \
	  "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	@export DJANGO_SETTINGS_MODULE=cpro_platform.settings.production \
	  SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
	  SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}"; \
	$(BIN)/python manage.py migrate --noinput && $(BIN)/python manage.py sync_referentiels && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	{ $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/gunicorn -c python:cpro_platform.gunicorn_conf; }

test: setup browser
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

e2e: setup browser
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

bench: migrate
	$(BIN)/python -m benchmarks

# The same on a throw-away PostgreSQL (initdb/pg_ctl on a free port, or PGPORT).
bench-postgres: install
	bash benchmarks/postgres_temporaire.sh $(BIN)/python -m benchmarks

lint: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
