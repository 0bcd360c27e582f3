# The two commands of the README: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

# The settings refuse to start without a profile; these commands ask for the laptop one explicitly.
# A server sets DJANGO_ENV=production itself (deploy/README.md).
export DJANGO_ENV := development

# What the tests run against (started by .ci/services when they are down).
TEST_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \
	REDIS_URL=redis://127.0.0.1:6379/15 \
	CELERY_TASK_ALWAYS_EAGER=true \
	DJANGO_ALLOW_ASYNC_UNSAFE=true

.PHONY: setup system-packages run test translations translations-update lock api-schema bench demo-totp clean

## setup: virtualenv with the locked packages, front-end assets, compiled translations (idempotent)
setup: system-packages $(VENV)/.installed node_modules/.installed static/vendor/portal.css translations

system-packages:
	.ci/system-packages

$(VENV)/.installed: requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/portal.css: node_modules/.installed static/src/portal.scss static/src/build.mjs
	npm run --silent build

translations: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
	$(PY) manage.py eidas_keys --if-missing

## run: set everything up and serve the portal with demo data on http://127.0.0.1:8000
run: setup
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_demo_data
	$(PY) manage.py runserver $(HOST):$(PORT)

## test: lint, migrations check, translations check and the whole pytest suite on PostgreSQL and Redis
test: setup
	.ci/services
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -ll -c pyproject.toml -r portal procedures
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run -v1
	$(TEST_ENV) $(PY) manage.py check_translations
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

## translations-update: extract new strings into the Lithuanian and English catalogues
translations-update: $(VENV)/.installed
	$(PY) manage.py makemessages -l lt -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=static/vendor --ignore=tests --ignore=bench --ignore=deploy

## lock: re-pin the dependencies declared in pyproject.toml
lock: $(VENV)/.installed
	$(VENV)/bin/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml

## api-schema: regenerate the committed OpenAPI schema of /api/v1/ (a test fails when it is out of date)
api-schema: $(VENV)/.installed
	LANGUAGE_CODE=en $(PY) manage.py spectacular --validate --fail-on-warn --file portal/backoffice/api/openapi.yaml

## bench: performance benchmarks (see bench/README.md); each runs even when one before it failed,
## and the target fails when any of them did (1: an error, no figure; 2: a target missed)
BENCHMARKS := run pdf pipeline audit
bench: setup
	.ci/services
	@status=0; for name in $(BENCHMARKS); do \
		echo "== bench/$$name.py"; $(PY) bench/$$name.py || status=1; \
	done; exit $$status

## demo-totp: the current second-factor code of a demo staff account, e.g. make demo-totp EMAIL=admin@demo.example
demo-totp:
	@$(PY) manage.py demo_totp_code $(EMAIL)

clean:
	rm -rf $(VENV) node_modules static/vendor var
