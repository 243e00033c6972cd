"""Qalsody PA Desk: offline prior-authorization workbench for Qalsody (tofersen)."""

__version__ = "0.1.0"
APP_NAME = "Qalsody PA Desk"
