"""Pure-Python core: no QtWidgets import anywhere below this package (see tests/core/test_layering.py)."""
