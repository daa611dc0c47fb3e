from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.backtest_job_read_status import (
    BacktestJobReadStatus,
    check_backtest_job_read_status,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.backtest_job_read_options import BacktestJobReadOptions


T = TypeVar("T", bound="BacktestJobRead")


@_attrs_define
class BacktestJobRead:
    """
    Attributes:
        attempts (int):
        created_at (datetime.datetime):
        filename (str):
        job_id (str):
        max_attempts (int):
        message (str):
        n_matches (int):
        options (BacktestJobReadOptions): model_ids, apply_every, include_training_matches
        progress (float):
        status (BacktestJobReadStatus):
        backtest_id (None | str | Unset): The stored report, once done.
        error (None | str | Unset):
        finished_at (datetime.datetime | None | Unset):
        started_at (datetime.datetime | None | Unset):
    """

    attempts: int
    created_at: datetime.datetime
    filename: str
    job_id: str
    max_attempts: int
    message: str
    n_matches: int
    options: BacktestJobReadOptions
    progress: float
    status: BacktestJobReadStatus
    backtest_id: None | str | Unset = UNSET
    error: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        created_at = self.created_at.isoformat()

        filename = self.filename

        job_id = self.job_id

        max_attempts = self.max_attempts

        message = self.message

        n_matches = self.n_matches

        options = self.options.to_dict()

        progress = self.progress

        status: str = self.status

        backtest_id: None | str | Unset
        if isinstance(self.backtest_id, Unset):
            backtest_id = UNSET
        else:
            backtest_id = self.backtest_id

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
                "attempts": attempts,
                "created_at": created_at,
                "filename": filename,
                "job_id": job_id,
                "max_attempts": max_attempts,
                "message": message,
                "n_matches": n_matches,
                "options": options,
                "progress": progress,
                "status": status,
            }
        )
        if backtest_id is not UNSET:
            field_dict["backtest_id"] = backtest_id
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.backtest_job_read_options import BacktestJobReadOptions

        d = dict(src_dict)
        attempts = d.pop("attempts")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        filename = d.pop("filename")

        job_id = d.pop("job_id")

        max_attempts = d.pop("max_attempts")

        message = d.pop("message")

        n_matches = d.pop("n_matches")

        options = BacktestJobReadOptions.from_dict(d.pop("options"))

        progress = d.pop("progress")

        status = check_backtest_job_read_status(d.pop("status"))

        def _parse_backtest_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backtest_id = _parse_backtest_id(d.pop("backtest_id", UNSET))

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

        backtest_job_read = cls(
            attempts=attempts,
            created_at=created_at,
            filename=filename,
            job_id=job_id,
            max_attempts=max_attempts,
            message=message,
            n_matches=n_matches,
            options=options,
            progress=progress,
            status=status,
            backtest_id=backtest_id,
            error=error,
            finished_at=finished_at,
            started_at=started_at,
        )

        backtest_job_read.additional_properties = d
        return backtest_job_read

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
