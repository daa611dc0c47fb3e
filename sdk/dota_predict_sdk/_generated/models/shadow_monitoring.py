from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.paired_comparison import PairedComparison
    from ..models.window_metrics import WindowMetrics


T = TypeVar("T", bound="ShadowMonitoring")


@_attrs_define
class ShadowMonitoring:
    """
    Attributes:
        all_ (WindowMetrics):
        model_id (str):
        scored (int): Predicted matches with a result (latest prediction each).
        served (int): Shadow predictions recorded in the ledger.
        vs_champion (None | PairedComparison): This shadow minus the champion on the matches both scored (n_matches),
            paired bootstrap; None before any such match.
    """

    all_: WindowMetrics
    model_id: str
    scored: int
    served: int
    vs_champion: None | PairedComparison
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.paired_comparison import PairedComparison

        all_ = self.all_.to_dict()

        model_id = self.model_id

        scored = self.scored

        served = self.served

        vs_champion: dict[str, Any] | None
        if isinstance(self.vs_champion, PairedComparison):
            vs_champion = self.vs_champion.to_dict()
        else:
            vs_champion = self.vs_champion

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "all": all_,
                "model_id": model_id,
                "scored": scored,
                "served": served,
                "vs_champion": vs_champion,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.paired_comparison import PairedComparison
        from ..models.window_metrics import WindowMetrics

        d = dict(src_dict)
        all_ = WindowMetrics.from_dict(d.pop("all"))

        model_id = d.pop("model_id")

        scored = d.pop("scored")

        served = d.pop("served")

        def _parse_vs_champion(data: object) -> None | PairedComparison:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                vs_champion_type_0 = PairedComparison.from_dict(data)

                return vs_champion_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PairedComparison, data)

        vs_champion = _parse_vs_champion(d.pop("vs_champion"))

        shadow_monitoring = cls(
            all_=all_,
            model_id=model_id,
            scored=scored,
            served=served,
            vs_champion=vs_champion,
        )

        shadow_monitoring.additional_properties = d
        return shadow_monitoring

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
