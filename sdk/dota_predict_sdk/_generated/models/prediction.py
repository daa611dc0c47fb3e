from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.prediction_winner import PredictionWinner, check_prediction_winner
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.factor import Factor


T = TypeVar("T", bound="Prediction")


@_attrs_define
class Prediction:
    """
    Attributes:
        model_id (str):
        radiant_win_probability (float):
        winner (PredictionWinner):
        factors (list[Factor] | None | Unset):
        prediction_id (None | str | Unset): Id of this prediction in the ledger (None if not recorded).
        unknown_account_ids (list[int] | Unset):
        unknown_hero_ids (list[int] | Unset):
    """

    model_id: str
    radiant_win_probability: float
    winner: PredictionWinner
    factors: list[Factor] | None | Unset = UNSET
    prediction_id: None | str | Unset = UNSET
    unknown_account_ids: list[int] | Unset = UNSET
    unknown_hero_ids: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        radiant_win_probability = self.radiant_win_probability

        winner: str = self.winner

        factors: list[dict[str, Any]] | None | Unset
        if isinstance(self.factors, Unset):
            factors = UNSET
        elif isinstance(self.factors, list):
            factors = []
            for factors_type_0_item_data in self.factors:
                factors_type_0_item = factors_type_0_item_data.to_dict()
                factors.append(factors_type_0_item)

        else:
            factors = self.factors

        prediction_id: None | str | Unset
        if isinstance(self.prediction_id, Unset):
            prediction_id = UNSET
        else:
            prediction_id = self.prediction_id

        unknown_account_ids: list[int] | Unset = UNSET
        if not isinstance(self.unknown_account_ids, Unset):
            unknown_account_ids = self.unknown_account_ids

        unknown_hero_ids: list[int] | Unset = UNSET
        if not isinstance(self.unknown_hero_ids, Unset):
            unknown_hero_ids = self.unknown_hero_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "radiant_win_probability": radiant_win_probability,
                "winner": winner,
            }
        )
        if factors is not UNSET:
            field_dict["factors"] = factors
        if prediction_id is not UNSET:
            field_dict["prediction_id"] = prediction_id
        if unknown_account_ids is not UNSET:
            field_dict["unknown_account_ids"] = unknown_account_ids
        if unknown_hero_ids is not UNSET:
            field_dict["unknown_hero_ids"] = unknown_hero_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.factor import Factor

        d = dict(src_dict)
        model_id = d.pop("model_id")

        radiant_win_probability = d.pop("radiant_win_probability")

        winner = check_prediction_winner(d.pop("winner"))

        def _parse_factors(data: object) -> list[Factor] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                factors_type_0 = []
                _factors_type_0 = data
                for factors_type_0_item_data in _factors_type_0:
                    factors_type_0_item = Factor.from_dict(factors_type_0_item_data)

                    factors_type_0.append(factors_type_0_item)

                return factors_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Factor] | None | Unset, data)

        factors = _parse_factors(d.pop("factors", UNSET))

        def _parse_prediction_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prediction_id = _parse_prediction_id(d.pop("prediction_id", UNSET))

        unknown_account_ids = cast(list[int], d.pop("unknown_account_ids", UNSET))

        unknown_hero_ids = cast(list[int], d.pop("unknown_hero_ids", UNSET))

        prediction = cls(
            model_id=model_id,
            radiant_win_probability=radiant_win_probability,
            winner=winner,
            factors=factors,
            prediction_id=prediction_id,
            unknown_account_ids=unknown_account_ids,
            unknown_hero_ids=unknown_hero_ids,
        )

        prediction.additional_properties = d
        return prediction

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
