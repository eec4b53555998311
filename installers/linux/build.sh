#!/usr/bin/env bash
# Builds LayerLab's Linux app image and .deb with jpackage, then smoke-tests them.
# Usage: installers/linux/build.sh [app-image|deb|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-all}
out=target/installers
[ -f target/layerlab.jar ] || mvn -q -DskipTests package
rm -rf "$out" target/jpackage-input && mkdir -p "$out" target/jpackage-input
cp target/layerlab.jar target/jpackage-input/

common=(@installers/common.args --input target/jpackage-input --dest "$out" --icon resources/icons/layerlab-256.png)

if [ "$what" = app-image ] || [ "$what" = all ]; then
  jpackage "${common[@]}" --type app-image
  echo "Smoke test of the app image:"
  "$out/LayerLab/bin/LayerLab" --version
  "$out/LayerLab/bin/LayerLab" train --data samples/iris/iris.csv --epochs 2 | tail -3
fi

if [ "$what" = deb ] || [ "$what" = all ]; then
  jpackage "${common[@]}" --type deb \
    --linux-package-name layerlab --linux-app-category Education --linux-menu-group "Education;Science" \
    --linux-shortcut --linux-package-deps "libgtk-3-0" --install-dir /opt
  deb=$(ls "$out"/layerlab_*.deb)
  echo "Smoke test of $deb:"
  dpkg-deb --field "$deb" Package Version Depends
  dpkg-deb --contents "$deb" | grep -E "bin/LayerLab$|\.desktop$"
  dpkg-deb --field "$deb" Depends | grep -q libgtk-3-0
fi
ls -la "$out"
