from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_info_status import ModelInfoStatus, check_model_info_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dataset_read import DatasetRead
    from ..models.holdout_metrics import HoldoutMetrics
    from ..models.model_info_evaluation_type_0 import ModelInfoEvaluationType0
    from ..models.model_info_feature_importances_type_0_item import (
        ModelInfoFeatureImportancesType0Item,
    )
    from ..models.model_info_hyperparameters import ModelInfoHyperparameters
    from ..models.model_info_training_summary_type_0 import (
        ModelInfoTrainingSummaryType0,
    )
    from ..models.ratings_as_of import RatingsAsOf


T = TypeVar("T", bound="ModelInfo")


@_attrs_define
class ModelInfo:
    """
    Attributes:
        created_at (datetime.datetime):
        hyperparameters (ModelInfoHyperparameters):
        is_active (bool):
        model_id (str):
        model_type (str):
        status (ModelInfoStatus):
        dataset (DatasetRead | None | Unset):
        description (None | str | Unset):
        evaluation (ModelInfoEvaluationType0 | None | Unset):
        feature_importances (list[ModelInfoFeatureImportancesType0Item] | None | Unset):
        fit_seconds (float | None | Unset):
        job_id (None | str | Unset):
        metrics (HoldoutMetrics | None | Unset):
        ratings_as_of (None | RatingsAsOf | Unset): Last match in the served ratings: the training end, then the newest
            ingested result applied.
        results_applied (int | None | Unset): Ingested results applied after training.
        tags (list[str] | Unset):
        trained_at (datetime.datetime | None | Unset):
        training_summary (ModelInfoTrainingSummaryType0 | None | Unset):
    """

    created_at: datetime.datetime
    hyperparameters: ModelInfoHyperparameters
    is_active: bool
    model_id: str
    model_type: str
    status: ModelInfoStatus
    dataset: DatasetRead | None | Unset = UNSET
    description: None | str | Unset = UNSET
    evaluation: ModelInfoEvaluationType0 | None | Unset = UNSET
    feature_importances: list[ModelInfoFeatureImportancesType0Item] | None | Unset = (
        UNSET
    )
    fit_seconds: float | None | Unset = UNSET
    job_id: None | str | Unset = UNSET
    metrics: HoldoutMetrics | None | Unset = UNSET
    ratings_as_of: None | RatingsAsOf | Unset = UNSET
    results_applied: int | None | Unset = UNSET
    tags: list[str] | Unset = UNSET
    trained_at: datetime.datetime | None | Unset = UNSET
    training_summary: ModelInfoTrainingSummaryType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.dataset_read import DatasetRead
        from ..models.holdout_metrics import HoldoutMetrics
        from ..models.model_info_evaluation_type_0 import ModelInfoEvaluationType0
        from ..models.model_info_training_summary_type_0 import (
            ModelInfoTrainingSummaryType0,
        )
        from ..models.ratings_as_of import RatingsAsOf

        created_at = self.created_at.isoformat()

        hyperparameters = self.hyperparameters.to_dict()

        is_active = self.is_active

        model_id = self.model_id

        model_type = self.model_type

        status: str = self.status

        dataset: dict[str, Any] | None | Unset
        if isinstance(self.dataset, Unset):
            dataset = UNSET
        elif isinstance(self.dataset, DatasetRead):
            dataset = self.dataset.to_dict()
        else:
            dataset = self.dataset

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        evaluation: dict[str, Any] | None | Unset
        if isinstance(self.evaluation, Unset):
            evaluation = UNSET
        elif isinstance(self.evaluation, ModelInfoEvaluationType0):
            evaluation = self.evaluation.to_dict()
        else:
            evaluation = self.evaluation

        feature_importances: list[dict[str, Any]] | None | Unset
        if isinstance(self.feature_importances, Unset):
            feature_importances = UNSET
        elif isinstance(self.feature_importances, list):
            feature_importances = []
            for feature_importances_type_0_item_data in self.feature_importances:
                feature_importances_type_0_item = (
                    feature_importances_type_0_item_data.to_dict()
                )
                feature_importances.append(feature_importances_type_0_item)

        else:
            feature_importances = self.feature_importances

        fit_seconds: float | None | Unset
        if isinstance(self.fit_seconds, Unset):
            fit_seconds = UNSET
        else:
            fit_seconds = self.fit_seconds

        job_id: None | str | Unset
        if isinstance(self.job_id, Unset):
            job_id = UNSET
        else:
            job_id = self.job_id

        metrics: dict[str, Any] | None | Unset
        if isinstance(self.metrics, Unset):
            metrics = UNSET
        elif isinstance(self.metrics, HoldoutMetrics):
            metrics = self.metrics.to_dict()
        else:
            metrics = self.metrics

        ratings_as_of: dict[str, Any] | None | Unset
        if isinstance(self.ratings_as_of, Unset):
            ratings_as_of = UNSET
        elif isinstance(self.ratings_as_of, RatingsAsOf):
            ratings_as_of = self.ratings_as_of.to_dict()
        else:
            ratings_as_of = self.ratings_as_of

        results_applied: int | None | Unset
        if isinstance(self.results_applied, Unset):
            results_applied = UNSET
        else:
            results_applied = self.results_applied

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        trained_at: None | str | Unset
        if isinstance(self.trained_at, Unset):
            trained_at = UNSET
        elif isinstance(self.trained_at, datetime.datetime):
            trained_at = self.trained_at.isoformat()
        else:
            trained_at = self.trained_at

        training_summary: dict[str, Any] | None | Unset
        if isinstance(self.training_summary, Unset):
            training_summary = UNSET
        elif isinstance(self.training_summary, ModelInfoTrainingSummaryType0):
            training_summary = self.training_summary.to_dict()
        else:
            training_summary = self.training_summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "hyperparameters": hyperparameters,
                "is_active": is_active,
                "model_id": model_id,
                "model_type": model_type,
                "status": status,
            }
        )
        if dataset is not UNSET:
            field_dict["dataset"] = dataset
        if description is not UNSET:
            field_dict["description"] = description
        if evaluation is not UNSET:
            field_dict["evaluation"] = evaluation
        if feature_importances is not UNSET:
            field_dict["feature_importances"] = feature_importances
        if fit_seconds is not UNSET:
            field_dict["fit_seconds"] = fit_seconds
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if ratings_as_of is not UNSET:
            field_dict["ratings_as_of"] = ratings_as_of
        if results_applied is not UNSET:
            field_dict["results_applied"] = results_applied
        if tags is not UNSET:
            field_dict["tags"] = tags
        if trained_at is not UNSET:
            field_dict["trained_at"] = trained_at
        if training_summary is not UNSET:
            field_dict["training_summary"] = training_summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dataset_read import DatasetRead
        from ..models.holdout_metrics import HoldoutMetrics
        from ..models.model_info_evaluation_type_0 import ModelInfoEvaluationType0
        from ..models.model_info_feature_importances_type_0_item import (
            ModelInfoFeatureImportancesType0Item,
        )
        from ..models.model_info_hyperparameters import ModelInfoHyperparameters
        from ..models.model_info_training_summary_type_0 import (
            ModelInfoTrainingSummaryType0,
        )
        from ..models.ratings_as_of import RatingsAsOf

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        hyperparameters = ModelInfoHyperparameters.from_dict(d.pop("hyperparameters"))

        is_active = d.pop("is_active")

        model_id = d.pop("model_id")

        model_type = d.pop("model_type")

        status = check_model_info_status(d.pop("status"))

        def _parse_dataset(data: object) -> DatasetRead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                dataset_type_0 = DatasetRead.from_dict(data)

                return dataset_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DatasetRead | None | Unset, data)

        dataset = _parse_dataset(d.pop("dataset", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_evaluation(data: object) -> ModelInfoEvaluationType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                evaluation_type_0 = ModelInfoEvaluationType0.from_dict(data)

                return evaluation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelInfoEvaluationType0 | None | Unset, data)

        evaluation = _parse_evaluation(d.pop("evaluation", UNSET))

        def _parse_feature_importances(
            data: object,
        ) -> list[ModelInfoFeatureImportancesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                feature_importances_type_0 = []
                _feature_importances_type_0 = data
                for feature_importances_type_0_item_data in _feature_importances_type_0:
                    feature_importances_type_0_item = (
                        ModelInfoFeatureImportancesType0Item.from_dict(
                            feature_importances_type_0_item_data
                        )
                    )

                    feature_importances_type_0.append(feature_importances_type_0_item)

                return feature_importances_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ModelInfoFeatureImportancesType0Item] | None | Unset, data)

        feature_importances = _parse_feature_importances(
            d.pop("feature_importances", UNSET)
        )

        def _parse_fit_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        fit_seconds = _parse_fit_seconds(d.pop("fit_seconds", UNSET))

        def _parse_job_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        job_id = _parse_job_id(d.pop("job_id", UNSET))

        def _parse_metrics(data: object) -> HoldoutMetrics | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metrics_type_0 = HoldoutMetrics.from_dict(data)

                return metrics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HoldoutMetrics | None | Unset, data)

        metrics = _parse_metrics(d.pop("metrics", UNSET))

        def _parse_ratings_as_of(data: object) -> None | RatingsAsOf | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ratings_as_of_type_0 = RatingsAsOf.from_dict(data)

                return ratings_as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RatingsAsOf | Unset, data)

        ratings_as_of = _parse_ratings_as_of(d.pop("ratings_as_of", UNSET))

        def _parse_results_applied(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        results_applied = _parse_results_applied(d.pop("results_applied", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        def _parse_trained_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trained_at_type_0 = datetime.datetime.fromisoformat(data)

                return trained_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        trained_at = _parse_trained_at(d.pop("trained_at", UNSET))

        def _parse_training_summary(
            data: object,
        ) -> ModelInfoTrainingSummaryType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                training_summary_type_0 = ModelInfoTrainingSummaryType0.from_dict(data)

                return training_summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelInfoTrainingSummaryType0 | None | Unset, data)

        training_summary = _parse_training_summary(d.pop("training_summary", UNSET))

        model_info = cls(
            created_at=created_at,
            hyperparameters=hyperparameters,
            is_active=is_active,
            model_id=model_id,
            model_type=model_type,
            status=status,
            dataset=dataset,
            description=description,
            evaluation=evaluation,
            feature_importances=feature_importances,
            fit_seconds=fit_seconds,
            job_id=job_id,
            metrics=metrics,
            ratings_as_of=ratings_as_of,
            results_applied=results_applied,
            tags=tags,
            trained_at=trained_at,
            training_summary=training_summary,
        )

        model_info.additional_properties = d
        return model_info

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
