from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_backtest import ModelBacktest


T = TypeVar("T", bound="BacktestRead")


@_attrs_define
class BacktestRead:
    """
    Attributes:
        active_model_id (None | str):
        apply_every (str):
        backtest_id (str):
        created_at (datetime.datetime):
        dataset_sha256 (str):
        filename (str):
        interval_resamples (int):
        interval_seed (int):
        n_matches (int):
        results (list[ModelBacktest]):
    """

    active_model_id: None | str
    apply_every: str
    backtest_id: str
    created_at: datetime.datetime
    dataset_sha256: str
    filename: str
    interval_resamples: int
    interval_seed: int
    n_matches: int
    results: list[ModelBacktest]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_model_id: None | str
        active_model_id = self.active_model_id

        apply_every = self.apply_every

        backtest_id = self.backtest_id

        created_at = self.created_at.isoformat()

        dataset_sha256 = self.dataset_sha256

        filename = self.filename

        interval_resamples = self.interval_resamples

        interval_seed = self.interval_seed

        n_matches = self.n_matches

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_model_id": active_model_id,
                "apply_every": apply_every,
                "backtest_id": backtest_id,
                "created_at": created_at,
                "dataset_sha256": dataset_sha256,
                "filename": filename,
                "interval_resamples": interval_resamples,
                "interval_seed": interval_seed,
                "n_matches": n_matches,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.model_backtest import ModelBacktest

        d = dict(src_dict)

        def _parse_active_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        active_model_id = _parse_active_model_id(d.pop("active_model_id"))

        apply_every = d.pop("apply_every")

        backtest_id = d.pop("backtest_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dataset_sha256 = d.pop("dataset_sha256")

        filename = d.pop("filename")

        interval_resamples = d.pop("interval_resamples")

        interval_seed = d.pop("interval_seed")

        n_matches = d.pop("n_matches")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ModelBacktest.from_dict(results_item_data)

            results.append(results_item)

        backtest_read = cls(
            active_model_id=active_model_id,
            apply_every=apply_every,
            backtest_id=backtest_id,
            created_at=created_at,
            dataset_sha256=dataset_sha256,
            filename=filename,
            interval_resamples=interval_resamples,
            interval_seed=interval_seed,
            n_matches=n_matches,
            results=results,
        )

        backtest_read.additional_properties = d
        return backtest_read

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
