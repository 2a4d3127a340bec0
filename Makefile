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

# The suite runs on every core (pytest-xdist): each worker has its own test database
# (pytest-django suffixes its name with the worker's, _gw0, _gw1…), and a module that loads
# the shipped data once (shipped_data, tests/conftest.py) stays whole on one worker, so the
# load is not paid twice. PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= auto

test: install $(CHROMIUM)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .schemathesis
