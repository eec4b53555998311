#!/usr/bin/env bash
# Installs the built .deb with apt (which brings its dependencies), runs the installed LayerLab on the command
# line, checks its menu entry, then removes it again. Needs root (or sudo) on a Debian/Ubuntu system.
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(ls target/installers/layerlab_*.deb)
# Desktop systems have these; minimal containers do not, and the package's menu registration
# (xdg-desktop-menu, from jpackage) fails without them.
mkdir -p /usr/share/applications /usr/share/desktop-directories /etc/xdg/menus
apt-get install -y -qq "./$deb" >/dev/null
trap 'apt-get remove -y -qq layerlab >/dev/null' EXIT
/opt/layerlab/bin/LayerLab --version
/opt/layerlab/bin/LayerLab train --data samples/iris/iris.csv --epochs 3 | grep -E "Backend|Test accuracy"
grep -l "Exec=/opt/layerlab/bin/LayerLab" /usr/share/applications/*layerlab*.desktop
echo "Installed, ran and found in the menu: OK"
