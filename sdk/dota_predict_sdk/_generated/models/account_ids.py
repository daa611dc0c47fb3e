from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountIds")


@_attrs_define
class AccountIds:
    """
    Attributes:
        account_ids (list[int]):
        limit (int):
        model_id (str):
        offset (int):
        total (int):
    """

    account_ids: list[int]
    limit: int
    model_id: str
    offset: int
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_ids = self.account_ids

        limit = self.limit

        model_id = self.model_id

        offset = self.offset

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_ids": account_ids,
                "limit": limit,
                "model_id": model_id,
                "offset": offset,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        account_ids = cast(list[int], d.pop("account_ids"))

        limit = d.pop("limit")

        model_id = d.pop("model_id")

        offset = d.pop("offset")

        total = d.pop("total")

        account_ids = cls(
            account_ids=account_ids,
            limit=limit,
            model_id=model_id,
            offset=offset,
            total=total,
        )

        account_ids.additional_properties = d
        return account_ids

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
