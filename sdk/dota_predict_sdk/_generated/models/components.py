from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.components_database import ComponentsDatabase, check_components_database
from ..models.components_disk import ComponentsDisk, check_components_disk
from ..models.components_queue import ComponentsQueue, check_components_queue

T = TypeVar("T", bound="Components")


@_attrs_define
class Components:
    """
    Attributes:
        database (ComponentsDatabase):
        disk (ComponentsDisk):
        queue (ComponentsQueue):
    """

    database: ComponentsDatabase
    disk: ComponentsDisk
    queue: ComponentsQueue
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        database: str = self.database

        disk: str = self.disk

        queue: str = self.queue

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "database": database,
                "disk": disk,
                "queue": queue,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        database = check_components_database(d.pop("database"))

        disk = check_components_disk(d.pop("disk"))

        queue = check_components_queue(d.pop("queue"))

        components = cls(
            database=database,
            disk=disk,
            queue=queue,
        )

        components.additional_properties = d
        return components

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
