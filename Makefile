# Two commands matter: `make run` (portal with demo data on http://127.0.0.1:8000)
# and `make test` (the whole suite). Everything else is a step they share.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VENDOR := static/vendor
STAMP := $(VENV)/.installed

.PHONY: run test setup assets migrate demo worker lint format browsers clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(VENDOR)/.installed: package.json
	npm install --no-audit --no-fund --silent
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/govuk-frontend $(VENDOR)/htmx $(VENDOR)/sortablejs $(VENDOR)/trix
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(VENDOR)/govuk-frontend/
	sed 's|//# sourceMappingURL=.*||' node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js \
		> $(VENDOR)/govuk-frontend/govuk-frontend.min.js
	# Council services are not on GOV.UK, so they must not use the GDS Transport typeface.
	sed -e 's#url(/assets/#url(assets/#g' -e 's#GDS Transport,arial#arial#g' -e 's|/\*# sourceMappingURL=[^*]*\*/||' \
		node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
		> $(VENDOR)/govuk-frontend/govuk-frontend.min.css
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/sortablejs/Sortable.min.js $(VENDOR)/sortablejs/
	sed 's|//# sourceMappingURL=.*||' node_modules/trix/dist/trix.umd.min.js > $(VENDOR)/trix/trix.umd.min.js
	cp node_modules/trix/dist/trix.css node_modules/trix/LICENSE $(VENDOR)/trix/
	touch $(VENDOR)/.installed

setup: $(STAMP) assets
assets: $(VENDOR)/.installed

migrate: setup
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runportal

worker: setup
	$(BIN)/celery -A scrutiny worker --loglevel=info

browsers:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "chromium is not installed: browser tests will be skipped"

test: setup browsers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
