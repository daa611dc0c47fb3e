from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncRequest")


@_attrs_define
class SyncRequest:
    """
    Attributes:
        as_dataset (bool | Unset): Also store the matches as a dataset. Default: False.
        league_ids (list[int] | None | Unset): Only these leagues (OpenDota leagueid).
        max_matches (int | Unset): Stop after this many. Default: 1000.
        players (bool | Unset): Also cache pro player names. Default: False.
        reset (bool | Unset): Start from the newest page again instead of the stored cursor (matches already stored are
            still skipped). Default: False.
        since (datetime.date | None | Unset): Only matches from this UTC day on.
        until (datetime.date | None | Unset): Only matches up to this UTC day.
    """

    as_dataset: bool | Unset = False
    league_ids: list[int] | None | Unset = UNSET
    max_matches: int | Unset = 1000
    players: bool | Unset = False
    reset: bool | Unset = False
    since: datetime.date | None | Unset = UNSET
    until: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_dataset = self.as_dataset

        league_ids: list[int] | None | Unset
        if isinstance(self.league_ids, Unset):
            league_ids = UNSET
        elif isinstance(self.league_ids, list):
            league_ids = self.league_ids

        else:
            league_ids = self.league_ids

        max_matches = self.max_matches

        players = self.players

        reset = self.reset

        since: None | str | Unset
        if isinstance(self.since, Unset):
            since = UNSET
        elif isinstance(self.since, datetime.date):
            since = self.since.isoformat()
        else:
            since = self.since

        until: None | str | Unset
        if isinstance(self.until, Unset):
            until = UNSET
        elif isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if as_dataset is not UNSET:
            field_dict["as_dataset"] = as_dataset
        if league_ids is not UNSET:
            field_dict["league_ids"] = league_ids
        if max_matches is not UNSET:
            field_dict["max_matches"] = max_matches
        if players is not UNSET:
            field_dict["players"] = players
        if reset is not UNSET:
            field_dict["reset"] = reset
        if since is not UNSET:
            field_dict["since"] = since
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        as_dataset = d.pop("as_dataset", UNSET)

        def _parse_league_ids(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                league_ids_type_0 = cast(list[int], data)

                return league_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        league_ids = _parse_league_ids(d.pop("league_ids", UNSET))

        max_matches = d.pop("max_matches", UNSET)

        players = d.pop("players", UNSET)

        reset = d.pop("reset", UNSET)

        def _parse_since(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.date.fromisoformat(data)

                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        since = _parse_since(d.pop("since", UNSET))

        def _parse_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.date.fromisoformat(data)

                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        until = _parse_until(d.pop("until", UNSET))

        sync_request = cls(
            as_dataset=as_dataset,
            league_ids=league_ids,
            max_matches=max_matches,
            players=players,
            reset=reset,
            since=since,
            until=until,
        )

        sync_request.additional_properties = d
        return sync_request

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
