from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_summary_status import ModelSummaryStatus, check_model_summary_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.holdout_metrics import HoldoutMetrics


T = TypeVar("T", bound="ModelSummary")


@_attrs_define
class ModelSummary:
    """
    Attributes:
        created_at (datetime.datetime):
        is_active (bool):
        model_id (str):
        model_type (str):
        status (ModelSummaryStatus):
        description (None | str | Unset):
        metrics (HoldoutMetrics | None | Unset):
        tags (list[str] | Unset):
    """

    created_at: datetime.datetime
    is_active: bool
    model_id: str
    model_type: str
    status: ModelSummaryStatus
    description: None | str | Unset = UNSET
    metrics: HoldoutMetrics | None | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.holdout_metrics import HoldoutMetrics

        created_at = self.created_at.isoformat()

        is_active = self.is_active

        model_id = self.model_id

        model_type = self.model_type

        status: str = self.status

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        metrics: dict[str, Any] | None | Unset
        if isinstance(self.metrics, Unset):
            metrics = UNSET
        elif isinstance(self.metrics, HoldoutMetrics):
            metrics = self.metrics.to_dict()
        else:
            metrics = self.metrics

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "is_active": is_active,
                "model_id": model_id,
                "model_type": model_type,
                "status": status,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.holdout_metrics import HoldoutMetrics

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        is_active = d.pop("is_active")

        model_id = d.pop("model_id")

        model_type = d.pop("model_type")

        status = check_model_summary_status(d.pop("status"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

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

        tags = cast(list[str], d.pop("tags", UNSET))

        model_summary = cls(
            created_at=created_at,
            is_active=is_active,
            model_id=model_id,
            model_type=model_type,
            status=status,
            description=description,
            metrics=metrics,
            tags=tags,
        )

        model_summary.additional_properties = d
        return model_summary

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
