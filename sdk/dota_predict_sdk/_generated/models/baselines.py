from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.baseline_scores import BaselineScores


T = TypeVar("T", bound="Baselines")


@_attrs_define
class Baselines:
    """
    Attributes:
        coin_flip (BaselineScores):
        market (BaselineScores | None | Unset): The file's radiant_win_probability_market (bookmaker implied
            probability), scored on the matches that carry it.
        training_base_rate (BaselineScores | None | Unset): p = the Radiant win rate of the model's training data.
    """

    coin_flip: BaselineScores
    market: BaselineScores | None | Unset = UNSET
    training_base_rate: BaselineScores | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.baseline_scores import BaselineScores

        coin_flip = self.coin_flip.to_dict()

        market: dict[str, Any] | None | Unset
        if isinstance(self.market, Unset):
            market = UNSET
        elif isinstance(self.market, BaselineScores):
            market = self.market.to_dict()
        else:
            market = self.market

        training_base_rate: dict[str, Any] | None | Unset
        if isinstance(self.training_base_rate, Unset):
            training_base_rate = UNSET
        elif isinstance(self.training_base_rate, BaselineScores):
            training_base_rate = self.training_base_rate.to_dict()
        else:
            training_base_rate = self.training_base_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "coin_flip": coin_flip,
            }
        )
        if market is not UNSET:
            field_dict["market"] = market
        if training_base_rate is not UNSET:
            field_dict["training_base_rate"] = training_base_rate

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.baseline_scores import BaselineScores

        d = dict(src_dict)
        coin_flip = BaselineScores.from_dict(d.pop("coin_flip"))

        def _parse_market(data: object) -> BaselineScores | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                market_type_0 = BaselineScores.from_dict(data)

                return market_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BaselineScores | None | Unset, data)

        market = _parse_market(d.pop("market", UNSET))

        def _parse_training_base_rate(data: object) -> BaselineScores | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                training_base_rate_type_0 = BaselineScores.from_dict(data)

                return training_base_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BaselineScores | None | Unset, data)

        training_base_rate = _parse_training_base_rate(
            d.pop("training_base_rate", UNSET)
        )

        baselines = cls(
            coin_flip=coin_flip,
            market=market,
            training_base_rate=training_base_rate,
        )

        baselines.additional_properties = d
        return baselines

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
