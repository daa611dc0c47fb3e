from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sync_job_read_status import SyncJobReadStatus, check_sync_job_read_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sync_job_read_options import SyncJobReadOptions
    from ..models.sync_job_read_skipped import SyncJobReadSkipped


T = TypeVar("T", bound="SyncJobRead")


@_attrs_define
class SyncJobRead:
    """
    Attributes:
        attempts (int):
        calls (int): OpenDota calls made by the last attempt.
        created_at (datetime.datetime):
        duplicates (int): Matches that were stored already.
        job_id (str):
        max_attempts (int):
        message (str):
        options (SyncJobReadOptions): The run's options as stored.
        pages (int): /proMatches pages stored whole so far.
        player_names (int): Pro player names cached.
        progress (float):
        scheduled (bool): Queued by APP_OPENDOTA_SYNC_MINUTES, not a request.
        skipped (SyncJobReadSkipped): Matches left out, by reason.
        status (SyncJobReadStatus):
        stored (int): New matches stored (results ingested).
        dataset_id (None | str | Unset): The dataset stored, if asked.
        error (None | str | Unset):
        finished_at (datetime.datetime | None | Unset):
        started_at (datetime.datetime | None | Unset):
    """

    attempts: int
    calls: int
    created_at: datetime.datetime
    duplicates: int
    job_id: str
    max_attempts: int
    message: str
    options: SyncJobReadOptions
    pages: int
    player_names: int
    progress: float
    scheduled: bool
    skipped: SyncJobReadSkipped
    status: SyncJobReadStatus
    stored: int
    dataset_id: None | str | Unset = UNSET
    error: None | str | Unset = UNSET
    finished_at: datetime.datetime | None | Unset = UNSET
    started_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        calls = self.calls

        created_at = self.created_at.isoformat()

        duplicates = self.duplicates

        job_id = self.job_id

        max_attempts = self.max_attempts

        message = self.message

        options = self.options.to_dict()

        pages = self.pages

        player_names = self.player_names

        progress = self.progress

        scheduled = self.scheduled

        skipped = self.skipped.to_dict()

        status: str = self.status

        stored = self.stored

        dataset_id: None | str | Unset
        if isinstance(self.dataset_id, Unset):
            dataset_id = UNSET
        else:
            dataset_id = self.dataset_id

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
                "calls": calls,
                "created_at": created_at,
                "duplicates": duplicates,
                "job_id": job_id,
                "max_attempts": max_attempts,
                "message": message,
                "options": options,
                "pages": pages,
                "player_names": player_names,
                "progress": progress,
                "scheduled": scheduled,
                "skipped": skipped,
                "status": status,
                "stored": stored,
            }
        )
        if dataset_id is not UNSET:
            field_dict["dataset_id"] = dataset_id
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sync_job_read_options import SyncJobReadOptions
        from ..models.sync_job_read_skipped import SyncJobReadSkipped

        d = dict(src_dict)
        attempts = d.pop("attempts")

        calls = d.pop("calls")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        duplicates = d.pop("duplicates")

        job_id = d.pop("job_id")

        max_attempts = d.pop("max_attempts")

        message = d.pop("message")

        options = SyncJobReadOptions.from_dict(d.pop("options"))

        pages = d.pop("pages")

        player_names = d.pop("player_names")

        progress = d.pop("progress")

        scheduled = d.pop("scheduled")

        skipped = SyncJobReadSkipped.from_dict(d.pop("skipped"))

        status = check_sync_job_read_status(d.pop("status"))

        stored = d.pop("stored")

        def _parse_dataset_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset_id = _parse_dataset_id(d.pop("dataset_id", UNSET))

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

        sync_job_read = cls(
            attempts=attempts,
            calls=calls,
            created_at=created_at,
            duplicates=duplicates,
            job_id=job_id,
            max_attempts=max_attempts,
            message=message,
            options=options,
            pages=pages,
            player_names=player_names,
            progress=progress,
            scheduled=scheduled,
            skipped=skipped,
            status=status,
            stored=stored,
            dataset_id=dataset_id,
            error=error,
            finished_at=finished_at,
            started_at=started_at,
        )

        sync_job_read.additional_properties = d
        return sync_job_read

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
