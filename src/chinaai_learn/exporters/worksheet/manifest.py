"""The worksheet manifest (JSON): per version the question order and correct answers, to rebuild any key."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ... import __version__
from .key import key_answer, key_data
from .model import Worksheet

MANIFEST_FORMAT = "chinaai-learn-worksheet-manifest"
MANIFEST_VERSION = 2  # 2: points, labels, texts, grade scale and the sheet's settings


def manifest(ws: Worksheet) -> dict[str, Any]:
    """Everything needed to rebuild the sheet (same options, same bank) or grade it without the key."""
    lang = ws.lang
    return {
        "format": MANIFEST_FORMAT,
        "format_version": MANIFEST_VERSION,
        "generator": f"chinaai-learn {__version__}",
        "title": ws.title,
        "lang": lang,
        "seed": ws.options.seed,
        "paper": ws.options.paper,
        "duplex": ws.options.duplex,
        "address": ws.options.address,
        "selection": asdict(ws.selection) if ws.selection else None,
        "total_points": ws.total_points,
        "grade_scale": [asdict(step) for step in ws.options.grade_scale],
        "texts": [asdict(text) for text in ws.texts],
        "question_ids": list(ws.question_ids),
        "versions": [
            {
                "label": version.label,
                "order": [sq.id for sq in version.questions],
                "questions": [
                    {
                        "number": sq.number,
                        "id": sq.id,
                        "type": sq.type,
                        "shown_order": list(sq.order),
                        "labels": list(sq.labels),
                        "points": sq.points,
                        "texts": list(sq.texts),
                        "answer": key_data(sq, lang),
                        "answer_text": key_answer(sq, lang),
                    }
                    for sq in version.questions
                ],
            }
            for version in ws.versions
        ],
    }


def manifest_json(ws: Worksheet) -> str:
    return json.dumps(manifest(ws), ensure_ascii=False, indent=2) + "\n"
