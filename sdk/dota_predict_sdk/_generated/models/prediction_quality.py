from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PredictionQuality")


@_attrs_define
class PredictionQuality:
    """
    Attributes:
        accuracy (float | None):
        brier (float | None):
        log_loss (float | None):
        n_labelled (int):
        roc_auc (float | None):
        in_sample (bool | Unset): Training matches included (asked for). Default: False.
        n_point_in_time (int | Unset): Matches predicted from a state before later stored results. Default: 0.
        n_scored (int | None | Unset): Labelled matches scored here.
        n_training_matches (int | Unset): Labelled matches that were in the model's training data. Default: 0.
    """

    accuracy: float | None
    brier: float | None
    log_loss: float | None
    n_labelled: int
    roc_auc: float | None
    in_sample: bool | Unset = False
    n_point_in_time: int | Unset = 0
    n_scored: int | None | Unset = UNSET
    n_training_matches: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accuracy: float | None
        accuracy = self.accuracy

        brier: float | None
        brier = self.brier

        log_loss: float | None
        log_loss = self.log_loss

        n_labelled = self.n_labelled

        roc_auc: float | None
        roc_auc = self.roc_auc

        in_sample = self.in_sample

        n_point_in_time = self.n_point_in_time

        n_scored: int | None | Unset
        if isinstance(self.n_scored, Unset):
            n_scored = UNSET
        else:
            n_scored = self.n_scored

        n_training_matches = self.n_training_matches

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
        if in_sample is not UNSET:
            field_dict["in_sample"] = in_sample
        if n_point_in_time is not UNSET:
            field_dict["n_point_in_time"] = n_point_in_time
        if n_scored is not UNSET:
            field_dict["n_scored"] = n_scored
        if n_training_matches is not UNSET:
            field_dict["n_training_matches"] = n_training_matches

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

        def _parse_log_loss(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        log_loss = _parse_log_loss(d.pop("log_loss"))

        n_labelled = d.pop("n_labelled")

        def _parse_roc_auc(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc"))

        in_sample = d.pop("in_sample", UNSET)

        n_point_in_time = d.pop("n_point_in_time", UNSET)

        def _parse_n_scored(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        n_scored = _parse_n_scored(d.pop("n_scored", UNSET))

        n_training_matches = d.pop("n_training_matches", UNSET)

        prediction_quality = cls(
            accuracy=accuracy,
            brier=brier,
            log_loss=log_loss,
            n_labelled=n_labelled,
            roc_auc=roc_auc,
            in_sample=in_sample,
            n_point_in_time=n_point_in_time,
            n_scored=n_scored,
            n_training_matches=n_training_matches,
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
