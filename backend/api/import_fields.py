"""The optional `format` and `mapping` form fields of every upload route, documented once."""

from __future__ import annotations

from typing import Annotated

from litestar.params import Parameter

from backend.matches.csv_reader import FORMATS

# The two optional form fields every upload route takes (documented once, in the spec too).
FORMAT_FIELD = Parameter(
    description="The file's format (default: detected): auto, " + ", ".join(FORMATS) + "."
)
MAPPING_FIELD = Parameter(
    description="A column mapping for one-row-per-match tables, as returned by "
    'POST /api/v1/data/datasets/preview: {"columns": {"match_id": "ID", "radiant_hero_1": '
    '"hero_0", ...}, "labels": {"Radiant": "radiant", "Dire": "dire"}}.'
)

FormatField = Annotated[str | None, FORMAT_FIELD]
MappingField = Annotated[str | None, MAPPING_FIELD]
