"""``python -m qalsody_desktop``: start the desktop app."""

import sys

from qalsody_desktop.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
