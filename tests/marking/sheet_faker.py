"""Filled-in answer sheets made by program: rendered pages, pen marks of several kinds, and the damage of scanning.

Marks are drawn where ``layout`` puts the boxes; the damage (rotation, perspective, blur,
noise, uneven light, JPEG) comes after, as a scanner or a phone would add it.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import cv2
import numpy as np
import pypdfium2

from chinaai_learn.marking import layout as L
from chinaai_learn.marking.scan import bgr

DPI = 150
SCALE = DPI / 25.4  # pixels per mm on the rendered page


def render_pages(pdf: bytes, dpi: int = DPI) -> list[np.ndarray]:
    document = pypdfium2.PdfDocument(pdf)
    pages = []
    for index in range(len(document)):
        pages.append(bgr(document[index].render(scale=dpi / 72).to_numpy()))
    return pages


def _px(mm: float) -> int:
    return round(mm * SCALE)


def draw_mark(page: np.ndarray, box: L.Box, kind: str, rng: random.Random) -> None:
    """A pen mark in ``box``: cross, tick, hatch (two strokes), filled (the sheet's sign for a correction), faint."""
    x, y, s = box.x, box.y, L.BOX
    ink = (int(rng.uniform(10, 60)),) * 3
    width = max(2, _px(rng.uniform(0.45, 0.7)))
    j = lambda: rng.uniform(-0.4, 0.4)  # noqa: E731 - a hand is not a ruler
    if kind == "cross":
        cv2.line(
            page,
            (_px(x + 0.8 + j()), _px(y + 0.8 + j())),
            (_px(x + s - 0.8 + j()), _px(y + s - 0.8 + j())),
            ink,
            width,
        )
        cv2.line(
            page,
            (_px(x + s - 0.8 + j()), _px(y + 0.8 + j())),
            (_px(x + 0.8 + j()), _px(y + s - 0.8 + j())),
            ink,
            width,
        )
    elif kind == "tick":
        cv2.line(
            page, (_px(x + 0.9 + j()), _px(y + 2.8 + j())), (_px(x + 2.2 + j()), _px(y + s - 0.9)), ink, width
        )
        cv2.line(
            page, (_px(x + 2.2), _px(y + s - 0.9)), (_px(x + s - 0.6 + j()), _px(y + 0.7 + j())), ink, width
        )
    elif kind == "hatch":
        for k in (1.6, 3.2):
            cv2.line(
                page, (_px(x + 0.8), _px(y + k + j())), (_px(x + s - 0.8), _px(y + k - 0.6 + j())), ink, width
            )
    elif kind == "filled":
        cv2.rectangle(page, (_px(x + 0.3), _px(y + 0.3)), (_px(x + s - 0.3), _px(y + s - 0.3)), ink, -1)
    elif kind == "faint":
        grey = (int(rng.uniform(175, 200)),) * 3
        cv2.line(page, (_px(x + 0.9), _px(y + 0.9)), (_px(x + s - 0.9), _px(y + s - 0.9)), grey, width)
        cv2.line(page, (_px(x + s - 0.9), _px(y + 0.9)), (_px(x + 0.9), _px(y + s - 0.9)), grey, width)
    else:
        raise ValueError(kind)


def degrade(page: np.ndarray, rng: random.Random, *, strength: float = 1.0) -> np.ndarray:
    """Rotation up to 3°, a perspective skew, blur, noise and uneven light, as scans and photos have."""
    h, w = page.shape[:2]
    angle = rng.uniform(-3, 3) * strength
    shift = 0.03 * strength
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [
            [
                rng.uniform(-shift, shift) * w + (w if i in (1, 2) else 0),
                rng.uniform(-shift, shift) * h + (h if i in (2, 3) else 0),
            ]
            for i in range(4)
        ]
    )
    warp = cv2.getPerspectiveTransform(src, dst)
    rotate = np.vstack([cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), [0, 0, 1]])
    image = cv2.warpPerspective(page, rotate @ warp, (w, h), borderValue=(235, 235, 235))
    image = cv2.GaussianBlur(image, (0, 0), rng.uniform(0.3, 1.2) * strength + 0.01)
    gradient = np.linspace(rng.uniform(0.55, 0.8), 1.0, w, dtype=np.float32)[None, :, None]
    if rng.random() < 0.5:
        gradient = gradient[:, ::-1]
    image = image.astype(np.float32) * gradient
    noise = np.empty(image.shape, np.float32)
    cv2.setRNGSeed(rng.randrange(2**31))
    cv2.randn(noise, 0.0, 6.0 * strength)
    return np.clip(image + noise, 0, 255).astype(np.uint8)


def save_jpeg(image: np.ndarray, path: Path, quality: int = 55) -> Path:
    cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return path


def save_pdf(images: list[np.ndarray], path: Path, dpi: int = DPI, quality: int = 80) -> Path:
    """The pages as one PDF of JPEG images, as a school copier scans a pile of sheets."""
    document = pypdfium2.PdfDocument.new()
    for image in images:
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        assert ok
        height_px, width_px = image.shape[:2]
        width, height = width_px * 72 / dpi, height_px * 72 / dpi
        page = document.new_page(width, height)
        picture = pypdfium2.PdfImage.new(document)
        picture.load_jpeg(io.BytesIO(jpeg.tobytes()), inline=True)
        picture.set_matrix(pypdfium2.PdfMatrix().scale(width, height))
        page.insert_obj(picture)
        page.gen_content()
    document.save(str(path))
    return path
