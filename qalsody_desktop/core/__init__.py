"""Pure-Python core: no QtWidgets import below this package (tests/core/test_layering.py)."""
