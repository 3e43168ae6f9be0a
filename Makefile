# The project's vocabulary. `make run` and `make test` are all a newcomer needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup install test fuzz lint format messages translations secretariat-user check lock clean browsers screenshots load bench backup restore

# The development server and, beside it, the background worker that sends e-mails and the
# scheduled jobs, once a minute; all stop with Ctrl+C.
run: setup
	$(BIN)/python manage.py db_worker & worker=$$!; \
	$(BIN)/python manage.py run_scheduled_jobs --every 60 & jobs=$$!; \
	trap 'kill $$worker $$jobs 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

setup: install translations
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_reference_data

install: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

# Compiled with Babel so that no system gettext is needed to run the site.
translations: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

test: install translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The deep runs: ten thousand generated requests over every page, many examples of every
# filter and form, schemathesis over the whole API. In one process: the URL fuzz counts its requests.
fuzz: install translations
	FUZZ_REQUESTS=10000 HYPOTHESIS_PROFILE=deep $(BIN)/python -m pytest --numprocesses=0 \
		tests/test_fuzz_urls.py tests/test_fuzz_filters.py tests/test_forms_refuse_bad_data.py \
		tests/test_api_schema.py $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Extracting strings needs GNU gettext (xgettext), unlike compiling them.
messages: install
	$(BIN)/python manage.py makemessages --all --no-location --ignore '.venv/*' --ignore 'static/*'

# Browser tests drive Debian's chromium; without it they are skipped.
browsers:
	test -x /usr/bin/chromium || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }

# Full-page pictures of the main pages, both languages, desktop and phone, in screenshots/.
screenshots: install translations browsers
	$(BIN)/python -m pytest tests/browser/screenshots.py

# Gunicorn with production settings on PostgreSQL under 50 clients for 60 s; see bench/README.md.
load: install translations
	$(BIN)/python bench/load.py

# 10,000 meetings and 100,000 recommendations, every public page measured against a bare
# view with wrk, page cache on and off, then two servers sharing one database and one Redis;
# see bench/README.md. Needs PostgreSQL and Redis on this machine.
bench: install translations
	command -v wrk >/dev/null || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q wrk; }
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

secretariat-user: setup
	$(BIN)/python manage.py create_secretariat_user

# The whole site (database, uploaded and protected files) in one archive, and back.
ARCHIVE ?= backups/rabat-process-$(shell date +%Y-%m-%d-%H%M%S).tar.gz

backup: install
	mkdir -p $(dir $(ARCHIVE))
	$(BIN)/python manage.py backup_site $(ARCHIVE)

# Into an empty database only: make restore ARCHIVE=backups/rabat-process-….tar.gz
restore: install
	@test "$(origin ARCHIVE)" != file || { echo "Name the archive: make restore ARCHIVE=path/to/archive.tar.gz"; exit 2; }
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py restore_site $(ARCHIVE)

lock:
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --generate-hashes --extra dev --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles
