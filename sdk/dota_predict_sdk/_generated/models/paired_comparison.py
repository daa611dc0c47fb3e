from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PairedComparison")


@_attrs_define
class PairedComparison:
    """
    Attributes:
        confidence (float):
        log_loss_ci (list[float] | None): 95 % interval [low, high].
        log_loss_diff (float):
        n_resamples (int):
        roc_auc_ci (list[float] | None): 95 % interval [low, high].
        roc_auc_diff (float | None):
        seed (int):
        n_matches (int | None | Unset): Matches both models were scored on (neither trained on).
    """

    confidence: float
    log_loss_ci: list[float] | None
    log_loss_diff: float
    n_resamples: int
    roc_auc_ci: list[float] | None
    roc_auc_diff: float | None
    seed: int
    n_matches: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence

        log_loss_ci: list[float] | None
        if isinstance(self.log_loss_ci, list):
            log_loss_ci = self.log_loss_ci

        else:
            log_loss_ci = self.log_loss_ci

        log_loss_diff = self.log_loss_diff

        n_resamples = self.n_resamples

        roc_auc_ci: list[float] | None
        if isinstance(self.roc_auc_ci, list):
            roc_auc_ci = self.roc_auc_ci

        else:
            roc_auc_ci = self.roc_auc_ci

        roc_auc_diff: float | None
        roc_auc_diff = self.roc_auc_diff

        seed = self.seed

        n_matches: int | None | Unset
        if isinstance(self.n_matches, Unset):
            n_matches = UNSET
        else:
            n_matches = self.n_matches

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confidence": confidence,
                "log_loss_ci": log_loss_ci,
                "log_loss_diff": log_loss_diff,
                "n_resamples": n_resamples,
                "roc_auc_ci": roc_auc_ci,
                "roc_auc_diff": roc_auc_diff,
                "seed": seed,
            }
        )
        if n_matches is not UNSET:
            field_dict["n_matches"] = n_matches

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        confidence = d.pop("confidence")

        def _parse_log_loss_ci(data: object) -> list[float] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                log_loss_ci_type_0 = cast(list[float], data)

                return log_loss_ci_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None, data)

        log_loss_ci = _parse_log_loss_ci(d.pop("log_loss_ci"))

        log_loss_diff = d.pop("log_loss_diff")

        n_resamples = d.pop("n_resamples")

        def _parse_roc_auc_ci(data: object) -> list[float] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                roc_auc_ci_type_0 = cast(list[float], data)

                return roc_auc_ci_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None, data)

        roc_auc_ci = _parse_roc_auc_ci(d.pop("roc_auc_ci"))

        def _parse_roc_auc_diff(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        roc_auc_diff = _parse_roc_auc_diff(d.pop("roc_auc_diff"))

        seed = d.pop("seed")

        def _parse_n_matches(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        n_matches = _parse_n_matches(d.pop("n_matches", UNSET))

        paired_comparison = cls(
            confidence=confidence,
            log_loss_ci=log_loss_ci,
            log_loss_diff=log_loss_diff,
            n_resamples=n_resamples,
            roc_auc_ci=roc_auc_ci,
            roc_auc_diff=roc_auc_diff,
            seed=seed,
            n_matches=n_matches,
        )

        paired_comparison.additional_properties = d
        return paired_comparison

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
