"""Bench: a live draft entered in the Streamlit UI in headless Chromium, pick by pick.

Per pick it measures the time from choosing the hero to the refreshed suggestions (picks 1-9)
or prediction (pick 10) on screen, and beside it, in the same run against the same service,
its floor: the SDK calls the page makes for that pick (suggest_picks or predict). Run:

    uv run python bench/draft_entry.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))

from dota_predict_sdk import DotaPredict  # noqa: E402
from tests.support.live_service import LiveService, poll_until, stop_process  # noqa: E402
from tests.ui.browser import chromium, idle, rendered, streamlit_ui, texts, wait_for  # noqa: E402
from tests.ui.test_browser import DRAFT_ORDER, pick  # noqa: E402

sys.path.insert(0, str(BENCH_DIR))
from services import start_valkey  # noqa: E402


def shown(driver: object, n: int) -> bool:
    """Pick n's outcome is on screen: its suggestions, or the tenth's probability."""
    if n < len(DRAFT_ORDER):
        marker = f"After {n} pick{'s' if n != 1 else ''}:"
        return any(marker in t for t in texts(driver, '[data-testid="stMarkdown"]'))
    metrics = texts(driver, '[data-testid="stMetric"]')
    return any("Radiant win probability" in m for m in metrics) and idle(driver)


def ui_round(url: str, driver: object, names: list[str], typing: list[float]) -> list[float]:
    """Seconds from each pick (the Enter key) to its outcome on screen, for one fresh draft;
    the time spent typing the name and waiting for the option goes to `typing`."""
    driver.get(f"{url}/predict")  # type: ignore[attr-defined]
    wait_for(driver, lambda: rendered(driver, "Predict", '[data-testid="stSelectbox"]'), "page")
    seconds = []
    for n, ((side, slot), hero) in enumerate(zip(DRAFT_ORDER, names, strict=True), start=1):
        typed = time.perf_counter()
        pick(driver, f"{side.title()} hero {slot + 1}", hero)  # up to the Enter key
        start = time.perf_counter()
        wait_for(driver, functools.partial(shown, driver, n), f"pick {n}", 60, 0.02)
        seconds.append(time.perf_counter() - start)
        typing.append(start - typed)
    return seconds


def sdk_round(sdk: DotaPredict, ids: list[int]) -> list[float]:
    """Seconds of the SDK call behind each pick (the floor of the UI's pick)."""
    seconds = []
    for n in range(1, len(DRAFT_ORDER) + 1):
        picked = dict(zip(DRAFT_ORDER[:n], ids[:n], strict=True))
        radiant = [h for (side, _), h in picked.items() if side == "radiant"]
        dire = [h for (side, _), h in picked.items() if side == "dire"]
        start = time.perf_counter()
        if n < len(DRAFT_ORDER):
            side = "radiant" if len(radiant) < 5 else "dire"
            sdk.suggest_picks(side, radiant, dire, top_n=10)
        else:
            sdk.predict(radiant, dire, explain=True)
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    valkey, redis_url = start_valkey()
    work = Path(tempfile.mkdtemp(prefix="bench-draft-"))
    service = LiveService(workdir=work, redis_url=redis_url).start()
    ui_totals: list[float] = []
    sdk_totals: list[float] = []
    ui_picks: list[float] = []
    sdk_picks: list[float] = []
    typing: list[float] = []
    try:
        with DotaPredict(base_url=service.base_url) as sdk:
            poll_until(sdk.active_model_id, timeout=300, interval=0.25)
            heroes = sorted(sdk.heroes(), key=lambda h: h.name)[:10]
            names, ids = [h.name for h in heroes], [h.id for h in heroes]
            env = {**service.env(), "DOTA_PREDICT_URL": service.base_url}
            with (
                streamlit_ui(env, work / "streamlit.log") as url,
                chromium(work / "chromium") as driver,
            ):
                ui_round(url, driver, names, [])  # warm-up: caches, first plotly draw
                sdk_round(sdk, ids)
                for _ in range(args.rounds):  # alternated, side by side
                    ui = ui_round(url, driver, names, typing)
                    floor = sdk_round(sdk, ids)
                    ui_totals.append(sum(ui))
                    sdk_totals.append(sum(floor))
                    ui_picks += ui
                    sdk_picks += floor
    finally:
        service.stop()
        stop_process(valkey)
    ui_total, sdk_total = statistics.median(ui_totals), statistics.median(sdk_totals)
    print(f"ten picks in the UI: median {ui_total:.2f} s over {args.rounds} rounds")
    print(f"  per pick: median {statistics.median(ui_picks) * 1000:.0f} ms, ", end="")
    print(f"max {max(ui_picks) * 1000:.0f} ms")
    print(f"  typing a name until its option shows: {statistics.median(typing) * 1000:.0f} ms")
    print(f"floor (the SDK calls alone): {sdk_total:.2f} s, ", end="")
    print(f"per pick median {statistics.median(sdk_picks) * 1000:.0f} ms")
    print(f"ratio UI / floor: {ui_total / sdk_total:.2f}")


if __name__ == "__main__":
    main()
