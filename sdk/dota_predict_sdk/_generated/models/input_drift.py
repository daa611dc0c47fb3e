from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.psi_level import PsiLevel, check_psi_level
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.share_drift import ShareDrift


T = TypeVar("T", bound="InputDrift")


@_attrs_define
class InputDrift:
    """
    Attributes:
        hero_pick_psi (float | None): Population-stability index of hero pick shares, training vs recent.
        n_recent (int): Recorded predictions compared (the latest ones).
        unknown_hero_share (ShareDrift):
        unknown_player_share (ShareDrift):
        hero_pick_psi_level (None | PsiLevel | Unset): stable (within sampling noise or < 0.1), moderate (<= 0.25) or
            major.
        hero_pick_psi_noise (float | None | Unset): The PSI that sampling alone exceeds with 1 % chance at this many
            picks.
        n_recent_picks (int | Unset): Hero picks behind the PSI (10 per prediction). Default: 0.
    """

    hero_pick_psi: float | None
    n_recent: int
    unknown_hero_share: ShareDrift
    unknown_player_share: ShareDrift
    hero_pick_psi_level: None | PsiLevel | Unset = UNSET
    hero_pick_psi_noise: float | None | Unset = UNSET
    n_recent_picks: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hero_pick_psi: float | None
        hero_pick_psi = self.hero_pick_psi

        n_recent = self.n_recent

        unknown_hero_share = self.unknown_hero_share.to_dict()

        unknown_player_share = self.unknown_player_share.to_dict()

        hero_pick_psi_level: None | str | Unset
        if isinstance(self.hero_pick_psi_level, Unset):
            hero_pick_psi_level = UNSET
        elif isinstance(self.hero_pick_psi_level, str):
            hero_pick_psi_level = self.hero_pick_psi_level
        else:
            hero_pick_psi_level = self.hero_pick_psi_level

        hero_pick_psi_noise: float | None | Unset
        if isinstance(self.hero_pick_psi_noise, Unset):
            hero_pick_psi_noise = UNSET
        else:
            hero_pick_psi_noise = self.hero_pick_psi_noise

        n_recent_picks = self.n_recent_picks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hero_pick_psi": hero_pick_psi,
                "n_recent": n_recent,
                "unknown_hero_share": unknown_hero_share,
                "unknown_player_share": unknown_player_share,
            }
        )
        if hero_pick_psi_level is not UNSET:
            field_dict["hero_pick_psi_level"] = hero_pick_psi_level
        if hero_pick_psi_noise is not UNSET:
            field_dict["hero_pick_psi_noise"] = hero_pick_psi_noise
        if n_recent_picks is not UNSET:
            field_dict["n_recent_picks"] = n_recent_picks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.share_drift import ShareDrift

        d = dict(src_dict)

        def _parse_hero_pick_psi(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        hero_pick_psi = _parse_hero_pick_psi(d.pop("hero_pick_psi"))

        n_recent = d.pop("n_recent")

        unknown_hero_share = ShareDrift.from_dict(d.pop("unknown_hero_share"))

        unknown_player_share = ShareDrift.from_dict(d.pop("unknown_player_share"))

        def _parse_hero_pick_psi_level(data: object) -> None | PsiLevel | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hero_pick_psi_level_type_0 = check_psi_level(data)

                return hero_pick_psi_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PsiLevel | Unset, data)

        hero_pick_psi_level = _parse_hero_pick_psi_level(
            d.pop("hero_pick_psi_level", UNSET)
        )

        def _parse_hero_pick_psi_noise(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hero_pick_psi_noise = _parse_hero_pick_psi_noise(
            d.pop("hero_pick_psi_noise", UNSET)
        )

        n_recent_picks = d.pop("n_recent_picks", UNSET)

        input_drift = cls(
            hero_pick_psi=hero_pick_psi,
            n_recent=n_recent,
            unknown_hero_share=unknown_hero_share,
            unknown_player_share=unknown_player_share,
            hero_pick_psi_level=hero_pick_psi_level,
            hero_pick_psi_noise=hero_pick_psi_noise,
            n_recent_picks=n_recent_picks,
        )

        input_drift.additional_properties = d
        return input_drift

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
