"""The Qt part of `learner-wallet self-test` (see wallet.selftest): Qt itself, its image
plugins, the app's icon and translations, drawn off screen unless a platform is set."""

from __future__ import annotations

from wallet import paths
from wallet.ui.qt import QtCore, QtGui, QtWidgets


def check_qt() -> str:
    """Qt starts (off screen unless a platform is set), loads the SVG and PNG image plugins and
    a translation, and draws the app's icon into an image that is not blank."""
    # A QApplication, not a QGuiApplication: the same process may go on to show widgets.
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["learner-wallet"])
    formats = {bytes(f.data()).decode() for f in QtGui.QImageReader.supportedImageFormats()}
    missing = {"png", "svg"} - formats
    if missing:
        raise RuntimeError(f"Qt image plugins missing: {', '.join(sorted(missing))}")
    icon = paths.resources() / "icons" / "learner-wallet.svg"
    image = QtGui.QImage(str(icon))
    if image.isNull():
        raise RuntimeError(f"Qt could not draw {icon}")
    scaled = QtGui.QImage(64, 64, QtGui.QImage.Format.Format_ARGB32)
    scaled.fill(0)
    painter = QtGui.QPainter(scaled)
    painter.drawImage(QtCore.QRect(0, 0, 64, 64), image)
    painter.end()
    colours = {scaled.pixel(x, y) for x in range(0, 64, 4) for y in range(0, 64, 4)}
    if len(colours) < 3:
        raise RuntimeError("the drawn icon is blank")
    translations = sorted((paths.resources() / "translations").glob("*.qm"))
    translator = QtCore.QTranslator()
    if not translations or not translator.load(str(translations[0])):
        raise RuntimeError("no translation could be loaded from resources/translations")
    return (
        f"Qt {QtCore.qVersion()} on {app.platformName()}: icon drawn, "
        f"{len(translations)} translation(s) load"
    )
