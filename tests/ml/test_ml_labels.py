"""Every hyperparameter has a readable label for forms (served by GET /api/v1/models/types)."""

from __future__ import annotations

from backend.ml import MODEL_TYPES


def test_labels_are_readable_and_distinct_within_a_type() -> None:
    for spec in MODEL_TYPES.values():
        labels = [h.label for h in spec.hyperparameters]
        assert len(set(labels)) == len(labels), spec.name
        for h in spec.hyperparameters:
            assert "_" not in h.label and h.label[0].isupper(), (spec.name, h.name, h.label)
