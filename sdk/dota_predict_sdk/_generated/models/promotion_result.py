from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.promotion_result_evidence_type_0 import PromotionResultEvidenceType0


T = TypeVar("T", bound="PromotionResult")


@_attrs_define
class PromotionResult:
    """
    Attributes:
        active_model_id (None | str): The active model after this request.
        model_id (str):
        promoted (bool):
        reason (str):
        evaluation_id (None | str | Unset):
        evidence (None | PromotionResultEvidenceType0 | Unset):
    """

    active_model_id: None | str
    model_id: str
    promoted: bool
    reason: str
    evaluation_id: None | str | Unset = UNSET
    evidence: None | PromotionResultEvidenceType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.promotion_result_evidence_type_0 import (
            PromotionResultEvidenceType0,
        )

        active_model_id: None | str
        active_model_id = self.active_model_id

        model_id = self.model_id

        promoted = self.promoted

        reason = self.reason

        evaluation_id: None | str | Unset
        if isinstance(self.evaluation_id, Unset):
            evaluation_id = UNSET
        else:
            evaluation_id = self.evaluation_id

        evidence: dict[str, Any] | None | Unset
        if isinstance(self.evidence, Unset):
            evidence = UNSET
        elif isinstance(self.evidence, PromotionResultEvidenceType0):
            evidence = self.evidence.to_dict()
        else:
            evidence = self.evidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_model_id": active_model_id,
                "model_id": model_id,
                "promoted": promoted,
                "reason": reason,
            }
        )
        if evaluation_id is not UNSET:
            field_dict["evaluation_id"] = evaluation_id
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.promotion_result_evidence_type_0 import (
            PromotionResultEvidenceType0,
        )

        d = dict(src_dict)

        def _parse_active_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        active_model_id = _parse_active_model_id(d.pop("active_model_id"))

        model_id = d.pop("model_id")

        promoted = d.pop("promoted")

        reason = d.pop("reason")

        def _parse_evaluation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluation_id = _parse_evaluation_id(d.pop("evaluation_id", UNSET))

        def _parse_evidence(
            data: object,
        ) -> None | PromotionResultEvidenceType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                evidence_type_0 = PromotionResultEvidenceType0.from_dict(data)

                return evidence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PromotionResultEvidenceType0 | Unset, data)

        evidence = _parse_evidence(d.pop("evidence", UNSET))

        promotion_result = cls(
            active_model_id=active_model_id,
            model_id=model_id,
            promoted=promoted,
            reason=reason,
            evaluation_id=evaluation_id,
            evidence=evidence,
        )

        promotion_result.additional_properties = d
        return promotion_result

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
