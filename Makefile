# Dota 2 match prediction service. `make help` lists the targets.
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)

.PHONY: help install run test test-fast lint format typecheck bench bench-scaleout profile evaluate data sdk sync clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

install: ## install Python dependencies from the lockfile (bootstraps uv if missing)
	@scripts/ensure-uv.sh
	$(UV) sync --frozen --compile-bytecode

run: install ## start Valkey, worker, API and UI; prints the URLs; Ctrl-C stops all
	$(UV) run --frozen python -m backend.launcher

test: install ## run the whole test suite (starts its own Valkey unless TEST_REDIS_URL is set)
	@scripts/install-browser.sh
	$(UV) run --frozen pytest

test-fast: install ## the tests not marked slow
	$(UV) run --frozen pytest -m "not slow"

lint: install ## ruff lint + format check, mypy, mypy --strict on the SDK examples, k8s manifests
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy
	$(UV) run --frozen mypy --strict sdk/examples
	$(UV) run --frozen python scripts/validate_kubernetes.py

format: install ## apply ruff formatting and fixes
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

evaluate: install ## train every model type on the shared datasets; writes docs/model-quality.md
	$(UV) run --frozen python scripts/evaluate.py --shared ../shared/data --out docs/model-quality.md

data: install ## rebuild backend/resources from ../shared/data
	$(UV) run --frozen python scripts/build_default_dataset.py --shared ../shared/data

sdk: install ## regenerate sdk/openapi.json and the generated SDK from the app
	$(UV) run --frozen python scripts/generate_sdk.py

sync: install ## sync OpenDota pro matches into the database's results (ARGS="--max-matches 500 --players")
	$(UV) run --frozen python -m backend.opendota $(ARGS)

bench: install ## speed/memory benchmarks side by side with their floors (~10 min); bench/results.md
	$(UV) run --frozen python bench/run.py --out bench/results.md --json bench/results.json

bench-scaleout: install ## 1->2->3 API processes behind haproxy, 3 workers, PostgreSQL+Redis; kills; bench/scaleout.md
	$(UV) run --frozen python bench/scaleout.py --out bench/scaleout.md

profile: install ## py-spy profile of POST /predict under load (method: bench/PROFILING.md)
	$(UV) run --frozen python bench/profile_predict.py

clean: ## remove local databases and caches
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
