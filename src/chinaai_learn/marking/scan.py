"""Reading filled answer sheets from scans (PDF) or photos (PNG/JPEG) with OpenCV.

Each page is straightened with the four corner markers (a homography from their 16
detected corners to their printed positions), so rotation, skew and a phone's
perspective do not matter. Lighting is evened out by dividing by a blurred copy of the
page. Each box is then measured in its inner part (the printed frame left out):

- the share of dark pixels says empty, marked (a cross, a tick, a scribble) or filled
  (the sheet's rule for a correction: a box filled in completely does not count);
- light-grey ink without dark pixels is a *faint* mark: flagged, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import cv2
import numpy as np

from . import layout as L

PX_PER_MM = 6.0  # the straightened page: 1260 x 1782 pixels
INSET_MM = 0.9  # the part of a box that is read: the frame (0.35 mm) and a margin left out
DARK, GREY = 0.55, 0.82  # pixel levels (1 = the paper) for ink and for faint ink
MARKED, FILLED = 0.10, 0.72  # share of dark pixels: a mark, a filled-in box
FAINT = 0.10  # share of grey pixels with too few dark ones: a faint mark
PDF_DPI = 200

BoxState = Literal["empty", "marked", "filled", "faint"]


class SheetUnreadable(Exception):
    """A page that cannot be read at all (no markers, no sheet id): says why."""


@dataclass
class ReadPage:
    """What was read from one page."""

    source: str
    sheet_id: str | None
    pupil: str | None
    pupil_problem: str | None
    boxes: dict[tuple[int, int], BoxState] = field(default_factory=dict)  # (question, option) -> state
    image: Any = None  # the straightened page (BGR), for drawing what was read


def bgr(pixels: Any) -> Any:
    """A rendered page (pdfium: BGR, BGRA or grey) as a 3-channel BGR image."""
    if pixels.ndim == 2:
        return cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    if pixels.shape[2] == 4:
        return cv2.cvtColor(pixels, cv2.COLOR_BGRA2BGR)
    return np.ascontiguousarray(pixels)


def load_pages(path: Path) -> list[tuple[str, Any]]:
    """(name, BGR image) for each page of a PDF, or the one image of a PNG/JPEG."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(str(path))
        pages = []
        for index in range(len(document)):
            pixels = document[index].render(scale=PDF_DPI / 72).to_numpy()
            pages.append((f"{path.name}#{index + 1}", bgr(pixels)))
        return pages
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise SheetUnreadable(f"{path.name}: not an image that can be read (use PDF, PNG or JPEG)")
    return [(path.name, image)]


