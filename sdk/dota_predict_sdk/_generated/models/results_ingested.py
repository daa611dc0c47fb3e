from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_roll_forward import ModelRollForward


T = TypeVar("T", bound="ResultsIngested")


@_attrs_define
class ResultsIngested:
    """
    Attributes:
        duplicates (int): Matches already stored (nothing changed for them).
        ingested (int): New results stored.
        models_updated (list[ModelRollForward]):
        predictions_scored (int): Recorded predictions (latest per model and match) these results scored.
    """

    duplicates: int
    ingested: int
    models_updated: list[ModelRollForward]
    predictions_scored: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duplicates = self.duplicates

        ingested = self.ingested

        models_updated = []
        for models_updated_item_data in self.models_updated:
            models_updated_item = models_updated_item_data.to_dict()
            models_updated.append(models_updated_item)

        predictions_scored = self.predictions_scored

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "duplicates": duplicates,
                "ingested": ingested,
                "models_updated": models_updated,
                "predictions_scored": predictions_scored,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_roll_forward import ModelRollForward

        d = dict(src_dict)
        duplicates = d.pop("duplicates")

        ingested = d.pop("ingested")

        models_updated = []
        _models_updated = d.pop("models_updated")
        for models_updated_item_data in _models_updated:
            models_updated_item = ModelRollForward.from_dict(models_updated_item_data)

            models_updated.append(models_updated_item)

        predictions_scored = d.pop("predictions_scored")

        results_ingested = cls(
            duplicates=duplicates,
            ingested=ingested,
            models_updated=models_updated,
            predictions_scored=predictions_scored,
        )

        results_ingested.additional_properties = d
        return results_ingested

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
