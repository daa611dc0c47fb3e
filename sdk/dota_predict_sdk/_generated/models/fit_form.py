from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.fit_form_model_type import FitFormModelType, check_fit_form_model_type
from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="FitForm")


@_attrs_define
class FitForm:
    """
    Attributes:
        model_type (FitFormModelType): One of GET /api/v1/models/types.
        dataset_id (None | str | Unset): A stored dataset (GET /api/v1/data/datasets) instead of a file.
        file (File | None | Unset):
        format_ (None | str | Unset): The file's format (default: detected): auto, canonical, per_player,
            per_player_row_order, table, opendota_json, trackdota_json, json_table, opendota_pro_matches, uci_compact,
            uci_original.
        hyperparameters (None | str | Unset):
        mapping (None | str | Unset): A column mapping for one-row-per-match tables, as returned by POST
            /api/v1/data/datasets/preview: {"columns": {"match_id": "ID", "radiant_hero_1": "hero_0", ...}, "labels":
            {"Radiant": "radiant", "Dire": "dire"}}.
        model_id (None | str | Unset):
    """

    model_type: FitFormModelType
    dataset_id: None | str | Unset = UNSET
    file: File | None | Unset = UNSET
    format_: None | str | Unset = UNSET
    hyperparameters: None | str | Unset = UNSET
    mapping: None | str | Unset = UNSET
    model_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_type: str = self.model_type

        dataset_id: None | str | Unset
        if isinstance(self.dataset_id, Unset):
            dataset_id = UNSET
        else:
            dataset_id = self.dataset_id

        file: FileTypes | None | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        elif isinstance(self.file, File):
            file = self.file.to_tuple()

        else:
            file = self.file

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        else:
            format_ = self.format_

        hyperparameters: None | str | Unset
        if isinstance(self.hyperparameters, Unset):
            hyperparameters = UNSET
        else:
            hyperparameters = self.hyperparameters

        mapping: None | str | Unset
        if isinstance(self.mapping, Unset):
            mapping = UNSET
        else:
            mapping = self.mapping

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_type": model_type,
            }
        )
        if dataset_id is not UNSET:
            field_dict["dataset_id"] = dataset_id
        if file is not UNSET:
            field_dict["file"] = file
        if format_ is not UNSET:
            field_dict["format"] = format_
        if hyperparameters is not UNSET:
            field_dict["hyperparameters"] = hyperparameters
        if mapping is not UNSET:
            field_dict["mapping"] = mapping
        if model_id is not UNSET:
            field_dict["model_id"] = model_id

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(
            ("model_type", (None, str(self.model_type).encode(), "text/plain"))
        )

        if not isinstance(self.dataset_id, Unset):
            if isinstance(self.dataset_id, str):
                files.append(
                    ("dataset_id", (None, str(self.dataset_id).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("dataset_id", (None, str(self.dataset_id).encode(), "text/plain"))
                )

        if not isinstance(self.file, Unset):
            if isinstance(self.file, File):
                files.append(("file", self.file.to_tuple()))
            else:
                files.append(("file", (None, str(self.file).encode(), "text/plain")))

        if not isinstance(self.format_, Unset):
            if isinstance(self.format_, str):
                files.append(
                    ("format", (None, str(self.format_).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("format", (None, str(self.format_).encode(), "text/plain"))
                )

        if not isinstance(self.hyperparameters, Unset):
            if isinstance(self.hyperparameters, str):
                files.append(
                    (
                        "hyperparameters",
                        (None, str(self.hyperparameters).encode(), "text/plain"),
                    )
                )
            else:
                files.append(
                    (
                        "hyperparameters",
                        (None, str(self.hyperparameters).encode(), "text/plain"),
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

        if not isinstance(self.model_id, Unset):
            if isinstance(self.model_id, str):
                files.append(
                    ("model_id", (None, str(self.model_id).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("model_id", (None, str(self.model_id).encode(), "text/plain"))
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        model_type = check_fit_form_model_type(d.pop("model_type"))

        def _parse_dataset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_id = _parse_dataset_id(d.pop("dataset_id", UNSET))

        def _parse_file(data: object) -> File | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, bytes):
                    raise TypeError()
                file_type_0 = File(payload=BytesIO(data))

                return file_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(File | None | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        def _parse_format_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        format_ = _parse_format_(d.pop("format", UNSET))

        def _parse_hyperparameters(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hyperparameters = _parse_hyperparameters(d.pop("hyperparameters", UNSET))

        def _parse_mapping(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mapping = _parse_mapping(d.pop("mapping", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        fit_form = cls(
            model_type=model_type,
            dataset_id=dataset_id,
            file=file,
            format_=format_,
            hyperparameters=hyperparameters,
            mapping=mapping,
            model_id=model_id,
        )

        fit_form.additional_properties = d
        return fit_form

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