def straighten(image: Any) -> Any:
    """The page warped to its printed geometry at PX_PER_MM, from the four corner markers."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    detector = cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50))
    corners, ids, _ = detector.detectMarkers(gray)
    found = {
        int(i): c.reshape(4, 2)
        for c, i in zip(corners, ids.flatten() if ids is not None else [], strict=False)
    }
    expected = L.marker_corners()
    usable = [m for m in expected if m in found]
    if len(usable) < 3:
        raise SheetUnreadable(
            f"found {len(usable)} of the 4 corner marks: scan the whole page, with all four black corner squares"
        )
    src = np.array([p for m in usable for p in found[m]], dtype=np.float32)
    dst = np.array([p for m in usable for p in expected[m]], dtype=np.float32) * PX_PER_MM
    homography, _ = cv2.findHomography(src, dst, cv2.RANSAC, 5.0)
    if homography is None:
        raise SheetUnreadable("the corner marks do not form a page: scan the page flat")
    size = (round(L.PAGE_W * PX_PER_MM), round(L.PAGE_H * PX_PER_MM))
    return cv2.warpPerspective(image, homography, size, flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def paper_levels(page: Any) -> Any:
    """Gray levels relative to the paper around them (1 = paper, 0 = black): uneven light evened out."""
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    h, w = gray.shape
    small = cv2.resize(gray, (w // 8, h // 8), interpolation=cv2.INTER_AREA)
    small = cv2.dilate(small, np.ones((5, 5), np.uint8))  # the paper: ink (thinner than 5 mm) removed
    small = cv2.GaussianBlur(small, (0, 0), 3)
    background = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    return np.clip(gray.astype(np.float32) / np.maximum(background, 1.0), 0.0, 1.0)


def box_state(levels: Any, box: L.Box) -> tuple[BoxState, float]:
    x0 = round((box.x + INSET_MM) * PX_PER_MM)
    y0 = round((box.y + INSET_MM) * PX_PER_MM)
    side = round((L.BOX - 2 * INSET_MM) * PX_PER_MM)
    inner = levels[y0 : y0 + side, x0 : x0 + side]
    dark = float((inner < DARK).mean())
    grey = float((inner < GREY).mean())
    if dark >= FILLED:
        return "filled", dark
    if dark >= MARKED:
        return "marked", dark
    if grey >= FAINT:
        return "faint", grey
    return "empty", dark


def read_sheet_id(page: Any) -> str | None:
    x, y = L.QR_ORIGIN
    pad = 6
    crop = page[
        round((y - pad) * PX_PER_MM) : round((y + L.QR_SIZE + pad) * PX_PER_MM),
        round((x - pad) * PX_PER_MM) : round((x + L.QR_SIZE + pad) * PX_PER_MM),
    ]
    text, _points, _ = cv2.QRCodeDetector().detectAndDecode(crop)
    return text or None


def read_pupil(levels: Any) -> tuple[str | None, str | None]:
    """The pupil number, or None with the reason (a column with no or two digits, a faint one)."""
    digits = []
    for column in range(L.PUPIL_DIGITS):
        states = {b.option: box_state(levels, b)[0] for b in L.pupil_boxes() if b.question == column}
        marked = [d for d, s in states.items() if s == "marked"]
        if any(s == "faint" for s in states.values()):
            return None, f"digit {column + 1} of the pupil number is faint"
        if len(marked) != 1:
            return None, f"digit {column + 1} of the pupil number has {len(marked)} marks"
        digits.append(str(marked[0]))
    return "".join(digits), None


def read_page(
    name: str, image: Any, questions_for: Callable[[str | None], list[L.SheetQuestion]]
) -> tuple[ReadPage, list[L.SheetQuestion]]:
    """Everything on one page; ``questions_for(sheet id)`` (from the manifest) says which boxes to read."""
    page = straighten(image)
    sheet_id = read_sheet_id(page)
    levels = paper_levels(page)
    pupil, problem = read_pupil(levels)
    read = ReadPage(name, sheet_id, pupil, problem, image=page)
    questions = questions_for(sheet_id)
    for box in L.question_boxes(questions):
        read.boxes[(box.question, box.option)] = box_state(levels, box)[0]
    return read, questions


COLOURS = {"marked": (0, 160, 0), "filled": (160, 160, 160), "faint": (0, 0, 255), "empty": (200, 200, 200)}


def annotate(read: ReadPage, questions: list[L.SheetQuestion], flagged: set[int]) -> Any:
    """The straightened page with what was read drawn on it: green marked, grey cancelled, red flagged."""
    image = read.image.copy()
    for box in L.question_boxes(questions):
        state = read.boxes.get((box.question, box.option), "empty")
        colour = (0, 0, 255) if box.question in flagged and state != "empty" else COLOURS[state]
        x0, y0 = round(box.x * PX_PER_MM), round(box.y * PX_PER_MM)
        side = round(L.BOX * PX_PER_MM)
        cv2.rectangle(image, (x0 - 4, y0 - 4), (x0 + side + 4, y0 + side + 4), colour, 3)
    for box in L.pupil_boxes():
        x0, y0 = round(box.x * PX_PER_MM), round(box.y * PX_PER_MM)
        side = round(L.BOX * PX_PER_MM)
        colour = (0, 0, 255) if read.pupil_problem else (0, 160, 0)
        if read.pupil and read.pupil[box.question] == str(box.option):
            cv2.rectangle(image, (x0 - 4, y0 - 4), (x0 + side + 4, y0 + side + 4), colour, 3)
    for q in flagged:
        slot = [s for s, question in enumerate(questions) if question.number == q]
        if slot:
            x, y = L.row_origin(slot[0])
            cv2.putText(
                image,
                "?",
                (round((x - 8) * PX_PER_MM), round((y + 4.5) * PX_PER_MM)),
                cv2.FONT_HERSHEY_SIMPLEX,
                1.6,
                (0, 0, 255),
                4,
            )
    return image


def write_image(path: Path, image: Any) -> None:
    if not cv2.imwrite(str(path), image):
        raise OSError(f"cannot write {path}")
