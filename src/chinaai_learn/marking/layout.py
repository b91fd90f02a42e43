"""Where everything sits on an answer sheet, in millimetres from the page's top-left corner.

The sheet generator places exactly these boxes and the reader measures exactly these, so
the two can never drift apart. An A4 page carries four corner markers (ArUco 4x4 ids
0-3, for position and orientation), a QR code with the sheet id, a pupil-number grid
(three digits) and one row of boxes per question, in two columns.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

PAGE_W, PAGE_H = 210.0, 297.0
MARKER = 16.0  # side of a corner marker
MARKER_MARGIN = 10.0
BOX = 5.0  # side of an answer box
BOX_PITCH = 10.0
ROW_PITCH = 7.5
QR_SIZE = 26.0
PUPIL_DIGITS = 3
DIGIT_PITCH_X, DIGIT_PITCH_Y = 8.0, 6.5
ROWS_PER_COLUMN = 18
COLUMNS = 2
PER_PAGE = ROWS_PER_COLUMN * COLUMNS
MAX_CHOICES = 6

# The inner 4x4 bits (1 = white) of ArUco DICT_4X4_50 markers 0-3, as OpenCV generates them.
ARUCO_BITS = {
    0: ("1011", "0101", "0011", "0010"),
    1: ("0000", "1111", "1001", "1010"),
    2: ("0011", "0011", "0010", "1101"),
    3: ("1001", "1001", "0100", "0110"),
}
SHEET_ID_PREFIX = "chinaai-sheet"


@dataclass(frozen=True)
class Box:
    """One box to tick: its top-left corner and what it stands for."""

    x: float
    y: float
    question: int  # the question's number on the worksheet (0 for the pupil number)
    option: int  # the option's position as printed (0 = A / first digit row ...)


@dataclass(frozen=True)
class SheetQuestion:
    """A question that goes on the answer sheet: its number and how many boxes it has."""

    number: int
    options: int
    true_false: bool = False
    labels: tuple[str, ...] = ()  # the worksheet's own labels of the choices (A, B, … or a, b, …)

    def label(self, option: int) -> str:
        return self.labels[option] if option < len(self.labels) else chr(ord("A") + option)


def marker_origins() -> dict[int, tuple[float, float]]:
    """Top-left corner of each corner marker: 0 top left, 1 top right, 2 bottom right, 3 bottom left."""
    right = PAGE_W - MARKER_MARGIN - MARKER
    bottom = PAGE_H - MARKER_MARGIN - MARKER
    return {
        0: (MARKER_MARGIN, MARKER_MARGIN),
        1: (right, MARKER_MARGIN),
        2: (right, bottom),
        3: (MARKER_MARGIN, bottom),
    }


def marker_corners() -> dict[int, list[tuple[float, float]]]:
    """Each marker's four corners (clockwise from top left), as the ArUco detector reports them."""
    corners = {}
    for marker, (x, y) in marker_origins().items():
        corners[marker] = [(x, y), (x + MARKER, y), (x + MARKER, y + MARKER), (x, y + MARKER)]
    return corners


QR_ORIGIN = (PAGE_W - MARKER_MARGIN - QR_SIZE, 32.0)
PUPIL_ORIGIN = (24.0, 44.0)  # the first digit box of the first column
QUESTIONS_ORIGIN = (24.0, 122.0)
COLUMN_WIDTH = 86.0


def pupil_boxes() -> list[Box]:
    """Ten boxes (digits 0-9) in each of the pupil-number columns; ``question`` is the column."""
    x0, y0 = PUPIL_ORIGIN
    return [
        Box(x0 + column * DIGIT_PITCH_X, y0 + digit * DIGIT_PITCH_Y, column, digit)
        for column in range(PUPIL_DIGITS)
        for digit in range(10)
    ]


def question_boxes(questions: list[SheetQuestion]) -> list[Box]:
    """The boxes of up to PER_PAGE questions, filling the left column first."""
    boxes = []
    for slot, q in enumerate(questions[:PER_PAGE]):
        column, row = divmod(slot, ROWS_PER_COLUMN)
        x0 = QUESTIONS_ORIGIN[0] + column * COLUMN_WIDTH + 14.0  # room for the number and the first letter
        y0 = QUESTIONS_ORIGIN[1] + row * ROW_PITCH
        boxes += [Box(x0 + k * BOX_PITCH, y0, q.number, k) for k in range(q.options)]
    return boxes


def row_origin(slot: int) -> tuple[float, float]:
    """Where the question number of slot ``slot`` is printed."""
    column, row = divmod(slot, ROWS_PER_COLUMN)
    return QUESTIONS_ORIGIN[0] + column * COLUMN_WIDTH, QUESTIONS_ORIGIN[1] + row * ROW_PITCH


def manifest_fingerprint(manifest_text: str) -> str:
    """Eight hex digits that tie a sheet to the manifest it was printed from."""
    return hashlib.sha256(manifest_text.encode("utf-8")).hexdigest()[:8]


def sheet_id(fingerprint: str, version: str, page: int) -> str:
    return f"{SHEET_ID_PREFIX}:{fingerprint}:{version}:{page}"


def parse_sheet_id(text: str) -> tuple[str, str, int] | None:
    """(fingerprint, version label, page) from a sheet id, or None if it is not one of ours."""
    parts = text.strip().split(":")
    if len(parts) != 4 or parts[0] != SHEET_ID_PREFIX or not parts[3].isdigit():
        return None
    return parts[1], parts[2], int(parts[3])
