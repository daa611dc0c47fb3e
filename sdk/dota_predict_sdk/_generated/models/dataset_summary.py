from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DatasetSummary")


@_attrs_define
class DatasetSummary:
    """
    Attributes:
        created_at (datetime.datetime):
        dataset_id (str):
        filename (str): The file name it was uploaded with.
        n_matches (int):
        size_bytes (int): Size of the uploaded CSV (0 for the bundled set).
    """

    created_at: datetime.datetime
    dataset_id: str
    filename: str
    n_matches: int
    size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        dataset_id = self.dataset_id

        filename = self.filename

        n_matches = self.n_matches

        size_bytes = self.size_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "dataset_id": dataset_id,
                "filename": filename,
                "n_matches": n_matches,
                "size_bytes": size_bytes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dataset_id = d.pop("dataset_id")

        filename = d.pop("filename")

        n_matches = d.pop("n_matches")

        size_bytes = d.pop("size_bytes")

        dataset_summary = cls(
            created_at=created_at,
            dataset_id=dataset_id,
            filename=filename,
            n_matches=n_matches,
            size_bytes=size_bytes,
        )

        dataset_summary.additional_properties = d
        return dataset_summary

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
