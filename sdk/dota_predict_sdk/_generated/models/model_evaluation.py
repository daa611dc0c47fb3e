from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calibration import Calibration
    from ..models.paired_comparison import PairedComparison
    from ..models.roc_curve import RocCurve


T = TypeVar("T", bound="ModelEvaluation")


@_attrs_define
class ModelEvaluation:
    """
    Attributes:
        accuracy (float):
        brier (float):
        calibration (Calibration):
        ece (float):
        is_active (bool):
        log_loss (float):
        model_id (str):
        model_type (str):
        roc_auc (float | None):
        roc_curve (RocCurve):
        vs_active (None | PairedComparison | Unset): None for the active model itself or when none is active.
    """

    accuracy: float
    brier: float
    calibration: Calibration
    ece: float
    is_active: bool
    log_loss: float
    model_id: str
    model_type: str
    roc_auc: float | None
    roc_curve: RocCurve
    vs_active: None | PairedComparison | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.paired_comparison import PairedComparison

        accuracy = self.accuracy

        brier = self.brier

        calibration = self.calibration.to_dict()

        ece = self.ece

        is_active = self.is_active

        log_loss = self.log_loss

        model_id = self.model_id

        model_type = self.model_type

        roc_auc: float | None
        roc_auc = self.roc_auc

        roc_curve = self.roc_curve.to_dict()

        vs_active: dict[str, Any] | None | Unset
        if isinstance(self.vs_active, Unset):
            vs_active = UNSET
        elif isinstance(self.vs_active, PairedComparison):
            vs_active = self.vs_active.to_dict()
        else:
            vs_active = self.vs_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy": accuracy,
                "brier": brier,
                "calibration": calibration,
                "ece": ece,
                "is_active": is_active,
                "log_loss": log_loss,
                "model_id": model_id,
                "model_type": model_type,
                "roc_auc": roc_auc,
                "roc_curve": roc_curve,
            }
        )
        if vs_active is not UNSET:
            field_dict["vs_active"] = vs_active

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calibration import Calibration
        from ..models.paired_comparison import PairedComparison
        from ..models.roc_curve import RocCurve

        d = dict(src_dict)
        accuracy = d.pop("accuracy")

        brier = d.pop("brier")

        calibration = Calibration.from_dict(d.pop("calibration"))

        ece = d.pop("ece")

        is_active = d.pop("is_active")

        log_loss = d.pop("log_loss")

        model_id = d.pop("model_id")

        model_type = d.pop("model_type")

        def _parse_roc_auc(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc"))

        roc_curve = RocCurve.from_dict(d.pop("roc_curve"))

        def _parse_vs_active(data: object) -> None | PairedComparison | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                vs_active_type_0 = PairedComparison.from_dict(data)

                return vs_active_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PairedComparison | Unset, data)

        vs_active = _parse_vs_active(d.pop("vs_active", UNSET))

        model_evaluation = cls(
            accuracy=accuracy,
            brier=brier,
            calibration=calibration,
            ece=ece,
            is_active=is_active,
            log_loss=log_loss,
            model_id=model_id,
            model_type=model_type,
            roc_auc=roc_auc,
            roc_curve=roc_curve,
            vs_active=vs_active,
        )

        model_evaluation.additional_properties = d
        return model_evaluation

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
