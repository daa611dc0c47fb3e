from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="DatasetForm")


@_attrs_define
class DatasetForm:
    """
    Attributes:
        file (File):
        format_ (None | str | Unset): The file's format (default: detected): auto, canonical, per_player,
            per_player_row_order, table, opendota_json, trackdota_json, json_table, opendota_pro_matches, uci_compact,
            uci_original.
        mapping (None | str | Unset): A column mapping for one-row-per-match tables, as returned by POST
            /api/v1/data/datasets/preview: {"columns": {"match_id": "ID", "radiant_hero_1": "hero_0", ...}, "labels":
            {"Radiant": "radiant", "Dire": "dire"}}.
    """

    file: File
    format_: None | str | Unset = UNSET
    mapping: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        else:
            format_ = self.format_

        mapping: None | str | Unset
        if isinstance(self.mapping, Unset):
            mapping = UNSET
        else:
            mapping = self.mapping

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_
        if mapping is not UNSET:
            field_dict["mapping"] = mapping

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

        if not isinstance(self.mapping, Unset):
            if isinstance(self.mapping, str):
                files.append(
                    ("mapping", (None, str(self.mapping).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("mapping", (None, str(self.mapping).encode(), "text/plain"))
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

        def _parse_mapping(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mapping = _parse_mapping(d.pop("mapping", UNSET))

        dataset_form = cls(
            file=file,
            format_=format_,
            mapping=mapping,
        )

        dataset_form.additional_properties = d
        return dataset_form

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
