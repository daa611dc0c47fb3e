"""One reader: the same bytes get the same verdict from the reader and every entry point.

Entry points: POST /data/datasets (upload + validate), POST /models/fit (file) and
POST /models/predict_csv. The verdict is "readable, n matches" or "invalid_csv at column/row".
The corpus holds the cases of the old UI reader's tests (tests/ui/test_match_files.py, deleted
with streamlit_app/matches.py) — among them the three files it accepted and the API refused —
and files in the shapes the tests/matches/ unit tests build.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest

from backend.matches import HERO_COLUMNS, MatchDataError, read_matches
from tests.matches.matches_testdata import canonical, heroes_for
from tests.support.live_service import poll_until

HEADER = "match_id,start_time,radiant_win," + ",".join(HERO_COLUMNS)
STEAM64 = 76561197960265728
Verdict = tuple[str, int | str | None, int | None]


def _rows(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def per_player(side_column: str, label_column: str) -> bytes:
    """Two matches, one row per player, dire rows first (the old UI test's file)."""
    lines = [f"match_id,account_id,hero_id,{side_column},{label_column},start_time"]
    for match, radiant_won in ((10, True), (11, False)):
        for slot in (132, 131, 130, 129, 128, 4, 3, 2, 1, 0):
            radiant = slot < 5
            side = str(slot) if side_column == "player_slot" else str(radiant).lower()
            won = radiant == radiant_won if label_column == "win" else radiant_won
            hero = (slot + 1) if radiant else (slot - 128 + 6)
            account = 1000 + match * 10 + (slot if radiant else slot - 123)
            lines.append(
                f"{match},{account},{hero},{side},{str(won).lower()},2021-01-0{match - 9}T10:00:00Z"
            )
    return _rows(*lines)


def _draft(match_id: int, label: str = "true", start: str = "", heroes: str = "") -> str:
    picks = heroes or ",".join(str(h) for h in heroes_for(match_id))
    return f"{match_id},{start},{label},{picks}"


CORPUS: dict[str, bytes] = {
    "canonical": canonical(5),
    "hero names, SteamID64 and duration": _rows(
        HEADER + ",radiant_account_id_1,duration",
        "1,1609826926,true,anti-mage,2,3,4,5,6,7,8,9,10," + f"{STEAM64 + 42},1800",
    ),
    "broken drafts (old UI skipped them)": _rows(
        HEADER + ",radiant_account_id_1,duration",
        "1,1609826926,true,anti-mage,2,3,4,5,6,7,8,9,10," + f"{STEAM64 + 42},1800",
        "2,2021-01-05T06:08:46Z,0,1,2,3,4,5,6,7,8,9,9,,2000",
    ),
    "a hero missing": _rows(HEADER, _draft(1), "3,,false,1,2,3,4,5,6,7,8,9,"),
    "repeated match_id": _rows(HEADER, _draft(1), _draft(1)),
    "t/f labels (old UI accepted)": _rows(HEADER, _draft(1, "t"), _draft(2, "f")),
    "a repeated hero (old UI accepted)": _rows(HEADER, _draft(1, heroes="1,2,3,4,5,6,7,8,9,1")),
    "an extra field (old UI accepted)": _rows(HEADER, _draft(1) + ",99"),
    "per player, player_slot + win": per_player("player_slot", "win"),
    "per player, is_radiant + radiant_win": per_player("is_radiant", "radiant_win"),
    "no hero columns": b"match_id,foo\n1,2\n",
    "binary junk": b"\x00\x01\x02",
    "gzip": gzip.compress(canonical(3)),
    "semicolons and CRLF": canonical(3).replace(b",", b";").replace(b"\n", b"\r\n"),
    "UTF-8 BOM": b"\xef\xbb\xbf" + canonical(3),
    "anonymous and zero account ids": _rows(
        HEADER + ",radiant_account_id_1,dire_account_id_1", _draft(1) + ",4294967295,0"
    ),
    "a 33-bit account id": _rows(HEADER + ",radiant_account_id_1", _draft(1) + ",4294967296"),
    "ISO and bad start times": _rows(HEADER, _draft(1, start="2021-01-05"), _draft(2, start="x")),
    "no label": _rows(HEADER, _draft(1, ""), _draft(2, "")),
    "hero id 0": _rows(HEADER, _draft(1, heroes="0,2,3,4,5,6,7,8,9,10")),
    "hero id past the registry": _rows(HEADER, _draft(1, heroes="1,2,3,4,5,6,7,8,9,999")),
}
# Files another branch or a user adds as a corpus folder are checked the same way.
CORPUS |= {
    f"{path.parent.name}/{path.name}": path.read_bytes()
    for path in sorted(Path(__file__).resolve().parents[1].rglob("corpus/*.csv"))
}


def reader_verdict(data: bytes, require_label: bool) -> Verdict:
    try:
        frame = read_matches(data, require_label=require_label)
    except MatchDataError as exc:
        return ("invalid_csv", exc.column, exc.row)
    return ("ok", frame.height, None)


def api_verdict(response: httpx.Response, count: str) -> Verdict:
    body = response.json()
    if response.status_code >= 400:
        return (body["error"], body.get("column"), body.get("row"))
    return ("ok", body[count] if count != "predictions" else len(body[count]), None)


@pytest.fixture(scope="module")
def ready(client: httpx.Client) -> httpx.Client:
    poll_until(lambda: client.get("/").json()["active_model_id"], timeout=120, interval=0.3)
    return client


def test_the_corpus_has_both_verdicts() -> None:
    verdicts = [reader_verdict(data, False)[0] for data in CORPUS.values()]
    assert verdicts.count("ok") >= 5 and verdicts.count("invalid_csv") >= 5


@pytest.mark.parametrize("name", list(CORPUS))
def test_same_bytes_same_verdict_everywhere(ready: httpx.Client, name: str) -> None:
    data = CORPUS[name]
    files = {"file": (f"{name}.csv", data, "text/csv")}
    expected = reader_verdict(data, require_label=False)
    stored = ready.post("/api/v1/data/datasets", files=files)
    assert api_verdict(stored, "n_matches") == expected, stored.text
    predicted = ready.post("/api/v1/models/predict_csv", files=files)
    assert api_verdict(predicted, "predictions") == expected, predicted.text

    expected_fit = reader_verdict(data, require_label=True)
    fitted = ready.post(
        "/api/v1/models/fit", files={**files, "model_type": (None, "logistic_regression")}
    )
    if expected_fit[0] == "ok":  # readable: only the training rules may still refuse it
        assert fitted.status_code == 400 and fitted.json()["error"] == "too_little_data"
    else:
        assert api_verdict(fitted, "") == expected_fit, fitted.text
