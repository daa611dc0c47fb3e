from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status_read_status import (
    JobStatusReadStatus,
    check_job_status_read_status,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="JobStatusRead")


@_attrs_define
class JobStatusRead:
    """
    Attributes:
        created_at (datetime.datetime):
        job_id (str):
        message (str):
        model_id (str):
        model_type (str):
        progress (float):
        status (JobStatusReadStatus):
        attempts (int | Unset): Times the job was started; interrupted runs are retried. Default: 0.
        error (None | str | Unset):
        finished_at (datetime.datetime | None | Unset):
        max_attempts (int | Unset): Starts allowed (APP_JOB_MAX_ATTEMPTS). Default: 3.
        model_deleted (bool | Unset): The model was deleted (or its cancelled job's row removed). Default: False.
        started_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime
    job_id: str
    message: str
    model_id: str
    model_type: str
    progress: float
    status: JobStatusReadStatus
    attempts: int | Unset = 0
    error: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    max_attempts: int | Unset = 3
    model_deleted: bool | Unset = False
    started_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        job_id = self.job_id

        message = self.message

        model_id = self.model_id

        model_type = self.model_type

        progress = self.progress

        status: str = self.status

        attempts = self.attempts

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        elif isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        max_attempts = self.max_attempts

        model_deleted = self.model_deleted

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "job_id": job_id,
                "message": message,
                "model_id": model_id,
                "model_type": model_type,
                "progress": progress,
                "status": status,
            }
        )
        if attempts is not UNSET:
            field_dict["attempts"] = attempts
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if max_attempts is not UNSET:
            field_dict["max_attempts"] = max_attempts
        if model_deleted is not UNSET:
            field_dict["model_deleted"] = model_deleted
        if started_at is not UNSET:
            field_dict["started_at"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        job_id = d.pop("job_id")

        message = d.pop("message")

        model_id = d.pop("model_id")

        model_type = d.pop("model_type")

        progress = d.pop("progress")

        status = check_job_status_read_status(d.pop("status"))

        attempts = d.pop("attempts", UNSET)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_finished_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        max_attempts = d.pop("max_attempts", UNSET)

        model_deleted = d.pop("model_deleted", UNSET)

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        job_status_read = cls(
            created_at=created_at,
            job_id=job_id,
            message=message,
            model_id=model_id,
            model_type=model_type,
            progress=progress,
            status=status,
            attempts=attempts,
            error=error,
            finished_at=finished_at,
            max_attempts=max_attempts,
            model_deleted=model_deleted,
            started_at=started_at,
        )

        job_status_read.additional_properties = d
        return job_status_read

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
