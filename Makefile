# Two commands matter: `make run` (portal with demo data on http://127.0.0.1:8000)
# and `make test` (the whole suite). Everything else is a step they share.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VENDOR := static/vendor
STAMP := $(VENV)/.installed

.PHONY: run test test-seeds setup assets migrate demo worker lint format system-packages clean

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

RUN_ADDRESS ?= 127.0.0.1:8000

run: demo
	$(BIN)/python manage.py runportal $(RUN_ADDRESS)

worker: setup
	$(BIN)/celery -A scrutiny worker --loglevel=info

# Debian packages the tests need: Chromium for the browser tests, and HarfBuzz's subsetter,
# without which WeasyPrint falls back to fontTools and the same pack is not byte-identical.
SYSTEM_PACKAGES := chromium libharfbuzz-subset0

system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		(apt-get update -qq && apt-get install -y -qq $$missing >/dev/null) \
		|| echo "Could not install $$missing: browser tests will be skipped"; \
	fi

test: setup system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses auto

# The tests that compare the portal with the real seed packs beside the checkout, where CI has them.
test-seeds: $(STAMP) system-packages
	$(BIN)/pytest -m seeds

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
