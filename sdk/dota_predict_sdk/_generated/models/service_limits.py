from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ServiceLimits")


@_attrs_define
class ServiceLimits:
    """
    Attributes:
        job_time_limit_seconds (float): A training job running longer ends failed (APP_JOB_TIME_LIMIT_SECONDS).
        max_csv_matches (int): Most matches in one file (APP_MAX_CSV_MATCHES).
        max_upload_bytes (int):
        max_upload_mb (float): Largest accepted upload (APP_MAX_UPLOAD_MB).
    """

    job_time_limit_seconds: float
    max_csv_matches: int
    max_upload_bytes: int
    max_upload_mb: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_time_limit_seconds = self.job_time_limit_seconds

        max_csv_matches = self.max_csv_matches

        max_upload_bytes = self.max_upload_bytes

        max_upload_mb = self.max_upload_mb

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_time_limit_seconds": job_time_limit_seconds,
                "max_csv_matches": max_csv_matches,
                "max_upload_bytes": max_upload_bytes,
                "max_upload_mb": max_upload_mb,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        job_time_limit_seconds = d.pop("job_time_limit_seconds")

        max_csv_matches = d.pop("max_csv_matches")

        max_upload_bytes = d.pop("max_upload_bytes")

        max_upload_mb = d.pop("max_upload_mb")

        service_limits = cls(
            job_time_limit_seconds=job_time_limit_seconds,
            max_csv_matches=max_csv_matches,
            max_upload_bytes=max_upload_bytes,
            max_upload_mb=max_upload_mb,
        )

        service_limits.additional_properties = d
        return service_limits

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
