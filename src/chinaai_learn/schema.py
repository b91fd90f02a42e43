"""The JSON Schema of a topic file, generated from the model, for editors (yaml-language-server)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .bank_format import TopicFile


def bank_json_schema() -> dict[str, Any]:
    schema = TypeAdapter(TopicFile).json_schema(mode="validation")
    defs = schema["$defs"]
    # The models accept shorthand forms (see their "before" validators); say so to editors.
    defs["Text"] = {
        "anyOf": [{"type": "string", "minLength": 1}, defs["Text"]],
        "description": defs["Text"].get("description", ""),
    }
    defs["Answers"] = {
        "anyOf": [
            {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            defs["Answers"],
        ],
        "description": defs["Answers"].get("description", ""),
    }
    for definition in defs.values():
        source = definition.get("properties", {}).get("source")
        if source is not None:
            definition["properties"]["source"] = {"anyOf": [{"$ref": "#/$defs/Citation"}, source]}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "chinaai-learn topic file"
    schema["description"] = (
        "One questions/<topic>.yaml file of a chinaai-learn bank (see docs/bank-format.md)."
    )
    return schema
