"""A line edit that finds a household by unit, name, phone or pinyin initials.

One widget serves the window's global search box and every form that links a
record to the household archive (rule G2): type, pick from the list with the
arrow keys and Enter (or type a full unit and press Enter), and `chosen` fires
with the household's id and its unit as shown. Editing the text again forgets
the choice, so a form never saves a stale link.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from wuye_desk.services import households
from wuye_desk.services.desk import Desk

SEARCH_DELAY_MS = 120  # wait for a pause in typing before asking the database


class HouseholdPicker(QLineEdit):
    chosen = Signal(int, str)  # household id, unit as shown (e.g. 3栋2单元1502)

    def __init__(self, desk: Desk, parent: QWidget | None = None, *, limit: int = 20) -> None:
        super().__init__(parent)
        self.desk = desk
        self.limit = limit
        self.household_id: int | None = None
        self.unit_display = ""
        self.setPlaceholderText(self.tr("房号、姓名、电话或拼音首字母"))
        self.setClearButtonEnabled(True)
        self._hits: dict[str, tuple[int, str]] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        completer.activated.connect(self._choose_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search_now)
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self._enter)

    def _edited(self, _text: str) -> None:
        self.household_id = None
        self.unit_display = ""
        self._timer.start()

    def search_now(self) -> None:
        """Look up what is typed and offer the hits (also run when Enter beats the timer)."""
        self._timer.stop()
        text = self.text().strip()
        hits = households.search(self.desk, text, limit=self.limit) if text else []
        self._hits = {h.label: (h.id, h.unit_display) for h in hits}
        self._model.setStringList(list(self._hits))
        if hits and self.hasFocus():
            self.completer().complete()

    def _enter(self) -> None:
        text = self.text().strip()
        if text in self._hits:
            self._choose_label(text)
            return
        if self.household_id is not None:
            return
        self.search_now()
        if self._hits:
            self._choose_label(next(iter(self._hits)))

    def _choose_label(self, label: str) -> None:
        hit = self._hits.get(label)
        if hit is not None:
            self.choose(*hit)

    def choose(self, household_id: int, unit_display: str) -> None:
        """Link the household (also used to fill a form from a record)."""
        self.household_id = household_id
        self.unit_display = unit_display
        QTimer.singleShot(0, self, lambda: self.setText(unit_display))  # after the completer writes its label
        self.chosen.emit(household_id, unit_display)

    def reset(self) -> None:
        self._timer.stop()
        self.household_id = None
        self.unit_display = ""
        self._hits = {}
        self._model.setStringList([])
        self.clear()
