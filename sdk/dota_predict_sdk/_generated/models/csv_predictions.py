from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.match_prediction import MatchPrediction
    from ..models.prediction_quality import PredictionQuality


T = TypeVar("T", bound="CsvPredictions")


@_attrs_define
class CsvPredictions:
    """
    Attributes:
        model_id (str):
        predictions (list[MatchPrediction]):
        quality (None | PredictionQuality | Unset):
    """

    model_id: str
    predictions: list[MatchPrediction]
    quality: None | PredictionQuality | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.prediction_quality import PredictionQuality

        model_id = self.model_id

        predictions = []
        for predictions_item_data in self.predictions:
            predictions_item = predictions_item_data.to_dict()
            predictions.append(predictions_item)

        quality: dict[str, Any] | None | Unset
        if isinstance(self.quality, Unset):
            quality = UNSET
        elif isinstance(self.quality, PredictionQuality):
            quality = self.quality.to_dict()
        else:
            quality = self.quality

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "predictions": predictions,
            }
        )
        if quality is not UNSET:
            field_dict["quality"] = quality

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.match_prediction import MatchPrediction
        from ..models.prediction_quality import PredictionQuality

        d = dict(src_dict)
        model_id = d.pop("model_id")

        predictions = []
        _predictions = d.pop("predictions")
        for predictions_item_data in _predictions:
            predictions_item = MatchPrediction.from_dict(predictions_item_data)

            predictions.append(predictions_item)

        def _parse_quality(data: object) -> None | PredictionQuality | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quality_type_0 = PredictionQuality.from_dict(data)

                return quality_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PredictionQuality | Unset, data)

        quality = _parse_quality(d.pop("quality", UNSET))

        csv_predictions = cls(
            model_id=model_id,
            predictions=predictions,
            quality=quality,
        )

        csv_predictions.additional_properties = d
        return csv_predictions

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
