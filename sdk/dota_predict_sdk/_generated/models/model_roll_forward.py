from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ratings_as_of import RatingsAsOf


T = TypeVar("T", bound="ModelRollForward")


@_attrs_define
class ModelRollForward:
    """
    Attributes:
        model_id (str):
        ratings_as_of (None | RatingsAsOf): Last match in its ratings as of this post (its training end while no result
            applied; None: the model predates roll-forward).
        results_applied (int): Stored results after its training end, as of this post: the results its served ratings
            have applied, in total.
        skipped_older (int): Matches of this upload at or before its training end (not applied).
        skipped_undated (int | Unset): Matches of this upload without start_time, for a model ordered by time. Default:
            0.
    """

    model_id: str
    ratings_as_of: None | RatingsAsOf
    results_applied: int
    skipped_older: int
    skipped_undated: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.ratings_as_of import RatingsAsOf

        model_id = self.model_id

        ratings_as_of: dict[str, Any] | None
        if isinstance(self.ratings_as_of, RatingsAsOf):
            ratings_as_of = self.ratings_as_of.to_dict()
        else:
            ratings_as_of = self.ratings_as_of

        results_applied = self.results_applied

        skipped_older = self.skipped_older

        skipped_undated = self.skipped_undated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "ratings_as_of": ratings_as_of,
                "results_applied": results_applied,
                "skipped_older": skipped_older,
            }
        )
        if skipped_undated is not UNSET:
            field_dict["skipped_undated"] = skipped_undated

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ratings_as_of import RatingsAsOf

        d = dict(src_dict)
        model_id = d.pop("model_id")

        def _parse_ratings_as_of(data: object) -> None | RatingsAsOf:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ratings_as_of_type_0 = RatingsAsOf.from_dict(data)

                return ratings_as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RatingsAsOf, data)

        ratings_as_of = _parse_ratings_as_of(d.pop("ratings_as_of"))

        results_applied = d.pop("results_applied")

        skipped_older = d.pop("skipped_older")

        skipped_undated = d.pop("skipped_undated", UNSET)

        model_roll_forward = cls(
            model_id=model_id,
            ratings_as_of=ratings_as_of,
            results_applied=results_applied,
            skipped_older=skipped_older,
            skipped_undated=skipped_undated,
        )

        model_roll_forward.additional_properties = d
        return model_roll_forward

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
