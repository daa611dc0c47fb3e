from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ShareDrift")


@_attrs_define
class ShareDrift:
    """
    Attributes:
        recent (float | None):
        training (float | None):
    """

    recent: float | None
    training: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recent: float | None
        recent = self.recent

        training: float | None
        training = self.training

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recent": recent,
                "training": training,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_recent(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        recent = _parse_recent(d.pop("recent"))

        def _parse_training(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        training = _parse_training(d.pop("training"))

        share_drift = cls(
            recent=recent,
            training=training,
        )

        share_drift.additional_properties = d
        return share_drift

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
