"""The "New goal…" dialog: the learner builds a stack of their own.

A goal is a name, an optional awarding body, and a credit total and/or specific credentials the
learner already holds ("all of these" or "n of these"). The dialog only asks: it hands back a
stack definition in the own JSON format (docs/stacks.md, read by wallet/stacks/load.py) and the
caller saves it. The shape of that definition lives in one function, `goal_definition`, so a
change in the format touches one place.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

from wallet.ui import icons
from wallet.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import fitting_size, line_edit, plain_label

# Units as the stack format spells them (shown translated, stored as written here).
CREDIT_UNITS = (
    QT_TRANSLATE_NOOP("GoalDialog", "NZQF credits"),
    QT_TRANSLATE_NOOP("GoalDialog", "ECTS"),
    QT_TRANSLATE_NOOP("GoalDialog", "hours"),
)
# The framework a unit usually comes with, preselected when the unit changes.
UNIT_FRAMEWORKS = {"NZQF credits": "NZQF", "ECTS": "EQF", "hours": ""}
FRAMEWORKS = ("", "NZQF", "EQF", "AQF", "SCQF", "RQF", "NQF")
MAX_LEVEL = 10


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("GoalDialog", text)


def _number(value: float) -> float | int:
    """40, not 40.0, in the JSON a person may read; 7.5 stays 7.5."""
    return int(value) if float(value).is_integer() else float(value)


def new_goal_id(name: str) -> str:
    """A readable id that two goals of the same name do not share."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "goal"
    return f"goal-{slug}-{uuid.uuid4().hex[:8]}"


FORMAT = "learner-wallet-stack/1"  # the own format's tag (wallet/stacks/load.py, docs/stacks.md)


def goal_definition(
    *,
    name: str,
    awarding_body: str | None = None,
    credits: float | None = None,
    unit: str | None = None,
    min_level: int | None = None,
    framework: str | None = None,
    achievements: list[dict[str, str]] | None = None,
    n: int | None = None,
    goal_id: str | None = None,
) -> dict[str, Any]:
    """The stack definition for a learner's own goal, in the own format
    (resources/schemas/stack.schema.json; read back by `wallet.stacks.load.load_stack`).

    `achievements` are `{"name", "issuer"?}` items; with `n` below their number they become
    an "n-of" group, otherwise each one is required. Keys without a value are left out rather
    than written as null, so the file says only what the learner chose. A level is written
    only with its framework (the format cannot read a level without one).
    """
    children: list[dict[str, Any]] = []
    if credits:
        node: dict[str, Any] = {
            "type": "credits",
            "id": "credits",
            "credits": _number(credits),
            "unit": unit or CREDIT_UNITS[0],
        }
        if min_level and framework:
            node["minLevel"] = min_level
        if framework:
            node["framework"] = framework
        children.append(node)
    items = [
        {"type": "achievement", "id": f"pick/{i}", **a} for i, a in enumerate(achievements or [])
    ]
    if items:
        if n is not None and n < len(items):
            children.append({"type": "n-of", "id": "picks", "n": n, "of": items})
        else:
            children.extend(items)
    award: dict[str, Any] = {"name": name}
    if awarding_body:
        award["awardingBody"] = awarding_body
    if credits:
        award["credits"] = {"value": _number(credits), "unit": unit or CREDIT_UNITS[0]}
    if min_level and framework:
        award["level"] = {"value": str(min_level), "framework": framework}
    return {
        "format": FORMAT,
        "id": goal_id or new_goal_id(name),
        "name": name,
        "source": "own",
        "award": award,
        "requirement": {"type": "all", "id": "root", "of": children},
    }


