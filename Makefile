# essmap — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The settings default to production (DEBUG off, docs/environment.md): each recipe says what it
# needs. `make dev` and `make bootstrap` the development settings, `make run` and `make fuzz`
# the production ones on plain HTTP (PROD_ENV), `make test` its own (tests/settings.py).
DEV_ENV = DEBUG=1
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

# A target's variables reach its prerequisites: `make run` bootstraps with PROD_ENV.
BOOTSTRAP_ENV = $(DEV_ENV)
run: BOOTSTRAP_ENV = $(PROD_ENV)

bootstrap: install $(SECRET_KEY_FILE)
	@$(BOOTSTRAP_ENV) $(BIN)/python manage.py migrate --noinput
	@$(BOOTSTRAP_ENV) $(BIN)/python manage.py createcachetable
	@$(BOOTSTRAP_ENV) $(BIN)/python manage.py load_shipped_data

# Generated once; kept in var/ (never committed), so sessions survive a restart.
$(SECRET_KEY_FILE):
	@mkdir -p $(dir $@)
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

# Production settings served on plain HTTP at 127.0.0.1: no HTTPS redirect, HSTS or secure
# cookies there (a production server behind HTTPS keeps their defaults, see
# docs/environment.md). No mail server either: e-mails are written as files into var/mails/
# (one .log file per sending, to open with any text editor).
PROD_ENV = DEBUG=0 SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost,[::1]}" \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 ESSMAP_SECURE_COOKIES=0 \
	EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}" \
	EMAIL_FILE_PATH="$${EMAIL_FILE_PATH:-$(CURDIR)/var/mails}" \
	ESSMAP_SITE_URL="$${ESSMAP_SITE_URL:-http://127.0.0.1:$(PORT)}"

# gunicorn, DEBUG=0, whitenoise, French error pages: essmap as it is used.
run: bootstrap
	@$(PROD_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	@echo "Courriels envoyés : écrits dans var/mails/ (serveur SMTP : docs/environment.md)."
	@echo "essmap : http://127.0.0.1:$(PORT)/  (administration : /admin/)"
	$(PROD_ENV) GUNICORN_BIND=127.0.0.1:$(PORT) \
		$(BIN)/gunicorn essmap.wsgi -c essmap/gunicorn_conf.py

# For developers: Django's server, DEBUG=1, reloaded on every change.
dev: bootstrap
	@echo "essmap (développement) : http://127.0.0.1:$(PORT)/"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

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

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .schemathesis
