# styrkedja: developer commands. `make help` lists them.
#
# Everything the project needs is installed by `make setup` (run by the other targets):
# uv and the locked Python environment in .venv, Debian's Chromium, poppler-utils, fonts
# and PostgreSQL 15 when missing, and axe-core from package-lock.json into node_modules.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help

# `uv` on PATH, or the one `make setup` installs with pip.
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
BIN := .venv/bin
# Debian packages the tests need; `postgresql-15` and `npm` are added when missing. hunspell and
# hunspell-sv are the spelling check's dictionary (src/styrkedja/checks/spelling.py). The fonts are the
# reports' fallback chain (src/styrkedja/reports/renderers/fonts.py): any script, symbol or emoji prints.
DEB_PACKAGES := chromium poppler-utils hunspell hunspell-sv fonts-dejavu-core fonts-open-sans \
	fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-symbola
# pytest-xdist worker processes (0 = one process). Measured on the 2-core machine with
# 300 database tests and 30 browser tests: `-n 2` was no faster (Chromium and the test
# process already keep both cores busy, and each worker migrates its own database), so
# the default is one process. PYTEST_ARGS adds options: `make test PYTEST_ARGS="-k budget"`.
PYTEST_WORKERS ?= 0
# `make test` runs the suite on SQLite and on PostgreSQL at once (parallel), or one after the other
# (serial). At once, the two runs share the two cores: the SQLite run is one busy process, the PostgreSQL
# run a test process and the server's, each waiting on the other part of the time.
TEST_PHASES ?= parallel
PYTEST_ARGS ?=
# The benchmarks `make bench` runs (bench/concurrency.py starts its own PostgreSQL 15, as `make test` does).
BENCH ?= bench/*.py
PYTEST := $(BIN)/pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS)) -rfEs --durations=5 $(PYTEST_ARGS)

.PHONY: help setup run test lint pytest bench clean distclean

help:
	@cat <<'EOF'
	make setup      install what is missing (quick when everything is there)
	make run        migrate, load the demo plan and users, serve http://127.0.0.1:8000
	make test       lint, then the test suite on SQLite and on a throwaway PostgreSQL 15
	make lint       ruff format --check, ruff check, mypy, import-linter (the layers)
	make pytest     the test suite on SQLite only (PYTEST_ARGS="..." to pass options)
	make bench      run every bench/*.py (BENCH=bench/concurrency.py: one of them)
	make clean      remove caches, test artifacts and var/ (the local database)
	make distclean  clean, and remove .venv and node_modules too
	EOF

setup:
	@if ! command -v uv >/dev/null 2>&1 && ! python3 -m uv --version >/dev/null 2>&1; then
		echo "setup: installing uv with pip"
		python3 -m pip install --quiet uv \
			|| python3 -m pip install --quiet --user --break-system-packages uv
	fi
	$(UV) sync --frozen --quiet
	missing=()
	if command -v dpkg-query >/dev/null 2>&1; then
		for pkg in $(DEB_PACKAGES); do
			dpkg-query -W -f='$${Status}' "$$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$$pkg")
		done
		if [[ ! -x "$$(pg_config --bindir 2>/dev/null)/initdb" && ! -x /usr/lib/postgresql/15/bin/initdb ]]; then
			missing+=(postgresql-15)
		fi
		command -v npm >/dev/null 2>&1 || missing+=(npm)
	else
		echo "setup: not a Debian system; install by hand: Chromium, poppler-utils, hunspell with its Swedish dictionary (hunspell-sv), the fonts (DejaVu, Open Sans, Noto, Noto CJK, Noto Color Emoji, Symbola), PostgreSQL 15, npm" >&2
	fi
	if (( $${#missing[@]} )); then
		echo "setup: installing Debian packages: $${missing[*]}"
		if [[ "$$(id -u)" -eq 0 ]]; then sudo=(); elif command -v sudo >/dev/null 2>&1; then sudo=(sudo); else sudo=(none); fi
		if [[ "$${sudo[*]}" == none ]]; then
			echo "setup: not root and no sudo. Install them yourself, then run make again:" >&2
			echo "    apt-get install --no-install-recommends $${missing[*]}" >&2
			echo "setup: going on without them (browser tests skip outside CI; other tests may fail)" >&2
		else
			export DEBIAN_FRONTEND=noninteractive
			"$${sudo[@]}" apt-get update -qq
			"$${sudo[@]}" apt-get install -y -qq --no-install-recommends "$${missing[@]}" >/dev/null
		fi
	fi
	if [[ ! -f node_modules/axe-core/axe.min.js || package-lock.json -nt node_modules/.package-lock.json ]]; then
		echo "setup: npm ci"
		npm ci --no-audit --no-fund --loglevel=error
	fi

run: export STYRKEDJA_DEBUG := 1
run: export STYRKEDJA_DATA_DIR := var
run: setup
	@mkdir -p var
	$(BIN)/styrkedja migrate
	$(BIN)/styrkedja demo
	exec $(BIN)/styrkedja runserver 127.0.0.1:8000

# All checks run; the exit code is non-zero if any failed. (A shell snippet rather than
# `$(MAKE) lint` in `test`, so that `make -n test` does not run the tests.)
# mypy's Django plugin loads the settings, which want a secret key or the development flag.
LINT_SH := export STYRKEDJA_INSECURE_DEV=1; failed=(); \
	for check in "ruff format --check --output-format concise ." "ruff check --output-format concise ." mypy "lint-imports --no-cache"; do \
		echo "--- $$check"; $(BIN)/$$check || failed+=("$$check"); \
	done; \
	if (( $${\#failed[@]} )); then echo "lint: FAILED: $${failed[*]}" >&2; exit 1; fi

lint: setup
	@bash -c '$(LINT_SH)'

pytest: setup
	@env -u DATABASE_URL $(PYTEST)

# Every phase runs even if an earlier one failed; the exit code is non-zero if any did.
test: setup
	@names=(); results=(); seconds=()
	phase() {
		local name=$$1 start rc=0; shift
		printf '\n%s\n==> %s\n%s\n' "$$(printf '=%.0s' {1..78})" "$$name" "$$(printf '=%.0s' {1..78})"
		start=$$SECONDS
		"$$@" || rc=$$?
		names+=("$$name"); seconds+=($$((SECONDS - start)))
		if (( rc == 0 )); then results+=(ok); else results+=("FAILED (exit $$rc)"); fi
	}
	phase "lint: ruff format, ruff check, mypy" bash -c '$(LINT_SH)'
	if [[ "$(TEST_PHASES)" == parallel ]]; then
		# The PostgreSQL tests run in the background, into a log shown whole when they end; the SQLite
		# tests print as they go.
		pg_log=$$(mktemp); pg_start=$$SECONDS
		(scripts/with-postgres $(PYTEST) >"$$pg_log" 2>&1) & pg_pid=$$!
		phase "tests on SQLite (PostgreSQL's run beside them)" env -u DATABASE_URL $(PYTEST)
		pg_rc=0; wait $$pg_pid || pg_rc=$$?
		phase "tests on PostgreSQL 15 (their log)" bash -c "cat '$$pg_log'; exit $$pg_rc"
		seconds[-1]=$$((SECONDS - pg_start)); rm -f "$$pg_log"
	else
		phase "tests on SQLite" env -u DATABASE_URL $(PYTEST)
		phase "tests on PostgreSQL 15" scripts/with-postgres $(PYTEST)
	fi
	printf '\n==> summary\n'
	status=0
	for i in "$${!names[@]}"; do
		printf '  %-40s %5ss  %s\n' "$${names[$$i]}" "$${seconds[$$i]}" "$${results[$$i]}"
		[[ "$${results[$$i]}" == ok ]] || status=1
	done
	exit $$status

# wrk generates the load of bench/web.py (a target-specific variable reaches the setup prerequisite too).
bench: DEB_PACKAGES += wrk
bench: export STYRKEDJA_INSECURE_DEV ?= 1
bench: export DJANGO_SETTINGS_MODULE ?= styrkedja.settings
bench: setup
	@shopt -s nullglob
	files=($(BENCH))
	if (( ! $${#files[@]} )); then echo "bench: no bench/*.py yet"; exit 0; fi
	for file in "$${files[@]}"; do
		echo "==> $$file"
		$(BIN)/python "$$file"
	done

clean:
	rm -rf .cache .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist var
	find . -path ./.venv -prune -o -path ./node_modules -prune -o \
		\( -name __pycache__ -o -name '*.egg-info' \) -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf .venv node_modules