class CreditSpinBox(QtWidgets.QDoubleSpinBox):
    """Credits as people write them: "40", "7.5" (not "40.0")."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return f"{round(value, self.decimals()):g}"


class GoalDialog(QtWidgets.QDialog):
    """Build an own goal stack. `titles`: credential id → title, the checklist to pick from;
    `issuers` (optional): credential id → issuer name, written next to the picked title so a
    same-named badge from someone else does not count.

    OK checks the input and, when it is complete, emits `goal_created(definition)` and closes;
    otherwise it says what is wrong under the form and stays open.
    """

    goal_created = Signal(dict)

    def __init__(
        self,
        titles: Mapping[str, str],
        parent: QtWidgets.QWidget | None = None,
        *,
        issuers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goal_dialog")
        self.setWindowTitle(self.tr("New goal"))
        self.setAccessibleName(self.tr("New goal"))
        self._issuers = dict(issuers or {})
        self._definition: dict[str, Any] | None = None

        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(10)
        intro = plain_label(
            self.tr(
                "Set yourself a goal: a number of credits, particular credentials, or both. "
                "The wallet shows how far your credentials already take you."
            )
        )
        intro.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        layout.addWidget(intro)

        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = line_edit(
            "goal_name", self.tr("Goal name"), self.tr("e.g. Level 5 Certificate in Data Analysis")
        )
        self.body_edit = line_edit(
            "awarding_body", self.tr("Awarding body (optional)"), self.tr("Optional")
        )
        form.addRow(self._caption(self.tr("&Name:"), self.name_edit), self.name_edit)
        form.addRow(self._caption(self.tr("&Awarding body:"), self.body_edit), self.body_edit)
        layout.addLayout(form)

        layout.addWidget(self._build_credits())
        layout.addWidget(self._build_picks(titles), 1)

        self.error = plain_label("", "goal_error", self.tr("Problem with the goal"))
        self.error.hide()
        self._style_error()
        layout.addWidget(self.error)

        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create goal"))
        self.ok_button.setAccessibleName(self.tr("Create goal"))
        cancel = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # Any edit clears an old complaint: it may no longer be true.
        for signal in (
            self.name_edit.textChanged,
            self.level_spin.valueChanged,
            self.framework_combo.currentIndexChanged,
            self.credits_box.toggled,
            self.picks_box.toggled,
            self.picks.itemChanged,
            self.n_spin.valueChanged,
            self.credits_spin.valueChanged,
        ):
            signal.connect(self._clear_error)
        self.resize(*fitting_size(self, (560, 640)))

    # ----- building ------------------------------------------------------------------------

    def _caption(self, text: str, buddy: QtWidgets.QWidget) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text)
        label.setBuddy(buddy)
        return label

    def _optional_part(self, title: str, name: str, accessible: str) -> QtWidgets.QGroupBox:
        """A part of the goal the learner may leave out: a box ticked on its title, off at first."""
        box = QtWidgets.QGroupBox(title)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setCheckable(True)
        box.setChecked(False)
        return box

    def _build_credits(self) -> QtWidgets.QGroupBox:
        box = self._optional_part(
            self.tr("A credit total"), "credits_box", self.tr("Require a credit total")
        )
        self.credits_box = box
        grid = QtWidgets.QGridLayout(box)
        grid.setHorizontalSpacing(8)

        self.credits_spin = CreditSpinBox()
        self.credits_spin.setObjectName("credit_total")
        self.credits_spin.setAccessibleName(self.tr("Credits needed"))
        self.credits_spin.setRange(0, 10_000)
        self.credits_spin.setDecimals(1)
        self.credits_spin.setValue(60)
        self.unit_combo = QtWidgets.QComboBox()
        self.unit_combo.setObjectName("credit_unit")
        self.unit_combo.setAccessibleName(self.tr("Credit unit"))
        for unit in CREDIT_UNITS:
            self.unit_combo.addItem(_tr(unit), unit)
        self.level_spin = QtWidgets.QSpinBox()
        self.level_spin.setObjectName("min_level")
        self.level_spin.setAccessibleName(self.tr("Minimum level"))
        self.level_spin.setRange(0, MAX_LEVEL)
        self.level_spin.setSpecialValueText(self.tr("Any level"))
        self.framework_combo = QtWidgets.QComboBox()
        self.framework_combo.setObjectName("framework")
        self.framework_combo.setAccessibleName(self.tr("Qualifications framework"))
        for fw in FRAMEWORKS:
            self.framework_combo.addItem(fw or self.tr("No framework"), fw)
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self._unit_changed()

        grid.addWidget(self._caption(self.tr("&Credits:"), self.credits_spin), 0, 0)
        grid.addWidget(self.credits_spin, 0, 1)
        grid.addWidget(self.unit_combo, 0, 2)
        grid.addWidget(self._caption(self.tr("At &level:"), self.level_spin), 1, 0)
        grid.addWidget(self.level_spin, 1, 1)
        grid.addWidget(self.framework_combo, 1, 2)
        # Numbers and short choices keep a compact width; the space left stays on the right.
        width = self.fontMetrics().horizontalAdvance("0000.0") + 48
        for spin in (self.credits_spin, self.level_spin):
            spin.setMinimumWidth(width)
            spin.setMaximumWidth(width + 60)
        for combo in (self.unit_combo, self.framework_combo):
            combo.setMinimumWidth(self.fontMetrics().horizontalAdvance("NZQF credits") + 48)
        grid.setColumnStretch(3, 1)
        return box

    def _build_picks(self, titles: Mapping[str, str]) -> QtWidgets.QGroupBox:
        box = self._optional_part(
            self.tr("Particular credentials"),
            "picks_box",
            self.tr("Require particular credentials"),
        )
        self.picks_box = box
        inner = QtWidgets.QVBoxLayout(box)

        self.filter_edit = line_edit(
            "picks_filter",
            self.tr("Filter credentials"),
            self.tr("Filter by title"),
            clear_button=True,
        )
        self.filter_edit.textChanged.connect(self._filter)
        inner.addWidget(self.filter_edit)

        self.picks = QtWidgets.QListWidget()
        self.picks.setObjectName("picks")
        self.picks.setAccessibleName(self.tr("Your credentials"))
        self.picks.setUniformItemSizes(True)
        for cid, title in sorted(titles.items(), key=lambda kv: (kv[1].casefold(), kv[0])):
            issuer = self._issuers.get(cid)
            item = QtWidgets.QListWidgetItem(f"{title} \u2014 {issuer}" if issuer else title)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.picks.addItem(item)
        self._titles = dict(titles)
        if not titles:
            none = QtWidgets.QLabel(self.tr("Your wallet holds no credentials yet."))
            none.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
            inner.addWidget(none)
        inner.addWidget(self.picks, 1)

        row = QtWidgets.QHBoxLayout()
        self.all_radio = QtWidgets.QRadioButton(self.tr("All of these"))
        self.all_radio.setObjectName("all_of")
        self.all_radio.setAccessibleName(self.tr("Require all picked credentials"))
        self.all_radio.setChecked(True)
        self.n_radio = QtWidgets.QRadioButton(self.tr("At least"))
        self.n_radio.setObjectName("n_of")
        self.n_radio.setAccessibleName(self.tr("Require some of the picked credentials"))
        self.n_spin = QtWidgets.QSpinBox()
        self.n_spin.setObjectName("n_count")
        self.n_spin.setAccessibleName(self.tr("How many of the picked credentials"))
        self.n_spin.setRange(1, 999)
        self.n_spin.setValue(1)
        self.n_spin.setEnabled(False)
        of_these = QtWidgets.QLabel(self.tr("of these"))
        self.n_radio.toggled.connect(self.n_spin.setEnabled)
        self.n_radio.toggled.connect(self._clear_error)
        row.addWidget(self.all_radio)
        row.addSpacing(16)
        row.addWidget(self.n_radio)
        row.addWidget(self.n_spin)
        row.addWidget(of_these)
        row.addStretch(1)
        inner.addLayout(row)
        return box

    def _unit_changed(self) -> None:
        fw = UNIT_FRAMEWORKS.get(self.unit_combo.currentData(), "")
        index = self.framework_combo.findData(fw)
        if index >= 0:
            self.framework_combo.setCurrentIndex(index)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(self.picks.count()):
            item = self.picks.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _style_error(self) -> None:
        colour = icons.verdict_colour(icons.FAILED, self.palette()).name()
        self.error.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 (Qt's name)
        """Keep the error red readable after a light/dark switch."""
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._style_error()
        super().changeEvent(event)

    # ----- reading ---------------------------------------------------------------------------

    def picked_ids(self) -> list[str]:
        """Credential ids ticked in the checklist, in list order (hidden ones included)."""
        return [
            self.picks.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.picks.count())
            if self.picks.item(r).checkState() == Qt.CheckState.Checked
        ]

    def set_picked(self, ids: list[str]) -> None:
        """Tick exactly these credentials (keyboard users and tests alike)."""
        wanted = set(ids)
        for r in range(self.picks.count()):
            item = self.picks.item(r)
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else Qt.CheckState.Unchecked
            )

    def problem(self) -> str | None:
        """What stops the goal from being created, in a sentence; None when it is complete."""
        if not self.name_edit.text().strip():
            return self.tr("Give the goal a name.")
        use_credits = self.credits_box.isChecked()
        use_picks = self.picks_box.isChecked()
        if not use_credits and not use_picks:
            return self.tr(
                "Add a requirement: tick \u201cA credit total\u201d, "
                "\u201cParticular credentials\u201d, or both."
            )
        if use_credits and self.credits_spin.value() <= 0:
            return self.tr("The credit total must be more than 0.")
        if use_credits and self.level_spin.value() and not self.framework_combo.currentData():
            return self.tr(
                "A minimum level needs its framework: choose one, or set \u201cAny level\u201d."
            )
        if use_picks:
            picked = len(self.picked_ids())
            if picked == 0:
                return self.tr(
                    "Pick at least one credential, or untick \u201cParticular credentials\u201d."
                )
            if self.n_radio.isChecked() and self.n_spin.value() > picked:
                return self.tr(
                    "You picked {picked}, so \u201cat least {n} of these\u201d can "
                    "never be met. Pick more or lower the number."
                ).format(picked=picked, n=self.n_spin.value())
        return None

    def definition(self) -> dict[str, Any] | None:
        """The goal as a stack definition, or None while `problem()` has something to say."""
        if self.problem() is not None:
            return None
        achievements: list[dict[str, str]] = []
        n: int | None = None
        if self.picks_box.isChecked():
            seen: set[tuple[str, str]] = set()
            for cid in self.picked_ids():
                name, issuer = self._titles.get(cid, cid), self._issuers.get(cid, "")
                if (name, issuer) in seen:  # two copies of one badge are one requirement
                    continue
                seen.add((name, issuer))
                achievements.append({"name": name, "issuer": issuer} if issuer else {"name": name})
            if self.n_radio.isChecked():
                n = self.n_spin.value()
        use_credits = self.credits_box.isChecked()
        return goal_definition(
            name=self.name_edit.text().strip(),
            awarding_body=self.body_edit.text().strip() or None,
            credits=self.credits_spin.value() if use_credits else None,
            unit=self.unit_combo.currentData() if use_credits else None,
            min_level=(self.level_spin.value() or None) if use_credits else None,
            framework=(self.framework_combo.currentData() or None) if use_credits else None,
            achievements=achievements,
            n=n,
        )

    # ----- closing ---------------------------------------------------------------------------

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def accept(self) -> None:
        """Close only with a complete goal; otherwise say why, where the form is."""
        problem = self.problem()
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        self._definition = self.definition()
        assert self._definition is not None
        self.goal_created.emit(self._definition)
        super().accept()

    @property
    def result_definition(self) -> dict[str, Any] | None:
        """The definition handed out on OK (None until then, or after Cancel)."""
        return self._definition
