from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BacktestPrediction")


@_attrs_define
class BacktestPrediction:
    """
    Attributes:
        frozen (float):
        in_training (bool):
        match_id (int):
        results_before (int): Results applied before this match was predicted.
        walk_forward (float):
    """

    frozen: float
    in_training: bool
    match_id: int
    results_before: int
    walk_forward: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        frozen = self.frozen

        in_training = self.in_training

        match_id = self.match_id

        results_before = self.results_before

        walk_forward = self.walk_forward

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "frozen": frozen,
                "in_training": in_training,
                "match_id": match_id,
                "results_before": results_before,
                "walk_forward": walk_forward,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        frozen = d.pop("frozen")

        in_training = d.pop("in_training")

        match_id = d.pop("match_id")

        results_before = d.pop("results_before")

        walk_forward = d.pop("walk_forward")

        backtest_prediction = cls(
            frozen=frozen,
            in_training=in_training,
            match_id=match_id,
            results_before=results_before,
            walk_forward=walk_forward,
        )

        backtest_prediction.additional_properties = d
        return backtest_prediction

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
