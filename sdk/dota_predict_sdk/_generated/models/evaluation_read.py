from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_evaluation import ModelEvaluation


T = TypeVar("T", bound="EvaluationRead")


@_attrs_define
class EvaluationRead:
    """
    Attributes:
        active_model_id (None | str):
        created_at (datetime.datetime):
        dataset_sha256 (str):
        evaluation_id (str):
        filename (str):
        n_matches (int):
        results (list[ModelEvaluation]):
    """

    active_model_id: None | str
    created_at: datetime.datetime
    dataset_sha256: str
    evaluation_id: str
    filename: str
    n_matches: int
    results: list[ModelEvaluation]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_model_id: None | str
        active_model_id = self.active_model_id

        created_at = self.created_at.isoformat()

        dataset_sha256 = self.dataset_sha256

        evaluation_id = self.evaluation_id

        filename = self.filename

        n_matches = self.n_matches

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_model_id": active_model_id,
                "created_at": created_at,
                "dataset_sha256": dataset_sha256,
                "evaluation_id": evaluation_id,
                "filename": filename,
                "n_matches": n_matches,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_evaluation import ModelEvaluation

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

        n_matches = d.pop("n_matches")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ModelEvaluation.from_dict(results_item_data)

            results.append(results_item)

        evaluation_read = cls(
            active_model_id=active_model_id,
            created_at=created_at,
            dataset_sha256=dataset_sha256,
            evaluation_id=evaluation_id,
            filename=filename,
            n_matches=n_matches,
            results=results,
        )

        evaluation_read.additional_properties = d
        return evaluation_read

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
