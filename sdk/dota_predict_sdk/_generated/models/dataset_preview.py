from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.column_mapping import ColumnMapping
    from ..models.dataset_preview_formats import DatasetPreviewFormats
    from ..models.dataset_preview_rows_item import DatasetPreviewRowsItem
    from ..models.dataset_preview_skipped import DatasetPreviewSkipped
    from ..models.preview_problem import PreviewProblem


T = TypeVar("T", bound="DatasetPreview")


@_attrs_define
class DatasetPreview:
    """
    Attributes:
        columns (list[str]): The file's columns (tables only).
        description (None | str): What the format is.
        format_ (None | str): Detected (or named) format; None if unreadable.
        formats (DatasetPreviewFormats): Every format the `format` field takes.
        label_values (list[str]): The file's distinct winner values (first 20).
        mapping (ColumnMapping | None): Guessed (or given) mapping (tables).
        n_matches (int | None): Matches in the whole file, when it reads.
        notes (list[str]): Assumptions the format's reader makes.
        problems (list[PreviewProblem]): Empty when the file is ready to store.
        rows (list[DatasetPreviewRowsItem]): The first 20 matches as they will be read.
        skipped (DatasetPreviewSkipped): Matches left out by reason.
        targets (list[str]): Our columns a mapping can fill.
    """

    columns: list[str]
    description: None | str
    format_: None | str
    formats: DatasetPreviewFormats
    label_values: list[str]
    mapping: ColumnMapping | None
    n_matches: int | None
    notes: list[str]
    problems: list[PreviewProblem]
    rows: list[DatasetPreviewRowsItem]
    skipped: DatasetPreviewSkipped
    targets: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.column_mapping import ColumnMapping

        columns = self.columns

        description: None | str
        description = self.description

        format_: None | str
        format_ = self.format_

        formats = self.formats.to_dict()

        label_values = self.label_values

        mapping: dict[str, Any] | None
        if isinstance(self.mapping, ColumnMapping):
            mapping = self.mapping.to_dict()
        else:
            mapping = self.mapping

        n_matches: int | None
        n_matches = self.n_matches

        notes = self.notes

        problems = []
        for problems_item_data in self.problems:
            problems_item = problems_item_data.to_dict()
            problems.append(problems_item)

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        skipped = self.skipped.to_dict()

        targets = self.targets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "columns": columns,
                "description": description,
                "format": format_,
                "formats": formats,
                "label_values": label_values,
                "mapping": mapping,
                "n_matches": n_matches,
                "notes": notes,
                "problems": problems,
                "rows": rows,
                "skipped": skipped,
                "targets": targets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.column_mapping import ColumnMapping
        from ..models.dataset_preview_formats import DatasetPreviewFormats
        from ..models.dataset_preview_rows_item import DatasetPreviewRowsItem
        from ..models.dataset_preview_skipped import DatasetPreviewSkipped
        from ..models.preview_problem import PreviewProblem

        d = dict(src_dict)
        columns = cast(list[str], d.pop("columns"))

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_format_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        format_ = _parse_format_(d.pop("format"))

        formats = DatasetPreviewFormats.from_dict(d.pop("formats"))

        label_values = cast(list[str], d.pop("label_values"))

        def _parse_mapping(data: object) -> ColumnMapping | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mapping_type_0 = ColumnMapping.from_dict(data)

                return mapping_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ColumnMapping | None, data)

        mapping = _parse_mapping(d.pop("mapping"))

        def _parse_n_matches(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        n_matches = _parse_n_matches(d.pop("n_matches"))

        notes = cast(list[str], d.pop("notes"))

        problems = []
        _problems = d.pop("problems")
        for problems_item_data in _problems:
            problems_item = PreviewProblem.from_dict(problems_item_data)

            problems.append(problems_item)

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = DatasetPreviewRowsItem.from_dict(rows_item_data)

            rows.append(rows_item)

        skipped = DatasetPreviewSkipped.from_dict(d.pop("skipped"))

        targets = cast(list[str], d.pop("targets"))

        dataset_preview = cls(
            columns=columns,
            description=description,
            format_=format_,
            formats=formats,
            label_values=label_values,
            mapping=mapping,
            n_matches=n_matches,
            notes=notes,
            problems=problems,
            rows=rows,
            skipped=skipped,
            targets=targets,
        )

        dataset_preview.additional_properties = d
        return dataset_preview

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
