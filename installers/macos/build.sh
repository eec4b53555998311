#!/usr/bin/env bash
# Builds LayerLab's macOS disk image with jpackage. Run on macOS with a JDK 17.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f target/layerlab.jar ] || mvn -q -DskipTests package
rm -rf target/installers target/jpackage-input && mkdir -p target/installers target/jpackage-input
cp target/layerlab.jar target/jpackage-input/
# jpackage wants an .icns icon on macOS; make one from the PNG with the system's iconutil.
iconset=target/LayerLab.iconset && mkdir -p "$iconset"
for size in 16 32 64 128 256; do sips -z $size $size resources/icons/layerlab-256.png --out "$iconset/icon_${size}x${size}.png" >/dev/null; done
iconutil -c icns "$iconset" -o target/LayerLab.icns
jpackage @installers/common.args --input target/jpackage-input --dest target/installers \
  --type dmg --icon target/LayerLab.icns --mac-package-name LayerLab
ls -la target/installers
