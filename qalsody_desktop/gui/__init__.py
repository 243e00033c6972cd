"""The desktop GUI (PySide6): main window, views, dialogs, item models, task helper."""
