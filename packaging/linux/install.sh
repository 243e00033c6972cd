#!/bin/sh
# Per-user install of the frozen Linux build (no root needed):
#   packaging/linux/install.sh [APP_DIR]        APP_DIR defaults to dist/qalsody-desktop
#   packaging/linux/install.sh --uninstall
# Copies the app folder to ~/.local/opt/qalsody-desktop, links both executables into
# ~/.local/bin, and installs the menu entry and icons (freedesktop.org paths). Patient data is
# in ~/.local/share/QalsodyPADesk and is never touched by this script, not even on uninstall.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
OPT=$HOME/.local/opt/qalsody-desktop
BIN=$HOME/.local/bin
APPS=$DATA_HOME/applications
ICONS=$DATA_HOME/icons/hicolor
SIZES="16 24 32 48 64 128 256 512"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$APPS" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$ICONS" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$OPT"
    rm -f "$BIN/qalsody-desktop" "$BIN/qalsody-pa" "$APPS/qalsody-desktop.desktop"
    for size in $SIZES; do rm -f "$ICONS/${size}x${size}/apps/qalsody-desktop.png"; done
    rm -f "$ICONS/scalable/apps/qalsody-desktop.svg"
    refresh
    echo "removed Qalsody PA Desk (data in $DATA_HOME/QalsodyPADesk was kept)"
    exit 0
fi

SRC=${1:-$HERE/../../dist/qalsody-desktop}
if [ ! -x "$SRC/qalsody-desktop" ] || [ ! -x "$SRC/qalsody-pa" ]; then
    echo "install.sh: no frozen build in $SRC (run: python3 dev.py freeze)" >&2
    exit 2
fi
SRC=$(cd "$SRC" && pwd)
ICON_SRC=$SRC/_internal/resources/icons

mkdir -p "$(dirname "$OPT")" "$BIN" "$APPS"
rm -rf "$OPT.new"
cp -a "$SRC" "$OPT.new"
rm -rf "$OPT"
mv "$OPT.new" "$OPT"
ln -sf "$OPT/qalsody-desktop" "$BIN/qalsody-desktop"
ln -sf "$OPT/qalsody-pa" "$BIN/qalsody-pa"

for size in $SIZES; do
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$ICON_SRC/qalsody-$size.png" "$ICONS/${size}x${size}/apps/qalsody-desktop.png"
done
mkdir -p "$ICONS/scalable/apps"
cp "$ICON_SRC/qalsody.svg" "$ICONS/scalable/apps/qalsody-desktop.svg"

# the menu entry runs the installed executable by its full path (~/.local/bin may not be on
# the desktop session's PATH)
sed -e "s|^Exec=.*|Exec=$OPT/qalsody-desktop|" -e "s|^TryExec=.*|TryExec=$OPT/qalsody-desktop|" \
    "$HERE/qalsody-desktop.desktop" > "$APPS/qalsody-desktop.desktop"
chmod 644 "$APPS/qalsody-desktop.desktop"
refresh
echo "installed Qalsody PA Desk in $OPT (menu: Office > Qalsody PA Desk; command: qalsody-pa)"
