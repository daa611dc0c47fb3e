from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="BacktestJobForm")


@_attrs_define
class BacktestJobForm:
    """
    Attributes:
        file (File):
        apply_every (None | str | Unset):
        include_training_matches (bool | Unset):  Default: False.
        model_ids (None | str | Unset):
    """

    file: File
    apply_every: None | str | Unset = UNSET
    include_training_matches: bool | Unset = False
    model_ids: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        apply_every: None | str | Unset
        if isinstance(self.apply_every, Unset):
            apply_every = UNSET
        else:
            apply_every = self.apply_every

        include_training_matches = self.include_training_matches

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
        if apply_every is not UNSET:
            field_dict["apply_every"] = apply_every
        if include_training_matches is not UNSET:
            field_dict["include_training_matches"] = include_training_matches
        if model_ids is not UNSET:
            field_dict["model_ids"] = model_ids

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.apply_every, Unset):
            if isinstance(self.apply_every, str):
                files.append(
                    (
                        "apply_every",
                        (None, str(self.apply_every).encode(), "text/plain"),
                    )
                )
            else:
                files.append(
                    (
                        "apply_every",
                        (None, str(self.apply_every).encode(), "text/plain"),
                    )
                )

        if not isinstance(self.include_training_matches, Unset):
            files.append(
                (
                    "include_training_matches",
                    (None, str(self.include_training_matches).encode(), "text/plain"),
                )
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

        def _parse_apply_every(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        apply_every = _parse_apply_every(d.pop("apply_every", UNSET))

        include_training_matches = d.pop("include_training_matches", UNSET)

        def _parse_model_ids(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_ids = _parse_model_ids(d.pop("model_ids", UNSET))

        backtest_job_form = cls(
            file=file,
            apply_every=apply_every,
            include_training_matches=include_training_matches,
            model_ids=model_ids,
        )

        backtest_job_form.additional_properties = d
        return backtest_job_form

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
