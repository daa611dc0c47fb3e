"""bench/results.md from the raw numbers of bench/run.py (this run next to a saved "before" run)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ledger import ledger_rows

Results = dict[str, Any]
NOTES = """\
How to read it: on a machine shared with other work (the load average is in the first line), req/s
and wall-clock times move with the neighbours, and so do the "met" marks derived from them (e.g.
a fit through the API can look faster than in-process when the bench process itself is
starved). The server CPU per request is the load-independent figure: on an idle 2-core machine
the req/s ratio of two single-process servers is close to the inverse ratio of their CPU per
request. Method and profiles: bench/PROFILING.md."""
PREVIOUS = """\
## Previous results (the earlier bench/run.py, 2026-11-27 11:20 UTC)

| what | measured | target |
|---|---:|---|
| read_matches, 105,363 matches (16 MB CSV) | 0.23 s | < 2 s |
| train logistic_regression (defaults), 11,707 matches | 4.8 s | default model < 60 s |
| train hist_gradient_boosting (defaults), 11,707 matches | 8.5 s | default model < 60 s |
| train catboost (defaults), 11,707 matches | 11.6 s | default model < 60 s |
| predict_proba, 1 draft (catboost, in process) | 1.45 ms | < 5 ms |
| predict_proba, 10,000 matches (catboost, in process) | 0.15 s | < 1 s |
| first start → default model active (migrate + train + activate) | 10.6 s | < 60 s |
| POST /predict over HTTP, p50 / p95 (300 requests) | 3.3 / 3.7 ms | p95 < 50 ms |
| POST /predict_csv, 10,000 matches | 0.47 s | < 3 s |
| API process memory (RSS) after the above | 349 MB | < 1 GB |
"""


def _get(results: Results | None, path: str) -> Any:
    value: Any = results
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _known(results: Results | None, step: str) -> str:
    """The share of a batch's player slots the model knows ("?" for runs before it was kept)."""
    share = _get(results, f"{step}.known_player_share")
    return "?" if share is None else f"{share:.0%}"


def _ratio(results: Results | None, a: str, b: str) -> float | None:
    x, y = _get(results, a), _get(results, b)
    return x / y if x is not None and y else None


def _fit_overhead(results: Results | None, kind: str) -> str | None:
    api, inproc = _get(results, f"fit_{kind}_api_s"), _get(results, f"fit_{kind}_inproc_s")
    if api is None or inproc is None:
        return None
    return f"{api:.2f} s vs {inproc:.2f} s: +{api - inproc:.2f} s (+{(api / inproc - 1):.0%})"


Row = tuple[str, Callable[[Results | None], Any], str, Callable[[Results], bool | None] | None]


