from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PredictionQuality")


@_attrs_define
class PredictionQuality:
    """
    Attributes:
        accuracy (float):
        brier (float):
        log_loss (float):
        n_labelled (int):
        roc_auc (float | None):
    """

    accuracy: float
    brier: float
    log_loss: float
    n_labelled: int
    roc_auc: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accuracy = self.accuracy

        brier = self.brier

        log_loss = self.log_loss

        n_labelled = self.n_labelled

        roc_auc: float | None
        roc_auc = self.roc_auc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy": accuracy,
                "brier": brier,
                "log_loss": log_loss,
                "n_labelled": n_labelled,
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

        n_labelled = d.pop("n_labelled")

        def _parse_roc_auc(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc"))

        prediction_quality = cls(
            accuracy=accuracy,
            brier=brier,
            log_loss=log_loss,
            n_labelled=n_labelled,
            roc_auc=roc_auc,
        )

        prediction_quality.additional_properties = d
        return prediction_quality

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
