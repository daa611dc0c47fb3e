from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EvaluatedModel")


@_attrs_define
class EvaluatedModel:
    """
    Attributes:
        model_id (str):
        log_loss (float | None | Unset):
        mode (None | str | Unset): point_in_time, walk_forward, ...
        n_scored (int | None | Unset):
        n_training_matches (int | Unset):  Default: 0.
        roc_auc (float | None | Unset):
    """

    model_id: str
    log_loss: float | None | Unset = UNSET
    mode: None | str | Unset = UNSET
    n_scored: int | None | Unset = UNSET
    n_training_matches: int | Unset = 0
    roc_auc: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        log_loss: float | None | Unset
        if isinstance(self.log_loss, Unset):
            log_loss = UNSET
        else:
            log_loss = self.log_loss

        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        else:
            mode = self.mode

        n_scored: int | None | Unset
        if isinstance(self.n_scored, Unset):
            n_scored = UNSET
        else:
            n_scored = self.n_scored

        n_training_matches = self.n_training_matches

        roc_auc: float | None | Unset
        if isinstance(self.roc_auc, Unset):
            roc_auc = UNSET
        else:
            roc_auc = self.roc_auc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
            }
        )
        if log_loss is not UNSET:
            field_dict["log_loss"] = log_loss
        if mode is not UNSET:
            field_dict["mode"] = mode
        if n_scored is not UNSET:
            field_dict["n_scored"] = n_scored
        if n_training_matches is not UNSET:
            field_dict["n_training_matches"] = n_training_matches
        if roc_auc is not UNSET:
            field_dict["roc_auc"] = roc_auc

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        model_id = d.pop("model_id")

        def _parse_log_loss(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        log_loss = _parse_log_loss(d.pop("log_loss", UNSET))

        def _parse_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        def _parse_n_scored(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        n_scored = _parse_n_scored(d.pop("n_scored", UNSET))

        n_training_matches = d.pop("n_training_matches", UNSET)

        def _parse_roc_auc(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        roc_auc = _parse_roc_auc(d.pop("roc_auc", UNSET))

        evaluated_model = cls(
            model_id=model_id,
            log_loss=log_loss,
            mode=mode,
            n_scored=n_scored,
            n_training_matches=n_training_matches,
            roc_auc=roc_auc,
        )

        evaluated_model.additional_properties = d
        return evaluated_model

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
