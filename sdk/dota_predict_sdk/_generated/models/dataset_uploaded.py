from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dataset_uploaded_import_mapping_type_0 import (
        DatasetUploadedImportMappingType0,
    )
    from ..models.dataset_uploaded_skipped import DatasetUploadedSkipped
    from ..models.hero_stat import HeroStat
    from ..models.month_count import MonthCount
    from ..models.player_count import PlayerCount


T = TypeVar("T", bound="DatasetUploaded")


@_attrs_define
class DatasetUploaded:
    """
    Attributes:
        created_at (datetime.datetime):
        dataset_id (str):
        filename (str): The file name it was uploaded with.
        first_start_time (datetime.datetime | None):
        heroes (list[HeroStat]): Every hero picked, most picked first.
        last_start_time (datetime.datetime | None):
        matches_per_month (list[MonthCount]):
        n_heroes (int): Distinct heroes picked.
        n_labelled (int): Matches with a radiant_win value.
        n_matches (int):
        n_players (int): Distinct known account ids.
        n_with_start_time (int):
        radiant_win_rate (float | None):
        size_bytes (int): Size of the uploaded CSV (0 for the bundled set).
        top_players (list[PlayerCount]): The 200 most active account ids.
        trainable (bool): Enough labelled matches with both outcomes to train.
        import_format (None | str | Unset): The format the file was read in.
        import_mapping (DatasetUploadedImportMappingType0 | None | Unset): The column mapping used (tables only).
        import_notes (list[str] | Unset): Assumptions the format's reader made.
        skipped (DatasetUploadedSkipped | Unset): Matches left out by reason (JSON matches without a full draft).
    """

    created_at: datetime.datetime
    dataset_id: str
    filename: str
    first_start_time: datetime.datetime | None
    heroes: list[HeroStat]
    last_start_time: datetime.datetime | None
    matches_per_month: list[MonthCount]
    n_heroes: int
    n_labelled: int
    n_matches: int
    n_players: int
    n_with_start_time: int
    radiant_win_rate: float | None
    size_bytes: int
    top_players: list[PlayerCount]
    trainable: bool
    import_format: None | str | Unset = UNSET
    import_mapping: DatasetUploadedImportMappingType0 | None | Unset = UNSET
    import_notes: list[str] | Unset = UNSET
    skipped: DatasetUploadedSkipped | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.dataset_uploaded_import_mapping_type_0 import (
            DatasetUploadedImportMappingType0,
        )

        created_at = self.created_at.isoformat()

        dataset_id = self.dataset_id

        filename = self.filename

        first_start_time: None | str
        if isinstance(self.first_start_time, datetime.datetime):
            first_start_time = self.first_start_time.isoformat()
        else:
            first_start_time = self.first_start_time

        heroes = []
        for heroes_item_data in self.heroes:
            heroes_item = heroes_item_data.to_dict()
            heroes.append(heroes_item)

        last_start_time: None | str
        if isinstance(self.last_start_time, datetime.datetime):
            last_start_time = self.last_start_time.isoformat()
        else:
            last_start_time = self.last_start_time

        matches_per_month = []
        for matches_per_month_item_data in self.matches_per_month:
            matches_per_month_item = matches_per_month_item_data.to_dict()
            matches_per_month.append(matches_per_month_item)

        n_heroes = self.n_heroes

        n_labelled = self.n_labelled

        n_matches = self.n_matches

        n_players = self.n_players

        n_with_start_time = self.n_with_start_time

        radiant_win_rate: float | None
        radiant_win_rate = self.radiant_win_rate

        size_bytes = self.size_bytes

        top_players = []
        for top_players_item_data in self.top_players:
            top_players_item = top_players_item_data.to_dict()
            top_players.append(top_players_item)

        trainable = self.trainable

        import_format: None | str | Unset
        if isinstance(self.import_format, Unset):
            import_format = UNSET
        else:
            import_format = self.import_format

        import_mapping: dict[str, Any] | None | Unset
        if isinstance(self.import_mapping, Unset):
            import_mapping = UNSET
        elif isinstance(self.import_mapping, DatasetUploadedImportMappingType0):
            import_mapping = self.import_mapping.to_dict()
        else:
            import_mapping = self.import_mapping

        import_notes: list[str] | Unset = UNSET
        if not isinstance(self.import_notes, Unset):
            import_notes = self.import_notes

        skipped: dict[str, Any] | Unset = UNSET
        if not isinstance(self.skipped, Unset):
            skipped = self.skipped.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "dataset_id": dataset_id,
                "filename": filename,
                "first_start_time": first_start_time,
                "heroes": heroes,
                "last_start_time": last_start_time,
                "matches_per_month": matches_per_month,
                "n_heroes": n_heroes,
                "n_labelled": n_labelled,
                "n_matches": n_matches,
                "n_players": n_players,
                "n_with_start_time": n_with_start_time,
                "radiant_win_rate": radiant_win_rate,
                "size_bytes": size_bytes,
                "top_players": top_players,
                "trainable": trainable,
            }
        )
        if import_format is not UNSET:
            field_dict["import_format"] = import_format
        if import_mapping is not UNSET:
            field_dict["import_mapping"] = import_mapping
        if import_notes is not UNSET:
            field_dict["import_notes"] = import_notes
        if skipped is not UNSET:
            field_dict["skipped"] = skipped

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dataset_uploaded_import_mapping_type_0 import (
            DatasetUploadedImportMappingType0,
        )
        from ..models.dataset_uploaded_skipped import DatasetUploadedSkipped
        from ..models.hero_stat import HeroStat
        from ..models.month_count import MonthCount
        from ..models.player_count import PlayerCount

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dataset_id = d.pop("dataset_id")

        filename = d.pop("filename")

        def _parse_first_start_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_start_time_type_0 = datetime.datetime.fromisoformat(data)

                return first_start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_start_time = _parse_first_start_time(d.pop("first_start_time"))

        heroes = []
        _heroes = d.pop("heroes")
        for heroes_item_data in _heroes:
            heroes_item = HeroStat.from_dict(heroes_item_data)

            heroes.append(heroes_item)

        def _parse_last_start_time(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_start_time_type_0 = datetime.datetime.fromisoformat(data)

                return last_start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_start_time = _parse_last_start_time(d.pop("last_start_time"))

        matches_per_month = []
        _matches_per_month = d.pop("matches_per_month")
        for matches_per_month_item_data in _matches_per_month:
            matches_per_month_item = MonthCount.from_dict(matches_per_month_item_data)

            matches_per_month.append(matches_per_month_item)

        n_heroes = d.pop("n_heroes")

        n_labelled = d.pop("n_labelled")

        n_matches = d.pop("n_matches")

        n_players = d.pop("n_players")

        n_with_start_time = d.pop("n_with_start_time")

        def _parse_radiant_win_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        radiant_win_rate = _parse_radiant_win_rate(d.pop("radiant_win_rate"))

        size_bytes = d.pop("size_bytes")

        top_players = []
        _top_players = d.pop("top_players")
        for top_players_item_data in _top_players:
            top_players_item = PlayerCount.from_dict(top_players_item_data)

            top_players.append(top_players_item)

        trainable = d.pop("trainable")

        def _parse_import_format(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        import_format = _parse_import_format(d.pop("import_format", UNSET))

        def _parse_import_mapping(
            data: object,
        ) -> DatasetUploadedImportMappingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                import_mapping_type_0 = DatasetUploadedImportMappingType0.from_dict(
                    data
                )

                return import_mapping_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DatasetUploadedImportMappingType0 | None | Unset, data)

        import_mapping = _parse_import_mapping(d.pop("import_mapping", UNSET))

        import_notes = cast(list[str], d.pop("import_notes", UNSET))

        _skipped = d.pop("skipped", UNSET)
        skipped: DatasetUploadedSkipped | Unset
        if isinstance(_skipped, Unset):
            skipped = UNSET
        else:
            skipped = DatasetUploadedSkipped.from_dict(_skipped)

        dataset_uploaded = cls(
            created_at=created_at,
            dataset_id=dataset_id,
            filename=filename,
            first_start_time=first_start_time,
            heroes=heroes,
            last_start_time=last_start_time,
            matches_per_month=matches_per_month,
            n_heroes=n_heroes,
            n_labelled=n_labelled,
            n_matches=n_matches,
            n_players=n_players,
            n_with_start_time=n_with_start_time,
            radiant_win_rate=radiant_win_rate,
            size_bytes=size_bytes,
            top_players=top_players,
            trainable=trainable,
            import_format=import_format,
            import_mapping=import_mapping,
            import_notes=import_notes,
            skipped=skipped,
        )

        dataset_uploaded.additional_properties = d
        return dataset_uploaded

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
