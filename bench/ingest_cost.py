"""What one small results post costs with a long stored history and many ready models.

One live service (API + worker, SQLite file, embedded Valkey) from a chosen checkout:
1. the service trains its default model on first start (logistic regression on the bundled
   pro matches, ordered by match_id);
2. about 55k real results are stored: the public 2024 matches and the 2019-20 league matches of
   ../shared/data, posted unchanged (the routes read both upstream formats). The newest
   ``HELD_BACK`` rows of the 2024 file are held back;
3. the model is exported once and imported 14 times under new ids (GET /api/v1/models/export,
   POST /api/v1/models/import): 15 ready models; the active one is served once (cached);
4. each held-back row (a real match, never stored before) is posted alone and timed, beside a
   ``GET /`` of the same service as the floor.

No match outcome is made up and no row is reused under another id.

Usage: ``uv run python bench/ingest_cost.py [--root CHECKOUT] [--posts N] [--postgres]``;
``--root`` runs another checkout's code (e.g. the commit before a change) with this checkout's
venv; ``--postgres`` uses a new database on the PostgreSQL server at 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.services import BenchService, start_valkey
from tests.support.live_service import poll_until, stop_process
from tests.support.shared_data import LEAGUE, PUBLIC_2024, shared_dir

MODELS = 15
HELD_BACK = 40
DRAFT = {
    "radiant": [{"hero_id": h} for h in (1, 2, 3, 4, 5)],
    "dire": [{"hero_id": h} for h in (6, 7, 8, 9, 10)],
}


def upstream(name: str) -> bytes:
    found = shared_dir()
    if found is None:
        raise SystemExit("needs ../shared/data (or DOTA_SHARED_DATA)")
    return gzip.decompress((found / name).read_bytes())


def post_results(client: httpx.Client, content: bytes) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    response = client.post(
        "/api/v1/data/results", files={"file": ("results.csv", content, "text/csv")}
    )
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.text[:2000]
    body: dict[str, Any] = response.json()
    return elapsed, body


def ready_models(client: httpx.Client) -> list[dict[str, Any]]:
    listed = client.get("/api/v1/models/list").json()
    return [m for m in listed["models"] if m["status"] == "ready"]


def run(
    root: Path,
    posts: int,
    database: str | None = None,
    models: int = MODELS,
    history: bool = True,
) -> dict[str, Any]:
    public = upstream(PUBLIC_2024).splitlines(keepends=True)
    header, rows = public[0], public[1:]
    # The newest HELD_BACK matches (highest match ids) are posted later, one by one and oldest
    # first, as new results arrive in production: after everything already stored.
    rows.sort(key=lambda row: int(row.split(b",", 1)[0]))
    stored_2024 = header + b"".join(rows[:-HELD_BACK])
    singles = [header + row for row in rows[-HELD_BACK:]][:posts]
    league = upstream(LEAGUE)
    valkey, redis_url = start_valkey()
    with tempfile.TemporaryDirectory(prefix="ingest-cost-") as tmp:
        service = BenchService(workdir=Path(tmp), redis_url=redis_url, root=root, database=database)
        try:
            # The checkout's own migrations (it may be older than this one).
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from backend.db.migrate import upgrade_to_head; "
                    "upgrade_to_head(sys.argv[1])",
                    service.database_url,
                ],
                cwd=root,
                env=service.env() | {"PYTHONPATH": str(root)},
                check=True,
            )
            service.start_worker()
            service.start_api()
            with service.client() as client:
                first = poll_until(lambda: ready_models(client) or None, timeout=600, interval=1)
                base_id = first[0]["model_id"]
                stored = 0
                bulk_seconds = []
                for content in (stored_2024, league) if history else ():
                    seconds, body = post_results(client, content)
                    stored += body["ingested"]
                    bulk_seconds.append(round(seconds, 2))
                export = client.get("/api/v1/models/export", params={"model_id": base_id})
                assert export.status_code == 200, export.text
                for i in range(1, models):
                    imported = client.post(
                        "/api/v1/models/import",
                        data={"model_id": f"copy-{i:03d}"},
                        files={"file": ("m.zip", io.BytesIO(export.content), "application/zip")},
                    )
                    assert imported.status_code in (200, 201), imported.text
                assert len(ready_models(client)) == models
                served = client.post("/api/v1/models/predict", json=DRAFT)
                assert served.status_code == 200, served.text
                floor = []
                for _ in range(50):
                    start = time.perf_counter()
                    assert client.get("/").status_code == 200
                    floor.append(time.perf_counter() - start)
                times: list[float] = []
                last: dict[str, Any] = {}
                for single in singles:
                    seconds, last = post_results(client, single)
                    assert last["ingested"] == 1, last
                    times.append(seconds)
                    start = time.perf_counter()
                    assert client.get("/").status_code == 200
                    floor.append(time.perf_counter() - start)
            updated = {m["model_id"]: m for m in last["models_updated"]}
            return {
                "root": str(root),
                "database": service.database_url.split(":", 1)[0],
                "models": models,
                "results_stored": stored,
                "bulk_post_seconds": bulk_seconds,
                "posts_timed": len(times),
                "post_1_row_ms_median": round(1000 * statistics.median(times), 1),
                "post_1_row_ms_min": round(1000 * min(times), 1),
                "post_1_row_ms_max": round(1000 * max(times), 1),
                "get_root_ms_median": round(1000 * statistics.median(floor), 2),
                "ratio_to_floor": round(statistics.median(times) / statistics.median(floor), 1),
                "models_updated": len(updated),
                "example_model_updated": updated.get(base_id),
            }
        finally:
            service.stop()
            stop_process(valkey)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--models", type=int, default=MODELS, help="ready models (default 15)")
    parser.add_argument(
        "--no-history", action="store_true", help="store no results before the timed posts"
    )
    parser.add_argument(
        "--postgres", action="store_true", help="a new database on 127.0.0.1:5432 instead of SQLite"
    )
    args = parser.parse_args()
    posts = min(args.posts, HELD_BACK)
    if not args.postgres:
        result = run(args.root.resolve(), posts, models=args.models, history=not args.no_history)
        print(json.dumps(result, indent=2))
        return
    from tests.support.postgres import temporary_database

    with temporary_database() as url:
        result = run(args.root.resolve(), posts, url, args.models, not args.no_history)
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
