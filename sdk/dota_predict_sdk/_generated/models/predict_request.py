from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.player_pick import PlayerPick


T = TypeVar("T", bound="PredictRequest")


@_attrs_define
class PredictRequest:
    """
    Attributes:
        dire (list[PlayerPick]):
        radiant (list[PlayerPick]):
        explain (bool | Unset): Also return the top factors. Default: False.
        match_id (int | None | Unset): The match this draft is, if known: its result (POST /api/v1/data/results) then
            scores this prediction in monitoring.
        model_id (None | str | Unset): Defaults to the active model.
    """

    dire: list[PlayerPick]
    radiant: list[PlayerPick]
    explain: bool | Unset = False
    match_id: int | None | Unset = UNSET
    model_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dire = []
        for dire_item_data in self.dire:
            dire_item = dire_item_data.to_dict()
            dire.append(dire_item)

        radiant = []
        for radiant_item_data in self.radiant:
            radiant_item = radiant_item_data.to_dict()
            radiant.append(radiant_item)

        explain = self.explain

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dire": dire,
                "radiant": radiant,
            }
        )
        if explain is not UNSET:
            field_dict["explain"] = explain
        if match_id is not UNSET:
            field_dict["match_id"] = match_id
        if model_id is not UNSET:
            field_dict["model_id"] = model_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.player_pick import PlayerPick

        d = dict(src_dict)
        dire = []
        _dire = d.pop("dire")
        for dire_item_data in _dire:
            dire_item = PlayerPick.from_dict(dire_item_data)

            dire.append(dire_item)

        radiant = []
        _radiant = d.pop("radiant")
        for radiant_item_data in _radiant:
            radiant_item = PlayerPick.from_dict(radiant_item_data)

            radiant.append(radiant_item)

        explain = d.pop("explain", UNSET)

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

        predict_request = cls(
            dire=dire,
            radiant=radiant,
            explain=explain,
            match_id=match_id,
            model_id=model_id,
        )

        predict_request.additional_properties = d
        return predict_request

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
