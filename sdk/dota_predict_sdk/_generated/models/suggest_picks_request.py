from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.suggest_picks_request_side import (
    SuggestPicksRequestSide,
    check_suggest_picks_request_side,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.player_pick import PlayerPick


T = TypeVar("T", bound="SuggestPicksRequest")


@_attrs_define
class SuggestPicksRequest:
    """
    Attributes:
        side (SuggestPicksRequestSide):
        account_id (int | None | Unset): Account id of the player who takes the suggested hero.
        bans (list[int | str] | Unset): Banned heroes (ids/names).
        dire (list[PlayerPick] | Unset): 0-5 picks so far.
        match_id (int | None | Unset): The match being drafted, if known: a past match is scored from the model's state
            just before it (never its own or a later result).
        model_id (None | str | Unset): Defaults to the active model.
        radiant (list[PlayerPick] | Unset): 0-5 picks so far.
        top_n (int | Unset):  Default: 10.
    """

    side: SuggestPicksRequestSide
    account_id: int | None | Unset = UNSET
    bans: list[int | str] | Unset = UNSET
    dire: list[PlayerPick] | Unset = UNSET
    match_id: int | None | Unset = UNSET
    model_id: None | str | Unset = UNSET
    radiant: list[PlayerPick] | Unset = UNSET
    top_n: int | Unset = 10
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        side: str = self.side

        account_id: int | None | Unset
        if isinstance(self.account_id, Unset):
            account_id = UNSET
        else:
            account_id = self.account_id

        bans: list[int | str] | Unset = UNSET
        if not isinstance(self.bans, Unset):
            bans = []
            for bans_item_data in self.bans:
                bans_item: int | str
                bans_item = bans_item_data
                bans.append(bans_item)

        dire: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.dire, Unset):
            dire = []
            for dire_item_data in self.dire:
                dire_item = dire_item_data.to_dict()
                dire.append(dire_item)

        match_id: int | None | Unset
        if isinstance(self.match_id, Unset):
            match_id = UNSET
        else:
            match_id = self.match_id

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        radiant: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.radiant, Unset):
            radiant = []
            for radiant_item_data in self.radiant:
                radiant_item = radiant_item_data.to_dict()
                radiant.append(radiant_item)

        top_n = self.top_n

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "side": side,
            }
        )
        if account_id is not UNSET:
            field_dict["account_id"] = account_id
        if bans is not UNSET:
            field_dict["bans"] = bans
        if dire is not UNSET:
            field_dict["dire"] = dire
        if match_id is not UNSET:
            field_dict["match_id"] = match_id
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if radiant is not UNSET:
            field_dict["radiant"] = radiant
        if top_n is not UNSET:
            field_dict["top_n"] = top_n

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.player_pick import PlayerPick

        d = dict(src_dict)
        side = check_suggest_picks_request_side(d.pop("side"))

        def _parse_account_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        account_id = _parse_account_id(d.pop("account_id", UNSET))

        _bans = d.pop("bans", UNSET)
        bans: list[int | str] | Unset = UNSET
        if _bans is not UNSET:
            bans = []
            for bans_item_data in _bans:

                def _parse_bans_item(data: object) -> int | str:
                    return cast(int | str, data)

                bans_item = _parse_bans_item(bans_item_data)

                bans.append(bans_item)

        _dire = d.pop("dire", UNSET)
        dire: list[PlayerPick] | Unset = UNSET
        if _dire is not UNSET:
            dire = []
            for dire_item_data in _dire:
                dire_item = PlayerPick.from_dict(dire_item_data)

                dire.append(dire_item)

        def _parse_match_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        match_id = _parse_match_id(d.pop("match_id", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        _radiant = d.pop("radiant", UNSET)
        radiant: list[PlayerPick] | Unset = UNSET
        if _radiant is not UNSET:
            radiant = []
            for radiant_item_data in _radiant:
                radiant_item = PlayerPick.from_dict(radiant_item_data)

                radiant.append(radiant_item)

        top_n = d.pop("top_n", UNSET)

        suggest_picks_request = cls(
            side=side,
            account_id=account_id,
            bans=bans,
            dire=dire,
            match_id=match_id,
            model_id=model_id,
            radiant=radiant,
            top_n=top_n,
        )

        suggest_picks_request.additional_properties = d
        return suggest_picks_request

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
