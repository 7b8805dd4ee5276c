# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run demo test lint install clean translations

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/flask db upgrade
	$(BIN)/flask policies load
	$(BIN)/flask bootstrap
	@# a job consumer beside the web server, stopped when the server stops
	@$(BIN)/flask jobs consumer & consumer=$$!; \
	trap 'kill -INT $$consumer 2>/dev/null; wait $$consumer 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask run --host $(HOST) --port $(PORT)

demo: $(STAMP)
	DATABASE_URL=sqlite:///$(CURDIR)/instance/demo.db AUDIT_HEAD_FILE=$(CURDIR)/instance/demo-audit-head.json $(BIN)/flask db upgrade
	DATABASE_URL=sqlite:///$(CURDIR)/instance/demo.db AUDIT_HEAD_FILE=$(CURDIR)/instance/demo-audit-head.json $(BIN)/flask policies load
	DATABASE_URL=sqlite:///$(CURDIR)/instance/demo.db AUDIT_HEAD_FILE=$(CURDIR)/instance/demo-audit-head.json $(BIN)/flask seed-demo --incidents 400
	DATABASE_URL=sqlite:///$(CURDIR)/instance/demo.db AUDIT_HEAD_FILE=$(CURDIR)/instance/demo-audit-head.json $(BIN)/flask run --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	bash scripts/run-tests.sh

# The interface's message catalogs (incidents/translations, domain "messages"): extract every
# marked string into messages.pot, merge it into each language's messages.po, and compile the
# .mo files (committed, so a fresh checkout runs without this step). Translate the new or fuzzy
# entries of each .po, then run it again; tests/test_i18n_catalogs.py says what is missing.
translations: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg \
		--ignore-dirs='.* __pycache__' -k _l -k lazy_gettext -k N_ -k NC_:1c,2 --project=frt-incidents --version=0.1.0 -o incidents/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete \
		-i incidents/translations/messages.pot -d incidents/translations
	$(BIN)/pybabel compile --statistics -d incidents/translations

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache dist build
