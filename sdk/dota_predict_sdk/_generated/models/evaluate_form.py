from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="EvaluateForm")


@_attrs_define
class EvaluateForm:
    """
    Attributes:
        file (File):
        format_ (None | str | Unset): The file's format (default: detected): auto, canonical, per_player,
            per_player_row_order, table, opendota_json, trackdota_json, json_table, opendota_pro_matches, uci_compact,
            uci_original.
        include_training_matches (bool | Unset):  Default: False.
        mapping (None | str | Unset): A column mapping for one-row-per-match tables, as returned by POST
            /api/v1/data/datasets/preview: {"columns": {"match_id": "ID", "radiant_hero_1": "hero_0", ...}, "labels":
            {"Radiant": "radiant", "Dire": "dire"}}.
        model_ids (None | str | Unset):
    """

    file: File
    format_: None | str | Unset = UNSET
    include_training_matches: bool | Unset = False
    mapping: None | str | Unset = UNSET
    model_ids: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        else:
            format_ = self.format_

        include_training_matches = self.include_training_matches

        mapping: None | str | Unset
        if isinstance(self.mapping, Unset):
            mapping = UNSET
        else:
            mapping = self.mapping

        model_ids: None | str | Unset
        if isinstance(self.model_ids, Unset):
            model_ids = UNSET
        else:
            model_ids = self.model_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if include_training_matches is not UNSET:
            field_dict["include_training_matches"] = include_training_matches
        if mapping is not UNSET:
            field_dict["mapping"] = mapping
        if model_ids is not UNSET:
            field_dict["model_ids"] = model_ids

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.format_, Unset):
            if isinstance(self.format_, str):
                files.append(
                    ("format", (None, str(self.format_).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("format", (None, str(self.format_).encode(), "text/plain"))
                )

        if not isinstance(self.include_training_matches, Unset):
            files.append(
                (
                    "include_training_matches",
                    (None, str(self.include_training_matches).encode(), "text/plain"),
                )
            )

        if not isinstance(self.mapping, Unset):
            if isinstance(self.mapping, str):
                files.append(
                    ("mapping", (None, str(self.mapping).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("mapping", (None, str(self.mapping).encode(), "text/plain"))
                )

        if not isinstance(self.model_ids, Unset):
            if isinstance(self.model_ids, str):
                files.append(
                    ("model_ids", (None, str(self.model_ids).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("model_ids", (None, str(self.model_ids).encode(), "text/plain"))
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        def _parse_format_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        format_ = _parse_format_(d.pop("format", UNSET))

        include_training_matches = d.pop("include_training_matches", UNSET)

        def _parse_mapping(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mapping = _parse_mapping(d.pop("mapping", UNSET))

        def _parse_model_ids(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_ids = _parse_model_ids(d.pop("model_ids", UNSET))

        evaluate_form = cls(
            file=file,
            format_=format_,
            include_training_matches=include_training_matches,
            mapping=mapping,
            model_ids=model_ids,
        )

        evaluate_form.additional_properties = d
        return evaluate_form

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
