from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.factor_kind import FactorKind, check_factor_kind
from ..types import UNSET, Unset

T = TypeVar("T", bound="Factor")


@_attrs_define
class Factor:
    """
    Attributes:
        contribution (float):
        factor (str):
        kind (FactorKind | Unset):  Default: 'feature'.
        value (float | None | str | Unset):
    """

    contribution: float
    factor: str
    kind: FactorKind | Unset = "feature"
    value: float | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contribution = self.contribution

        factor = self.factor

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        value: float | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contribution": contribution,
                "factor": factor,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contribution = d.pop("contribution")

        factor = d.pop("factor")

        _kind = d.pop("kind", UNSET)
        kind: FactorKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_factor_kind(_kind)

        def _parse_value(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        factor = cls(
            contribution=contribution,
            factor=factor,
            kind=kind,
            value=value,
        )

        factor.additional_properties = d
        return factor

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
