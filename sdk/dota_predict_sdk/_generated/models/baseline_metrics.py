from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BaselineMetrics")


@_attrs_define
class BaselineMetrics:
    """
    Attributes:
        accuracy (float):
        brier (float):
        log_loss (float):
        radiant_win_rate (float):
        roc_auc (float):
    """

    accuracy: float
    brier: float
    log_loss: float
    radiant_win_rate: float
    roc_auc: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accuracy = self.accuracy

        brier = self.brier

        log_loss = self.log_loss

        radiant_win_rate = self.radiant_win_rate

        roc_auc = self.roc_auc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy": accuracy,
                "brier": brier,
                "log_loss": log_loss,
                "radiant_win_rate": radiant_win_rate,
                "roc_auc": roc_auc,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        accuracy = d.pop("accuracy")

        brier = d.pop("brier")

        log_loss = d.pop("log_loss")

        radiant_win_rate = d.pop("radiant_win_rate")

        roc_auc = d.pop("roc_auc")

        baseline_metrics = cls(
            accuracy=accuracy,
            brier=brier,
            log_loss=log_loss,
            radiant_win_rate=radiant_win_rate,
            roc_auc=roc_auc,
        )

        baseline_metrics.additional_properties = d
        return baseline_metrics

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