def _fmt(value: Any, spec: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return format(value, spec)


def _rows() -> list[Row]:
    def num(path: str, spec: str) -> Callable[[Results | None], str]:
        return lambda r: _fmt(_get(r, path), spec)

    def ratio(a: str, b: str) -> Callable[[Results | None], str]:
        return lambda r: _fmt(_ratio(r, a, b), ".3f")

    def lat(path: str) -> Callable[[Results | None], str]:
        def show(r: Results | None) -> str:
            p50, p99 = _get(r, path + ".p50_ms"), _get(r, path + ".p99_ms")
            return "-" if p50 is None else f"{p50:.2f} / {p99:.2f} ms"

        return show

    def at_least(a: str, b: str, target: float) -> Callable[[Results], bool | None]:
        return lambda r: None if _ratio(r, a, b) is None else _ratio(r, a, b) >= target  # type: ignore[operator]

    def at_most(a: str, b: str, target: float) -> Callable[[Results], bool | None]:
        return lambda r: None if _ratio(r, a, b) is None else _ratio(r, a, b) <= target  # type: ignore[operator]

    def fit_ok(kind: str) -> Callable[[Results], bool | None]:
        def ok(r: Results) -> bool | None:
            api, inproc = _get(r, f"fit_{kind}_api_s"), _get(r, f"fit_{kind}_inproc_s")
            if api is None or inproc is None:
                return None
            return bool(api - inproc <= 1.0 + 0.05 * inproc)

        return ok

    ledger = "ledger_on_off.predict"
    ledger_csv = "ledger_on_off.predict_csv"
    return [
        ("**predict, ledger on / off: API CPU per request**",
         ratio(f"{ledger}.on.cpu_ms", f"{ledger}.off.cpu_ms"), "≤ 1.05",
         at_most(f"{ledger}.on.cpu_ms", f"{ledger}.off.cpu_ms", 1.05)),
        ("predict, ledger on / off: p50", ratio(f"{ledger}.on.p50_ms", f"{ledger}.off.p50_ms"),
         "≤ 1.05", at_most(f"{ledger}.on.p50_ms", f"{ledger}.off.p50_ms", 1.05)),
        ("**predict, one shadow / none: API CPU per request**",
         ratio("shadow_on_off.predict.on.cpu_ms", "shadow_on_off.predict.off.cpu_ms"), "≤ 1.05",
         at_most("shadow_on_off.predict.on.cpu_ms", "shadow_on_off.predict.off.cpu_ms", 1.05)),
        ("predict_csv 10k, one shadow / none: API CPU per request",
         ratio("shadow_on_off.predict_csv.on.cpu_ms", "shadow_on_off.predict_csv.off.cpu_ms"),
         "", None),
        ("predict_csv 10k, ledger on / off: API CPU per request",
         ratio(f"{ledger_csv}.on.cpu_ms", f"{ledger_csv}.off.cpu_ms"), "≤ 1.05",
         at_most(f"{ledger_csv}.on.cpu_ms", f"{ledger_csv}.off.cpu_ms", 1.05)),
        ("POST /predict (LR), req/s", num("http_lr.predict.rps", ",.0f"), "", None),
        ("hello-world POST echo, req/s", num("http_lr.hello_post.rps", ",.0f"), "", None),
        ("**predict LR / hello**", ratio("http_lr.predict.rps", "http_lr.hello_post.rps"),
         "≥ 0.5", at_least("http_lr.predict.rps", "http_lr.hello_post.rps", 0.5)),
        ("predict LR: API CPU ms per request", num("http_lr.predict.cpu_ms", ".3f"), "", None),
        ("hello POST: CPU ms per request", num("http_lr.hello_post.cpu_ms", ".3f"), "", None),
        ("**hello CPU / predict LR CPU** (load-independent ratio)",
         ratio("http_lr.hello_post.cpu_ms", "http_lr.predict.cpu_ms"), "≥ 0.5",
         at_least("http_lr.hello_post.cpu_ms", "http_lr.predict.cpu_ms", 0.5)),
        ("predict LR p50 / p99 (16 conn.)", lat("http_lr.predict"), "", None),
        ("hello POST p50 / p99 (16 conn.)", lat("http_lr.hello_post"), "", None),
        ("predict LR, 1 connection p50 / p99", lat("predict_1conn"), "", None),
        ("predict LR explain=true, req/s", num("http_lr.predict_explain.rps", ",.0f"), "", None),
        ("**explain / plain (LR)**", ratio("http_lr.predict_explain.rps", "http_lr.predict.rps"),
         "≥ 0.5", at_least("http_lr.predict_explain.rps", "http_lr.predict.rps", 0.5)),
        ("POST /predict (CatBoost), req/s", num("http_cb.predict.rps", ",.0f"), "", None),
        ("hello POST (same rounds), req/s", num("http_cb.hello_post.rps", ",.0f"), "", None),
        ("**predict CatBoost / hello**", ratio("http_cb.predict.rps", "http_cb.hello_post.rps"),
         "≥ 0.35", at_least("http_cb.predict.rps", "http_cb.hello_post.rps", 0.35)),
        ("predict CatBoost: API CPU ms per request", num("http_cb.predict.cpu_ms", ".3f"), "",
         None),
        ("**hello CPU / predict CatBoost CPU**",
         ratio("http_cb.hello_post.cpu_ms", "http_cb.predict.cpu_ms"), "≥ 0.35",
         at_least("http_cb.hello_post.cpu_ms", "http_cb.predict.cpu_ms", 0.35)),
        ("predict CatBoost p50 / p99 (16 conn.)", lat("http_cb.predict"), "", None),
        ("explain=true CPU ms per request, LR / CatBoost",
         lambda r: "-" if _get(r, "http_lr.predict_explain.cpu_ms") is None else
         f"{_get(r, 'http_lr.predict_explain.cpu_ms'):.3f} / "
         f"{_get(r, 'http_cb.predict_explain.cpu_ms') or float('nan'):.3f}", "", None),
        ("**explain / plain (CatBoost)**",
         ratio("http_cb.predict_explain.rps", "http_cb.predict.rps"), "≥ 0.5",
         at_least("http_cb.predict_explain.rps", "http_cb.predict.rps", 0.5)),
        *[
            (f"**predict by model_id (not active) / active, {label}**: req/s (CPU)",
             lambda r, k=kind: "-" if _get(r, f"by_id.{k}_ratio") is None else
             f"{_get(r, f'by_id.{k}_ratio.rps'):.2f} ({_get(r, f'by_id.{k}_ratio.cpu'):.2f})",
             "≥ 0.95",
             lambda r, k=kind: None if _get(r, f"by_id.{k}_ratio") is None
             else _get(r, f"by_id.{k}_ratio.cpu") >= 0.95)
            for kind, label in (("lr", "LR"), ("cb", "CatBoost"))
        ],
        ("GET /, req/s (CPU ms per request)",
         lambda r: "-" if _get(r, "http_lr.health") is None else
         f"{_get(r, 'http_lr.health.rps'):,.0f} ({_get(r, 'http_lr.health.cpu_ms') or 0:.3f})",
         "", None),
        ("hello GET, req/s", num("http_lr.hello_get.rps", ",.0f"), "", None),
        ("**GET / / hello GET**", ratio("http_lr.health.rps", "http_lr.hello_get.rps"), "≥ 0.7",
         at_least("http_lr.health.rps", "http_lr.hello_get.rps", 0.7)),
        ("predict_csv 100k rows (LR), s", num("csv_100k.seconds", ".2f"), "", None),
        ("predict_csv 100k, rows/s (share of players known)",
         lambda r: "-" if _get(r, "csv_100k") is None else
         f"{_get(r, 'csv_100k.rows_per_s'):,.0f} ({_known(r, 'csv_100k')})", "≥ 250,000",
         lambda r: None if _get(r, "csv_100k.rows_per_s") is None
         else _get(r, "csv_100k.rows_per_s") >= 250_000),
        ("in-process pipeline 100k (read_matches + predict_proba), s",
         num("csv_100k_inproc_s", ".2f"), "", None),
        ("**predict_csv 100k: in-process time / API time**",
         ratio("csv_100k_inproc_s", "csv_100k.seconds"), "≥ 0.7",
         at_least("csv_100k_inproc_s", "csv_100k.seconds", 0.7)),
        ("predict_csv 100k: API peak RSS above idle, MB (file MB)",
         lambda r: "-" if _get(r, "csv_100k") is None else
         f"{_get(r, 'csv_100k.peak_extra_mb'):,.0f} ({_get(r, 'csv_100k.file_mb'):.0f})",
         "≤ 5x file", None),
        ("predict_csv big (rows) s, rows/s",
         lambda r: "-" if _get(r, "csv_big") is None else
         f"{_get(r, 'csv_big.rows'):,} rows: {_get(r, 'csv_big.seconds'):.1f} s, "
         f"{_get(r, 'csv_big.rows_per_s'):,.0f}/s ({_known(r, 'csv_big')} known)",
         "≥ 250,000/s", None),
        ("in-process pipeline, big file, s", num("csv_big_inproc_s", ".1f"), "", None),
        ("**predict_csv big: in-process / API**", ratio("csv_big_inproc_s", "csv_big.seconds"),
         "≥ 0.7", at_least("csv_big_inproc_s", "csv_big.seconds", 0.7)),
        ("predict_csv big: API peak RSS above idle, MB (file MB)",
         lambda r: "-" if _get(r, "csv_big") is None else
         f"{_get(r, 'csv_big.peak_extra_mb'):,.0f} ({_get(r, 'csv_big.file_mb'):.0f})",
         "≤ 5x file", None),
        ("/predict while a ~50 MB predict_csv runs: max / p99 / p50 ms",
         lambda r: "-" if _get(r, "predict_during_50mb") is None else
         f"{_get(r, 'predict_during_50mb.max_ms'):,.0f} / "
         f"{_get(r, 'predict_during_50mb.p99_ms'):,.0f} / "
         f"{_get(r, 'predict_during_50mb.p50_ms'):,.1f}", "max ≤ 50 ms",
         lambda r: None if _get(r, "predict_during_50mb") is None
         else _get(r, "predict_during_50mb.max_ms") <= 50),
        ("fit LR (bundled 11.7k) via API vs in-process", lambda r: _fit_overhead(r, "lr") or "-",
         "≤ 1 s + 5 %", fit_ok("lr")),
        ("fit CatBoost via API vs in-process", lambda r: _fit_overhead(r, "cb") or "-",
         "≤ 1 s + 5 %", fit_ok("cb")),
        ("first start → default model active, s", num("first_start_s", ".1f"), "", None),
        ("API restart: until GET / answers, s", num("restart.start_s", ".1f"), "", None),
        ("first predict after restart / second, ms",
         lambda r: "-" if _get(r, "restart") is None else
         f"{_get(r, 'restart.first_ms'):.1f} / {_get(r, 'restart.second_ms'):.1f}",
         "first ≈ any other", None),
        ("LR model on N resampled matches: train s / peak RSS MB",
         lambda r: "-" if _get(r, "model_size") is None else
         f"{_get(r, 'model_size.matches'):,}: {_get(r, 'model_size.train_s'):.0f} s / "
         f"{_get(r, 'model_size.train_peak_rss_mb'):,.0f} MB", "", None),
        ("  artifact MB / in memory MB / load s",
         lambda r: "-" if _get(r, "model_size") is None else
         f"{_get(r, 'model_size.artifact_mb'):.1f} / {_get(r, 'model_size.memory_mb'):.0f} / "
         f"{_get(r, 'model_size.load_s'):.2f}", "≤ 100 MB, ≤ 0.5 s", None),
        *[
            (f"train {kind.upper()} (defaults) on {n:,} resampled matches: s / CPU s / peak MB",
             lambda r, key=f"train_{kind}_{n}": "-" if _get(r, key) is None else
             f"{_get(r, key + '.train_s'):.0f} / {_get(r, key + '.train_cpu_s'):.0f} / "
             f"{_get(r, key + '.peak_rss_mb'):,.0f}",
             target,
             None)
            for kind, n, target in (
                ("lr", 100_000, ""),
                ("lr", 1_000_000, "≤ 120 s, ≤ 4 GB"),
                ("cb", 351_000, ""),
                ("cb", 1_000_000, "≤ 600 s"),
            )
        ],
    ]  # fmt: skip


def write_report(now: Results, before: Results | None) -> str:
    """The Markdown page."""
    meta = now.get("meta", {})
    lines = [
        "# Benchmarks",
        "",
        f"Run {meta.get('when')} on {meta.get('machine')} (1-min load average at the end: "
        f"{meta.get('load_avg_1min', 0):.1f} — the machine is shared, so absolute numbers "
        f"move; ratios are measured side by side). `make bench` took "
        f"{meta.get('total_s', 0) / 60:.1f} min. Load: {now.get('load_tool')}, 16 connections, "
        'median of interleaved rounds. "before" = the same script serving main\'s code '
        f"({_get(before, 'meta.when') or 'not measured'}).",
        "",
        "| what | before (main) | now | target | met |",
        "|---|---:|---:|---|:-:|",
    ]
    for what, show, target, check in _rows():
        met = check(now) if check else None
        mark = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {what} | {show(before)} | {show(now)} | {target} | {mark} |")
    lines += _other_rows(now)
    lines += ["", NOTES, "", PREVIOUS]
    return "\n".join(lines)


OTHER = {
    "lifecycle_inproc": "model life cycle, in process (bench/lifecycle.py)",
    "lifecycle_http": "model life cycle over HTTP (bench/lifecycle.py)",
    "ledger_costs": "prediction ledger, in process (bench/ledger.py)",
    "ledger_on_off": "prediction ledger on vs off, two API processes alike (bench/ledger.py)",
}


def _other_rows(now: Results) -> list[str]:
    """Suggestion latency and ledger costs: rows (what, measured, target) as the benches give."""
    lines = ["", "## Life cycle and ledger", "", "| what | measured | target |", "|---|---:|---|"]
    for key, source in OTHER.items():
        rows = now.get(key)
        if rows is None:
            failed = _get(now, f"failed.{key}")
            lines.append(f"| {source} | {'failed: ' + failed if failed else 'not run'} | |")
            continue
        if key == "ledger_on_off":  # raw numbers (on/off per route): their table rows
            rows = ledger_rows(rows)
        lines += [f"| {what} | {value} | {target} |" for what, value, target in rows]
    return lines
