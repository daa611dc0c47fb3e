from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BaselineScores")


@_attrs_define
class BaselineScores:
    """
    Attributes:
        accuracy (float | None):
        brier (float | None):
        ece (float | None):
        log_loss (float | None):
        n_matches (int):
        roc_auc (float | None):
    """

    accuracy: float | None
    brier: float | None
    ece: float | None
    log_loss: float | None
    n_matches: int
    roc_auc: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accuracy: float | None
        accuracy = self.accuracy

        brier: float | None
        brier = self.brier

        ece: float | None
        ece = self.ece

        log_loss: float | None
        log_loss = self.log_loss

        n_matches = self.n_matches

        roc_auc: float | None
        roc_auc = self.roc_auc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy": accuracy,
                "brier": brier,
                "ece": ece,
                "log_loss": log_loss,
                "n_matches": n_matches,
                "roc_auc": roc_auc,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_accuracy(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        accuracy = _parse_accuracy(d.pop("accuracy"))

        def _parse_brier(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        brier = _parse_brier(d.pop("brier"))

        def _parse_ece(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ece = _parse_ece(d.pop("ece"))

        def _parse_log_loss(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_loss = _parse_log_loss(d.pop("log_loss"))

        n_matches = d.pop("n_matches")

        def _parse_roc_auc(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc"))

        baseline_scores = cls(
            accuracy=accuracy,
            brier=brier,
            ece=ece,
            log_loss=log_loss,
            n_matches=n_matches,
            roc_auc=roc_auc,
        )

        baseline_scores.additional_properties = d
        return baseline_scores

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
