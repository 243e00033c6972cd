"""The start-up warm-up imports every heavy module it names (a renamed module would fail)."""

from __future__ import annotations

import sys

from qalsody_desktop.gui.warmup import HEAVY_MODULES, warm_imports


def test_warm_up_loads_every_heavy_module():
    assert warm_imports() == len(HEAVY_MODULES)
    assert all(name in sys.modules for name in HEAVY_MODULES)
