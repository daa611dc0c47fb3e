from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pick_suggestions_side import (
    PickSuggestionsSide,
    check_pick_suggestions_side,
)

if TYPE_CHECKING:
    from ..models.pick_suggestion import PickSuggestion


T = TypeVar("T", bound="PickSuggestions")


@_attrs_define
class PickSuggestions:
    """
    Attributes:
        current_probability (float):
        model_id (str):
        n_completions (int):
        side (PickSuggestionsSide):
        suggestions (list[PickSuggestion]):
    """

    current_probability: float
    model_id: str
    n_completions: int
    side: PickSuggestionsSide
    suggestions: list[PickSuggestion]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_probability = self.current_probability

        model_id = self.model_id

        n_completions = self.n_completions

        side: str = self.side

        suggestions = []
        for suggestions_item_data in self.suggestions:
            suggestions_item = suggestions_item_data.to_dict()
            suggestions.append(suggestions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current_probability": current_probability,
                "model_id": model_id,
                "n_completions": n_completions,
                "side": side,
                "suggestions": suggestions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pick_suggestion import PickSuggestion

        d = dict(src_dict)
        current_probability = d.pop("current_probability")

        model_id = d.pop("model_id")

        n_completions = d.pop("n_completions")

        side = check_pick_suggestions_side(d.pop("side"))

        suggestions = []
        _suggestions = d.pop("suggestions")
        for suggestions_item_data in _suggestions:
            suggestions_item = PickSuggestion.from_dict(suggestions_item_data)

            suggestions.append(suggestions_item)

        pick_suggestions = cls(
            current_probability=current_probability,
            model_id=model_id,
            n_completions=n_completions,
            side=side,
            suggestions=suggestions,
        )

        pick_suggestions.additional_properties = d
        return pick_suggestions

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
