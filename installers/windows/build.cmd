@echo off
rem Builds LayerLab's Windows installer (.msi) with jpackage. Run on Windows with a JDK 17 and the WiX Toolset 3.
setlocal
cd /d "%~dp0\..\.."
if not exist target\layerlab.jar call mvn -q -DskipTests package || exit /b 1
if exist target\installers rmdir /s /q target\installers
if exist target\jpackage-input rmdir /s /q target\jpackage-input
mkdir target\installers target\jpackage-input
copy target\layerlab.jar target\jpackage-input\ >nul
rem jpackage wants an .ico icon on Windows; resources\icons holds PNGs, so the default icon is used unless
rem an .ico is provided as installers\windows\layerlab.ico.
set ICON=
if exist installers\windows\layerlab.ico set ICON=--icon installers\windows\layerlab.ico
jpackage @installers\common.args --input target\jpackage-input --dest target\installers ^
  --type msi %ICON% --win-menu --win-menu-group LayerLab --win-shortcut --win-dir-chooser || exit /b 1
dir target\installers
