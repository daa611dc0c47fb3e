"""Property-based run over the OpenAPI spec: no 5xx, and every response matches the spec.

Schemathesis (pinned in the dev group) generates valid and invalid requests for every
operation from the live service's own spec. Derandomized (a fixed seed), with a bounded number
of examples per operation so the whole run takes about a minute.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance

from backend.settings import REPO_ROOT
from tests.support.live_service import LiveService, poll_until

EXAMPLES_PER_OPERATION = 40
STATUSES: Counter[int] = Counter()


@pytest.fixture(scope="module")
def live_api(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """API with a trained active model; the worker is then stopped so fits only queue."""
    live = LiveService(workdir=tmp_path_factory.mktemp("fuzz"), redis_url=redis_url).start()
    try:

        def active() -> Any:
            return httpx.get(live.base_url + "/", timeout=10).json()["active_model_id"]

        poll_until(active, timeout=180, interval=0.5)
        live.kill_worker()
        yield live
    finally:
        live.stop()
        by_status = dict(sorted(STATUSES.items()))
        print(f"\nfuzz: {sum(STATUSES.values())} requests, by status: {by_status}")


# The committed spec (a test keeps it equal to the app's), so operations are known at collection.
SCHEMA = schemathesis.openapi.from_path(str(REPO_ROOT / "sdk" / "openapi.json"))
OPERATIONS = []
for result in SCHEMA.get_all_operations():
    if isinstance(result, Err):
        raise result.err()
    OPERATIONS.append(result.ok())
# Invalid requests exist only for operations that take some input.
CASES = [
    pytest.param(operation, mode, id=f"{operation.label} {mode.value}")
    for operation in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE
    or len(operation.query) + len(operation.path_parameters) + len(operation.body)
]


@pytest.mark.parametrize(("operation", "mode"), CASES)
def test_no_server_error_and_responses_match_the_spec(
    live_api: LiveService, operation: Any, mode: GenerationMode
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,  # a fixed seed: the same requests on every run
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call_and_validate(
            base_url=live_api.base_url,
            checks=[not_a_server_error, response_schema_conformance],
            timeout=60,
        )
        STATUSES[response.status_code] += 1

    check()
