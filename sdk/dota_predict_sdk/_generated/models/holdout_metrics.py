from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.baseline_metrics import BaselineMetrics


T = TypeVar("T", bound="HoldoutMetrics")


@_attrs_define
class HoldoutMetrics:
    """
    Attributes:
        accuracy (float):
        baseline (BaselineMetrics):
        brier (float):
        log_loss (float):
        n_holdout (int):
        n_train (int):
        roc_auc (float | None):
        split (str): How the holdout was chosen.
        coin_flip (BaselineMetrics | None | Unset): p = 0.5 on the same holdout (models trained since 17).
        ece (float | None | Unset): Expected calibration error, 10 bins.
    """

    accuracy: float
    baseline: BaselineMetrics
    brier: float
    log_loss: float
    n_holdout: int
    n_train: int
    roc_auc: float | None
    split: str
    coin_flip: BaselineMetrics | None | Unset = UNSET
    ece: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.baseline_metrics import BaselineMetrics

        accuracy = self.accuracy

        baseline = self.baseline.to_dict()

        brier = self.brier

        log_loss = self.log_loss

        n_holdout = self.n_holdout

        n_train = self.n_train

        roc_auc: float | None
        roc_auc = self.roc_auc

        split = self.split

        coin_flip: dict[str, Any] | None | Unset
        if isinstance(self.coin_flip, Unset):
            coin_flip = UNSET
        elif isinstance(self.coin_flip, BaselineMetrics):
            coin_flip = self.coin_flip.to_dict()
        else:
            coin_flip = self.coin_flip

        ece: float | None | Unset
        if isinstance(self.ece, Unset):
            ece = UNSET
        else:
            ece = self.ece

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy": accuracy,
                "baseline": baseline,
                "brier": brier,
                "log_loss": log_loss,
                "n_holdout": n_holdout,
                "n_train": n_train,
                "roc_auc": roc_auc,
                "split": split,
            }
        )
        if coin_flip is not UNSET:
            field_dict["coin_flip"] = coin_flip
        if ece is not UNSET:
            field_dict["ece"] = ece

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.baseline_metrics import BaselineMetrics

        d = dict(src_dict)
        accuracy = d.pop("accuracy")

        baseline = BaselineMetrics.from_dict(d.pop("baseline"))

        brier = d.pop("brier")

        log_loss = d.pop("log_loss")

        n_holdout = d.pop("n_holdout")

        n_train = d.pop("n_train")

        def _parse_roc_auc(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc"))

        split = d.pop("split")

        def _parse_coin_flip(data: object) -> BaselineMetrics | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                coin_flip_type_0 = BaselineMetrics.from_dict(data)

                return coin_flip_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BaselineMetrics | None | Unset, data)

        coin_flip = _parse_coin_flip(d.pop("coin_flip", UNSET))

        def _parse_ece(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ece = _parse_ece(d.pop("ece", UNSET))

        holdout_metrics = cls(
            accuracy=accuracy,
            baseline=baseline,
            brier=brier,
            log_loss=log_loss,
            n_holdout=n_holdout,
            n_train=n_train,
            roc_auc=roc_auc,
            split=split,
            coin_flip=coin_flip,
            ece=ece,
        )

        holdout_metrics.additional_properties = d
        return holdout_metrics

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
