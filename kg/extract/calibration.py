"""Confidence of an extractor: its measured precision on development data, when measured.

``bench/quality.py --calibrate`` writes ``calibration.json`` beside this module: for each
extractor, how many of its facts were judged on labelled data and how many were right. The
confidence is that precision, smoothed towards the pattern's prior when little was measured.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

PRIOR_WEIGHT = 3.0  # the prior counts as this many observations


@functools.cache
def _measured() -> dict[str, tuple[int, int]]:
    path = resources.files("kg.extract") / "calibration.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    return {name: (int(v["correct"]), int(v["judged"])) for name, v in data["extractors"].items()}


def measured() -> dict[str, tuple[int, int]]:
    """extractor -> (facts judged right, facts judged) on the development data."""
    return dict(_measured())


def confidence_for(extractor: str, prior: float) -> float:
    correct, judged = _measured().get(extractor, (0, 0))
    value = (correct + prior * PRIOR_WEIGHT) / (judged + PRIOR_WEIGHT)
    return max(0.05, min(0.99, value))
