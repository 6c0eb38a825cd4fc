# The virtual environment lives in .venv; every target uses it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install lint typecheck test golden render check bench deploy-bench lint-estate diagram-docs clean

$(BIN)/relecloud: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/relecloud

# Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE): without it every test
# process, and every CLI run a test starts, compiles the project (and rewrites the tests' asserts) from source again.
unexport PYTHONDONTWRITEBYTECODE

## Run the whole test suite on every CPU (pytest-xdist, a test file per worker at a time, the longest first by the
## durations of earlier runs: tests/conftest.py; PYTEST_ARGS='-n 0' runs it in this process, PYTEST_ARGS='-k NAME' a
## part of it).
test: install lint typecheck
	$(BIN)/python -m pytest -q -n auto --dist loadfile $(PYTEST_ARGS)

## Rewrite the golden files from what the code does now: the rule book's expected findings (tests/lint/fixtures/)
## and the snapshot of the bundled render (tests/golden/). Review with `git diff tests/` before committing.
golden: install
	$(BIN)/python -m pytest -q -n auto --dist loadfile tests/lint/test_rules.py tests/render/test_render_cli.py \
		-k "expected_findings or golden_snapshot" --update-golden

## The project checks itself: ruff (pyproject.toml [tool.ruff]) over the code, the tests and the tools.
lint: install
	$(BIN)/ruff check --quiet .

## mypy (pyproject.toml [tool.mypy]: strict for arm/ and lint/, check_untyped_defs elsewhere).
typecheck: install
	$(BIN)/mypy

## Render the bundled Relecloud scenario into $(OUT)/ and show what was kept and pruned.
render: install
	$(BIN)/relecloud render --example --explain -o $(OUT)

## Fail when $(OUT)/ no longer matches the bundled scenario.
check: install
	$(BIN)/relecloud render --example --check -o $(OUT)

## Redraw the picture of the bundled estate that the README shows (a test keeps it in step with the plan).
diagram-docs: install
	$(BIN)/relecloud diagram scenarios/relecloud.yaml --format svg -o docs/estate.svg

## Validate the bundled scenario and what render produced.
lint-estate: render
	$(BIN)/relecloud validate scenarios/relecloud.yaml $(OUT)

## Benchmarks (not tests): print timings and ratios.
bench: install deploy-bench
	$(BIN)/python bench/run.py

## Deploy benchmark: whole-estate deploy against the ARM emulator, wall time vs critical path.
deploy-bench: install
	$(BIN)/python bench/deploy_bench.py

clean:
	rm -rf $(OUT) .pytest_cache
