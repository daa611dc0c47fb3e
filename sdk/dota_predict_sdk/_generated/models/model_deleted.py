from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelDeleted")


@_attrs_define
class ModelDeleted:
    """
    Attributes:
        jobs_kept (int): Training jobs of this model still listed (history).
        model_id (str):
        deleted (bool | Unset):  Default: True.
    """

    jobs_kept: int
    model_id: str
    deleted: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jobs_kept = self.jobs_kept

        model_id = self.model_id

        deleted = self.deleted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobs_kept": jobs_kept,
                "model_id": model_id,
            }
        )
        if deleted is not UNSET:
            field_dict["deleted"] = deleted

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        jobs_kept = d.pop("jobs_kept")

        model_id = d.pop("model_id")

        deleted = d.pop("deleted", UNSET)

        model_deleted = cls(
            jobs_kept=jobs_kept,
            model_id=model_id,
            deleted=deleted,
        )

        model_deleted.additional_properties = d
        return model_deleted

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
