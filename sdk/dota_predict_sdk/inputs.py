"""Turn friendly Python inputs (paths, DataFrames, hero names, tuples) into request parts."""

from __future__ import annotations

import gzip
import io
import operator
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeAlias

from dota_predict_sdk._generated.models import CsvPredictions, PlayerPick
from dota_predict_sdk._generated.types import UNSET, File

if TYPE_CHECKING:
    import pandas


class PolarsFrame(Protocol):
    """What the SDK needs of a polars DataFrame."""

    def write_csv(self) -> str: ...


class PandasFrame(Protocol):
    """What the SDK needs of a pandas DataFrame."""

    def to_csv(self, *, index: bool) -> str: ...


# A path, CSV text (a str with a newline), raw bytes, a binary file object or a DataFrame.
# DataFrames are structural types, not the classes: without the libraries' stubs (pandas has
# none inline) their classes are Any, and an Any in the union let mypy accept any argument.
CsvData: TypeAlias = "str | os.PathLike[str] | bytes | IO[bytes] | PandasFrame | PolarsFrame"
# A hero id or name, (hero, account_id), {"hero_id": ..., "account_id": ...} or a PlayerPick.
Pick: TypeAlias = "int | str | tuple[int | str, int | None] | Mapping[str, Any] | PlayerPick"

_GZIP_MAGIC = b"\x1f\x8b"


def csv_file(data: CsvData) -> File:
    """An upload part for a CSV given in any supported form (.gz files are decompressed)."""
    name = "matches.csv"
    if isinstance(data, str) and "\n" in data:
        content = data.encode()
    elif isinstance(data, str | os.PathLike):
        path = Path(data)
        name, content = path.name, path.read_bytes()
    elif isinstance(data, bytes | bytearray | memoryview):
        content = bytes(data)
    elif hasattr(data, "write_csv"):  # polars
        content = data.write_csv().encode()
    elif hasattr(data, "to_csv"):  # pandas
        content = data.to_csv(index=False).encode()
    elif hasattr(data, "read"):  # a file object; a BytesIO (e.g. Streamlit's upload) is sent whole
        name = Path(str(getattr(data, "name", "") or name)).name
        content = data.getvalue() if hasattr(data, "getvalue") else data.read()
    else:
        raise TypeError(f"cannot upload {type(data).__name__}; pass a path, bytes or a DataFrame")
    if content.startswith(_GZIP_MAGIC):
        content, name = gzip.decompress(content), name.removesuffix(".gz")
    return File(payload=io.BytesIO(content), file_name=name, mime_type="text/csv")


def _hero(value: Any) -> int | str:
    return value if isinstance(value, str) else operator.index(value)


def _account(value: Any) -> Any:
    return UNSET if value is None else operator.index(value)


def player_pick(pick: Pick) -> PlayerPick:
    """One pick as the API's PlayerPick."""
    if isinstance(pick, PlayerPick):
        return pick
    if isinstance(pick, Mapping):
        return PlayerPick(
            hero_id=_hero(pick["hero_id"]), account_id=_account(pick.get("account_id"))
        )
    if isinstance(pick, tuple):
        hero, account = pick
        return PlayerPick(hero_id=_hero(hero), account_id=_account(account))
    return PlayerPick(hero_id=_hero(pick))


def player_picks(picks: Sequence[Pick]) -> list[PlayerPick]:
    """A side's picks; a bare string is refused because it would be split into letters."""
    if isinstance(picks, str):
        raise TypeError("a side is a sequence of five picks, not a single string")
    return [player_pick(p) for p in picks]


def predictions_frame(result: CsvPredictions) -> pandas.DataFrame:
    """CSV predictions as a pandas DataFrame; `frame.attrs` holds model_id and quality (a dict)."""
    try:
        import pandas
    except ImportError as exc:
        raise ImportError(
            "predict_csv_frame needs pandas: pip install 'dota-predict-sdk[pandas]'"
        ) from exc
    frame = pandas.DataFrame(
        {
            "match_id": [p.match_id for p in result.predictions],
            "radiant_win_probability": [p.radiant_win_probability for p in result.predictions],
            "winner": [p.winner for p in result.predictions],
        }
    )
    frame.attrs["model_id"] = result.model_id
    frame.attrs["quality"] = result.quality.to_dict() if result.quality else None
    return frame
