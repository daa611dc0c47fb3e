from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.drift_verdict import DriftVerdict, check_drift_verdict
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.baselines import Baselines


T = TypeVar("T", bound="WindowMetrics")


@_attrs_define
class WindowMetrics:
    """
    Attributes:
        n (int):
        accuracy (float | None | Unset):
        baselines (Baselines | None | Unset): The coin flip and the training base rate on the same predictions.
        brier (float | None | Unset):
        drift (DriftVerdict | None | Unset): ok / watch / degraded against the holdout log-loss (see drift_rule); None
            with fewer than 30 scored predictions.
        ece (float | None | Unset):
        log_loss (float | None | Unset):
        log_loss_margin (float | None | Unset): One-sided bootstrap 95 % margin of the window's log-loss.
        roc_auc (float | None | Unset):
    """

    n: int
    accuracy: float | None | Unset = UNSET
    baselines: Baselines | None | Unset = UNSET
    brier: float | None | Unset = UNSET
    drift: DriftVerdict | None | Unset = UNSET
    ece: float | None | Unset = UNSET
    log_loss: float | None | Unset = UNSET
    log_loss_margin: float | None | Unset = UNSET
    roc_auc: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.baselines import Baselines

        n = self.n

        accuracy: float | None | Unset
        if isinstance(self.accuracy, Unset):
            accuracy = UNSET
        else:
            accuracy = self.accuracy

        baselines: dict[str, Any] | None | Unset
        if isinstance(self.baselines, Unset):
            baselines = UNSET
        elif isinstance(self.baselines, Baselines):
            baselines = self.baselines.to_dict()
        else:
            baselines = self.baselines

        brier: float | None | Unset
        if isinstance(self.brier, Unset):
            brier = UNSET
        else:
            brier = self.brier

        drift: None | str | Unset
        if isinstance(self.drift, Unset):
            drift = UNSET
        elif isinstance(self.drift, str):
            drift = self.drift
        else:
            drift = self.drift

        ece: float | None | Unset
        if isinstance(self.ece, Unset):
            ece = UNSET
        else:
            ece = self.ece

        log_loss: float | None | Unset
        if isinstance(self.log_loss, Unset):
            log_loss = UNSET
        else:
            log_loss = self.log_loss

        log_loss_margin: float | None | Unset
        if isinstance(self.log_loss_margin, Unset):
            log_loss_margin = UNSET
        else:
            log_loss_margin = self.log_loss_margin

        roc_auc: float | None | Unset
        if isinstance(self.roc_auc, Unset):
            roc_auc = UNSET
        else:
            roc_auc = self.roc_auc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "n": n,
            }
        )
        if accuracy is not UNSET:
            field_dict["accuracy"] = accuracy
        if baselines is not UNSET:
            field_dict["baselines"] = baselines
        if brier is not UNSET:
            field_dict["brier"] = brier
        if drift is not UNSET:
            field_dict["drift"] = drift
        if ece is not UNSET:
            field_dict["ece"] = ece
        if log_loss is not UNSET:
            field_dict["log_loss"] = log_loss
        if log_loss_margin is not UNSET:
            field_dict["log_loss_margin"] = log_loss_margin
        if roc_auc is not UNSET:
            field_dict["roc_auc"] = roc_auc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.baselines import Baselines

        d = dict(src_dict)
        n = d.pop("n")

        def _parse_accuracy(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        accuracy = _parse_accuracy(d.pop("accuracy", UNSET))

        def _parse_baselines(data: object) -> Baselines | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                baselines_type_0 = Baselines.from_dict(data)

                return baselines_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Baselines | None | Unset, data)

        baselines = _parse_baselines(d.pop("baselines", UNSET))

        def _parse_brier(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        brier = _parse_brier(d.pop("brier", UNSET))

        def _parse_drift(data: object) -> DriftVerdict | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                drift_type_0 = check_drift_verdict(data)

                return drift_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DriftVerdict | None | Unset, data)

        drift = _parse_drift(d.pop("drift", UNSET))

        def _parse_ece(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ece = _parse_ece(d.pop("ece", UNSET))

        def _parse_log_loss(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        log_loss = _parse_log_loss(d.pop("log_loss", UNSET))

        def _parse_log_loss_margin(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        log_loss_margin = _parse_log_loss_margin(d.pop("log_loss_margin", UNSET))

        def _parse_roc_auc(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc", UNSET))

        window_metrics = cls(
            n=n,
            accuracy=accuracy,
            baselines=baselines,
            brier=brier,
            drift=drift,
            ece=ece,
            log_loss=log_loss,
            log_loss_margin=log_loss_margin,
            roc_auc=roc_auc,
        )

        window_metrics.additional_properties = d
        return window_metrics

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
