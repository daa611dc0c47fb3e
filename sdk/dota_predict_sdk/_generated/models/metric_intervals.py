from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricIntervals")


@_attrs_define
class MetricIntervals:
    """
    Attributes:
        accuracy (list[float] | None | Unset):
        brier (list[float] | None | Unset):
        ece (list[float] | None | Unset):
        log_loss (list[float] | None | Unset):
        roc_auc (list[float] | None | Unset):
    """

    accuracy: list[float] | None | Unset = UNSET
    brier: list[float] | None | Unset = UNSET
    ece: list[float] | None | Unset = UNSET
    log_loss: list[float] | None | Unset = UNSET
    roc_auc: list[float] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accuracy: list[float] | None | Unset
        if isinstance(self.accuracy, Unset):
            accuracy = UNSET
        elif isinstance(self.accuracy, list):
            accuracy = self.accuracy

        else:
            accuracy = self.accuracy

        brier: list[float] | None | Unset
        if isinstance(self.brier, Unset):
            brier = UNSET
        elif isinstance(self.brier, list):
            brier = self.brier

        else:
            brier = self.brier

        ece: list[float] | None | Unset
        if isinstance(self.ece, Unset):
            ece = UNSET
        elif isinstance(self.ece, list):
            ece = self.ece

        else:
            ece = self.ece

        log_loss: list[float] | None | Unset
        if isinstance(self.log_loss, Unset):
            log_loss = UNSET
        elif isinstance(self.log_loss, list):
            log_loss = self.log_loss

        else:
            log_loss = self.log_loss

        roc_auc: list[float] | None | Unset
        if isinstance(self.roc_auc, Unset):
            roc_auc = UNSET
        elif isinstance(self.roc_auc, list):
            roc_auc = self.roc_auc

        else:
            roc_auc = self.roc_auc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if accuracy is not UNSET:
            field_dict["accuracy"] = accuracy
        if brier is not UNSET:
            field_dict["brier"] = brier
        if ece is not UNSET:
            field_dict["ece"] = ece
        if log_loss is not UNSET:
            field_dict["log_loss"] = log_loss
        if roc_auc is not UNSET:
            field_dict["roc_auc"] = roc_auc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_accuracy(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                accuracy_type_0 = cast(list[float], data)

                return accuracy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        accuracy = _parse_accuracy(d.pop("accuracy", UNSET))

        def _parse_brier(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                brier_type_0 = cast(list[float], data)

                return brier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        brier = _parse_brier(d.pop("brier", UNSET))

        def _parse_ece(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ece_type_0 = cast(list[float], data)

                return ece_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        ece = _parse_ece(d.pop("ece", UNSET))

        def _parse_log_loss(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                log_loss_type_0 = cast(list[float], data)

                return log_loss_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        log_loss = _parse_log_loss(d.pop("log_loss", UNSET))

        def _parse_roc_auc(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                roc_auc_type_0 = cast(list[float], data)

                return roc_auc_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc", UNSET))

        metric_intervals = cls(
            accuracy=accuracy,
            brier=brier,
            ece=ece,
            log_loss=log_loss,
            roc_auc=roc_auc,
        )

        metric_intervals.additional_properties = d
        return metric_intervals

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
