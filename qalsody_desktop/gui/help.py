"""Help: the bundled user guide, the payer rules with their sources, and About.

Pages are shown inside the app (QTextBrowser) so that nothing is opened on the network; web
addresses in sources are shown as text.
"""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, __version__
from ..core.paths import resources_dir
from ..core.policy import PolicyProfile
from ..core.policy.report import rules_html


class HelpDialog(QDialog):
    def __init__(self, title: str, html: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)  # never hand a link to a web browser
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 600)


def user_guide_html() -> str:
    path = resources_dir() / "help" / "user-guide.html"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"<p>The user guide is missing from this installation ({path.name}).</p>"


def show_user_guide(parent: QWidget) -> HelpDialog:
    dialog = HelpDialog("User guide", user_guide_html(), parent)
    dialog.open()
    return dialog


def show_rules(parent: QWidget, profile: PolicyProfile) -> HelpDialog:
    dialog = HelpDialog("Payer rules and sources", rules_html(profile), parent)
    dialog.open()
    return dialog


def about_text(data_folder: Path, profile: PolicyProfile) -> str:
    from docx import __version__ as docx_version  # type: ignore[attr-defined]
    from pypdf import __version__ as pypdf_version

    rows = [
        ("Version", __version__),
        ("Policy profile", f"{profile.id} {profile.version}"),
        ("Data folder", str(data_folder)),
        ("Python", platform.python_version()),
        ("Qt / PySide6", f"{qVersion()} / {PySide6.__version__}"),
        ("pypdf / python-docx", f"{pypdf_version} / {docx_version}"),
        ("System", f"{platform.system()} {platform.release()}"),
    ]
    table = "".join(f"<tr><td><b>{k}</b>&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    return (
        f"<h3>{APP_NAME}</h3><p>Offline prior-authorization workbench for Qalsody (tofersen)."
        f" All data stays on this computer; the app never uses the network.</p>"
        f"<table>{table}</table>"
    )


def show_about(parent: QWidget, data_folder: Path, profile: PolicyProfile) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(f"About {APP_NAME}")
    box.setText(about_text(data_folder, profile))
    box.setTextInteractionFlags(box.textInteractionFlags())
    box.open()
    return box
