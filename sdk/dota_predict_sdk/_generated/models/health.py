from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.health_status import HealthStatus, check_health_status

if TYPE_CHECKING:
    from ..models.components import Components


T = TypeVar("T", bound="Health")


@_attrs_define
class Health:
    """
    Attributes:
        active_model_id (None | str):
        components (Components):
        status (HealthStatus):
        version (str):
    """

    active_model_id: None | str
    components: Components
    status: HealthStatus
    version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_model_id: None | str
        active_model_id = self.active_model_id

        components = self.components.to_dict()

        status: str = self.status

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_model_id": active_model_id,
                "components": components,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.components import Components

        d = dict(src_dict)

        def _parse_active_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        active_model_id = _parse_active_model_id(d.pop("active_model_id"))

        components = Components.from_dict(d.pop("components"))

        status = check_health_status(d.pop("status"))

        version = d.pop("version")

        health = cls(
            active_model_id=active_model_id,
            components=components,
            status=status,
            version=version,
        )

        health.additional_properties = d
        return health

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
