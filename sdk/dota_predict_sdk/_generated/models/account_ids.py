from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_name import AccountName


T = TypeVar("T", bound="AccountIds")


@_attrs_define
class AccountIds:
    """
    Attributes:
        account_ids (list[int]):
        limit (int):
        model_id (str):
        offset (int):
        total (int):
        players (list[AccountName] | Unset): The same ids in the same order, each with its pro player name when the
            OpenDota sync cached one (make sync ARGS=--players).
    """

    account_ids: list[int]
    limit: int
    model_id: str
    offset: int
    total: int
    players: list[AccountName] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_ids = self.account_ids

        limit = self.limit

        model_id = self.model_id

        offset = self.offset

        total = self.total

        players: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.players, Unset):
            players = []
            for players_item_data in self.players:
                players_item = players_item_data.to_dict()
                players.append(players_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_ids": account_ids,
                "limit": limit,
                "model_id": model_id,
                "offset": offset,
                "total": total,
            }
        )
        if players is not UNSET:
            field_dict["players"] = players

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.account_name import AccountName

        d = dict(src_dict)
        account_ids = cast(list[int], d.pop("account_ids"))

        limit = d.pop("limit")

        model_id = d.pop("model_id")

        offset = d.pop("offset")

        total = d.pop("total")

        _players = d.pop("players", UNSET)
        players: list[AccountName] | Unset = UNSET
        if _players is not UNSET:
            players = []
            for players_item_data in _players:
                players_item = AccountName.from_dict(players_item_data)

                players.append(players_item)

        account_ids = cls(
            account_ids=account_ids,
            limit=limit,
            model_id=model_id,
            offset=offset,
            total=total,
            players=players,
        )

        account_ids.additional_properties = d
        return account_ids

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
