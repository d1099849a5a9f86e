"""The desktop app: PySide6 windows over the Qt-free core.

Nothing outside this package imports Qt, so the CLI and the core run without a display.
Importing `wallet.ui` itself does not load Qt; `wallet.ui.app.run_app` does.
"""
