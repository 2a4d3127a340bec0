# essmap — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Development defaults; production sets its own environment (see README).
export DEBUG ?= 1

.PHONY: run test install lint format bootstrap clean

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

run: bootstrap
	@echo "essmap : http://127.0.0.1:$(PORT)/  (administration : /admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

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

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
