"""mypy --strict on code that uses the SDK: wrong argument types are caught, right ones pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[2]
GOOD = """
import io
from pathlib import Path

import pandas as pd
import polars as pl

from dota_predict_sdk import AsyncDotaPredict, DotaPredict


async def calls(frame: pl.DataFrame, table: pd.DataFrame) -> None:
    with DotaPredict() as client:
        client.predict_csv("matches.csv")
        client.predict_csv(Path("matches.csv"))
        client.predict_csv(b"match_id\\n1\\n")
        client.predict_csv(io.BytesIO(b""))
        client.predict_csv(frame)
        client.predict_csv(table)
        client.fit("catboost", {}, data=frame)
    async with AsyncDotaPredict() as aclient:
        await aclient.predict_csv(frame)
"""


def _mypy(tmp_path: Path, source: str) -> tuple[str, int]:
    path = tmp_path / "user_code.py"
    path.write_text(source)
    out, err, status = api.run(
        ["--strict", "--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", str(path)]
    )
    return out + err, status


BAD = ("123", "None", "[1, 2]", "{'a': 1}")


@pytest.mark.slow  # mypy over the SDK, twice
def test_strict_mypy_refuses_what_is_not_csv_data(tmp_path: Path) -> None:
    calls = "".join(f"client.predict_csv({bad})\n" for bad in BAD)
    out, status = _mypy(
        tmp_path, f"from dota_predict_sdk import DotaPredict\nclient = DotaPredict()\n{calls}"
    )
    refused = [line for line in out.splitlines() if 'Argument 1 to "predict_csv"' in line]
    assert status == 1 and len(refused) == len(BAD), out


@pytest.mark.slow
def test_strict_mypy_accepts_every_documented_form(tmp_path: Path) -> None:
    out, status = _mypy(tmp_path, GOOD)
    assert status == 0, out
