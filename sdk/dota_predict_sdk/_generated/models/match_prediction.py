from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.match_prediction_winner import (
    MatchPredictionWinner,
    check_match_prediction_winner,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="MatchPrediction")


@_attrs_define
class MatchPrediction:
    """
    Attributes:
        match_id (int):
        radiant_win_probability (float):
        winner (MatchPredictionWinner):
        prediction_id (None | str | Unset): Id of this prediction in the ledger (None if not recorded).
    """

    match_id: int
    radiant_win_probability: float
    winner: MatchPredictionWinner
    prediction_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        match_id = self.match_id

        radiant_win_probability = self.radiant_win_probability

        winner: str = self.winner

        prediction_id: None | str | Unset
        if isinstance(self.prediction_id, Unset):
            prediction_id = UNSET
        else:
            prediction_id = self.prediction_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "match_id": match_id,
                "radiant_win_probability": radiant_win_probability,
                "winner": winner,
            }
        )
        if prediction_id is not UNSET:
            field_dict["prediction_id"] = prediction_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        match_id = d.pop("match_id")

        radiant_win_probability = d.pop("radiant_win_probability")

        winner = check_match_prediction_winner(d.pop("winner"))

        def _parse_prediction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prediction_id = _parse_prediction_id(d.pop("prediction_id", UNSET))

        match_prediction = cls(
            match_id=match_id,
            radiant_win_probability=radiant_win_probability,
            winner=winner,
            prediction_id=prediction_id,
        )

        match_prediction.additional_properties = d
        return match_prediction

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
