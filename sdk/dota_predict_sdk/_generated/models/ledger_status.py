from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LedgerStatus")


@_attrs_define
class LedgerStatus:
    """
    Attributes:
        dropped (int): Predictions not recorded because the buffer was full.
        pending (int):
        recording (bool):
    """

    dropped: int
    pending: int
    recording: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dropped = self.dropped

        pending = self.pending

        recording = self.recording

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dropped": dropped,
                "pending": pending,
                "recording": recording,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        dropped = d.pop("dropped")

        pending = d.pop("pending")

        recording = d.pop("recording")

        ledger_status = cls(
            dropped=dropped,
            pending=pending,
            recording=recording,
        )

        ledger_status.additional_properties = d
        return ledger_status

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
