from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.activation_read_evidence_type_0 import ActivationReadEvidenceType0


T = TypeVar("T", bound="ActivationRead")


@_attrs_define
class ActivationRead:
    """
    Attributes:
        activation_id (int):
        actor (str): API key name/role, 'anonymous' without keys, or 'bootstrap'.
        created_at (datetime.datetime):
        model_id (str):
        previous_model_id (None | str):
        reason (str):
        evidence (ActivationReadEvidenceType0 | None | Unset):
    """

    activation_id: int
    actor: str
    created_at: datetime.datetime
    model_id: str
    previous_model_id: None | str
    reason: str
    evidence: ActivationReadEvidenceType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.activation_read_evidence_type_0 import ActivationReadEvidenceType0

        activation_id = self.activation_id

        actor = self.actor

        created_at = self.created_at.isoformat()

        model_id = self.model_id

        previous_model_id: None | str
        previous_model_id = self.previous_model_id

        reason = self.reason

        evidence: dict[str, Any] | None | Unset
        if isinstance(self.evidence, Unset):
            evidence = UNSET
        elif isinstance(self.evidence, ActivationReadEvidenceType0):
            evidence = self.evidence.to_dict()
        else:
            evidence = self.evidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activation_id": activation_id,
                "actor": actor,
                "created_at": created_at,
                "model_id": model_id,
                "previous_model_id": previous_model_id,
                "reason": reason,
            }
        )
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.activation_read_evidence_type_0 import ActivationReadEvidenceType0

        d = dict(src_dict)
        activation_id = d.pop("activation_id")

        actor = d.pop("actor")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        model_id = d.pop("model_id")

        def _parse_previous_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous_model_id = _parse_previous_model_id(d.pop("previous_model_id"))

        reason = d.pop("reason")

        def _parse_evidence(data: object) -> ActivationReadEvidenceType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                evidence_type_0 = ActivationReadEvidenceType0.from_dict(data)

                return evidence_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActivationReadEvidenceType0 | None | Unset, data)

        evidence = _parse_evidence(d.pop("evidence", UNSET))

        activation_read = cls(
            activation_id=activation_id,
            actor=actor,
            created_at=created_at,
            model_id=model_id,
            previous_model_id=previous_model_id,
            reason=reason,
            evidence=evidence,
        )

        activation_read.additional_properties = d
        return activation_read

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
