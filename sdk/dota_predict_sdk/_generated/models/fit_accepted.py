from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fit_accepted_status import FitAcceptedStatus, check_fit_accepted_status
from ..types import UNSET, Unset

T = TypeVar("T", bound="FitAccepted")


@_attrs_define
class FitAccepted:
    """
    Attributes:
        job_id (str):
        model_id (str):
        status (FitAcceptedStatus | Unset):  Default: 'queued'.
    """

    job_id: str
    model_id: str
    status: FitAcceptedStatus | Unset = "queued"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        model_id = self.model_id

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "model_id": model_id,
            }
        )
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        job_id = d.pop("job_id")

        model_id = d.pop("model_id")

        _status = d.pop("status", UNSET)
        status: FitAcceptedStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_fit_accepted_status(_status)

        fit_accepted = cls(
            job_id=job_id,
            model_id=model_id,
            status=status,
        )

        fit_accepted.additional_properties = d
        return fit_accepted

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
