from __future__ import annotations

from kg.extract import EXTRACTORS, calibration


def test_measured_precision_moves_confidence_from_the_prior(monkeypatch):
    monkeypatch.setattr(calibration, "_measured",
                        lambda: {"good": (20, 20), "bad": (0, 20)})
    assert calibration.confidence_for("good", 0.5) > 0.9
    assert calibration.confidence_for("bad", 0.9) < 0.2
    # nothing measured: the prior stands
    assert abs(calibration.confidence_for("unseen", 0.7) - 0.7) < 1e-9


def test_shipped_calibration_names_known_extractors():
    calibration._measured.cache_clear()
    measured = calibration._measured()
    assert measured, "kg/extract/calibration.json is missing or empty"
    known = set(EXTRACTORS)
    assert set(measured) <= known
    for correct, judged in measured.values():
        assert 0 <= correct <= judged
