from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.evaluation_summary_kind import (
    EvaluationSummaryKind,
    check_evaluation_summary_kind,
)

if TYPE_CHECKING:
    from ..models.evaluated_model import EvaluatedModel


T = TypeVar("T", bound="EvaluationSummary")


@_attrs_define
class EvaluationSummary:
    """
    Attributes:
        active_model_id (None | str):
        created_at (datetime.datetime):
        dataset_sha256 (str):
        evaluation_id (str):
        filename (str):
        kind (EvaluationSummaryKind):
        models (list[EvaluatedModel]):
        n_matches (int):
    """

    active_model_id: None | str
    created_at: datetime.datetime
    dataset_sha256: str
    evaluation_id: str
    filename: str
    kind: EvaluationSummaryKind
    models: list[EvaluatedModel]
    n_matches: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_model_id: None | str
        active_model_id = self.active_model_id

        created_at = self.created_at.isoformat()

        dataset_sha256 = self.dataset_sha256

        evaluation_id = self.evaluation_id

        filename = self.filename

        kind: str = self.kind

        models = []
        for models_item_data in self.models:
            models_item = models_item_data.to_dict()
            models.append(models_item)

        n_matches = self.n_matches

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_model_id": active_model_id,
                "created_at": created_at,
                "dataset_sha256": dataset_sha256,
                "evaluation_id": evaluation_id,
                "filename": filename,
                "kind": kind,
                "models": models,
                "n_matches": n_matches,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.evaluated_model import EvaluatedModel

        d = dict(src_dict)

        def _parse_active_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        active_model_id = _parse_active_model_id(d.pop("active_model_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dataset_sha256 = d.pop("dataset_sha256")

        evaluation_id = d.pop("evaluation_id")

        filename = d.pop("filename")

        kind = check_evaluation_summary_kind(d.pop("kind"))

        models = []
        _models = d.pop("models")
        for models_item_data in _models:
            models_item = EvaluatedModel.from_dict(models_item_data)

            models.append(models_item)

        n_matches = d.pop("n_matches")

        evaluation_summary = cls(
            active_model_id=active_model_id,
            created_at=created_at,
            dataset_sha256=dataset_sha256,
            evaluation_id=evaluation_id,
            filename=filename,
            kind=kind,
            models=models,
            n_matches=n_matches,
        )

        evaluation_summary.additional_properties = d
        return evaluation_summary

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
