from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RollingPoint")


@_attrs_define
class RollingPoint:
    """
    Attributes:
        accuracy (float):
        log_loss (float):
        result_at (datetime.datetime):
        scored (int):
    """

    accuracy: float
    log_loss: float
    result_at: datetime.datetime
    scored: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accuracy = self.accuracy

        log_loss = self.log_loss

        result_at = self.result_at.isoformat()

        scored = self.scored

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy": accuracy,
                "log_loss": log_loss,
                "result_at": result_at,
                "scored": scored,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        accuracy = d.pop("accuracy")

        log_loss = d.pop("log_loss")

        result_at = datetime.datetime.fromisoformat(d.pop("result_at"))

        scored = d.pop("scored")

        rolling_point = cls(
            accuracy=accuracy,
            log_loss=log_loss,
            result_at=result_at,
            scored=scored,
        )

        rolling_point.additional_properties = d
        return rolling_point

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
