"""A cache of validated banks in the user cache folder, so that a second start parses no YAML.

An entry is keyed on the bank files' names and bytes, the program version and the code
that validates them; it is used only when that key and its checksum match, and any
entry that cannot be read back (stale, truncated, edited) is ignored and rebuilt. It
holds the validated model as JSON, rebuilt without validation (as ``model_construct`` does),
never pickled objects. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import types
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import __version__, model
from .bank import Bank, TopicBank
from .bank_location import default_bank_dir
from .collector import collector_paused
from .errors import display_path

CACHE_ENV = "CHINAAI_LEARN_CACHE"  # a folder for the cache, or "off" to load without it
APP_NAME = "chinaai-learn"
FORMAT = 2
# The modules whose code decides what a loaded bank is: a change to any of them is a new key.
_CODE = ("model.py", "bank.py", "loading.py", "yaml_reader.py", "bank_cache.py")


def load_bank_cached(directory: Path | str | None = None) -> Bank:
    """``load_bank`` with the cache: the same Bank (or the same BankError), faster the second time."""
    root = Path(directory) if directory is not None else default_bank_dir()
    folder = cache_dir()
    files = _bank_files(root) if folder is not None else None
    if folder is None or files is None:
        return _load(root)
    key = _key(files)
    entry = folder / f"bank-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]}.json"
    bank = read_entry(entry, key, root)
    if bank is None:
        bank = _load(root)  # a bank with problems raises here and is never cached
        _write_entry(entry, key, bank)
    return bank


def _load(root: Path) -> Bank:
    from .loading import load_bank  # only on a miss: importing it builds the validators

    return load_bank(root)


def cache_dir() -> Path | None:
    """$CHINAAI_LEARN_CACHE, else the user cache folder; None when the cache is switched off."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return None if env.strip().lower() == "off" else Path(env).expanduser()
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def _bank_files(root: Path) -> list[tuple[str, bytes]] | None:
    """Name and bytes of every file the loader reads; None if the folder cannot be read."""
    try:
        paths = sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        return [(p.name, p.read_bytes()) for p in paths]
    except OSError:
        return None


def _key(files: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{sys.version}\0{_code_fingerprint()}".encode())
    for name, data in files:
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


@cache
def _code_fingerprint() -> str:
    import pydantic.version

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(pydantic.version.VERSION.encode())
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()


# --- reading an entry -------------------------------------------------------------------


def read_entry(entry: Path, key: str, root: Path) -> Bank | None:
    """The Bank an entry holds, or None if it is missing, stale or damaged in any way."""
    try:
        with entry.open("rb") as fh:
            header = json.loads(fh.readline())
            body = fh.read()
        if header.get("key") != key or header.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        with collector_paused():  # tens of thousands of small acyclic objects, as in the loader
            return _bank_from_data(json.loads(body), root)
    except Exception:  # a damaged cache is rebuilt, whatever the damage
        return None


def _bank_from_data(data: dict[str, Any], root: Path) -> Bank:
    topic, source, text = (_model_builder(cls) for cls in (model.Topic, model.SourceRecord, model.Text))
    question = _builder(model.Question)
    if question is None:  # pragma: no cover - the question union is made of models
        raise TypeError("questions cannot be rebuilt")
    topics = [
        TopicBank(topic(t["topic"]), [question(q) for q in t["questions"]], display_path(root / t["file"]))
        for t in data["topics"]
    ]
    sources = [source(s) for s in data["sources"]]
    return Bank(
        topics=topics,
        sources={s.id: s for s in sources},
        tag_labels={str(k): text(v) for k, v in data["tag_labels"].items()},
    )


Build = Callable[[Any], Any]


@cache
def _builder(annotation: Any) -> Build | None:
    """A function that rebuilds a value of this annotation from its JSON form; None: as it is."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _builder(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_builder(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        built = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if not built:
            return None
        if len(members) == 1:
            return _builder(members[0])
        by_type = {_type_tag(m): _model_builder(m) for m in built}
        return lambda value: by_type[value["type"]](value)
    if origin is list:
        return _each(_builder(args[0]))
    if origin is dict:
        return _each_value(_builder(args[1]))
    return None


def _each(item: Build | None) -> Build | None:
    if item is None:
        return None
    return lambda value: [item(v) for v in value]


def _each_value(item: Build | None) -> Build | None:
    if item is None:
        return None
    return lambda value: {k: item(v) for k, v in value.items()}


def _type_tag(cls: type[BaseModel]) -> str:
    (tag,) = typing.get_args(cls.model_fields["type"].annotation)
    return str(tag)


UNSET = "__unset__"  # the fields not given in the bank file (pydantic field names never start with "__")
_set_slot = object.__setattr__


@cache
def _model_builder(cls: type[BaseModel]) -> Build:
    """Rebuild one model from its full dump, as ``model_construct`` would, without validation.

    The dump holds every field in field order, plus the names of those the bank file left
    to their defaults (``model_fields_set`` stays what validation made it). The instance's
    slots are filled as pydantic's ``model_construct`` and unpickling fill them, which is
    several times faster than calling ``model_construct`` for many small objects.
    """
    if cls.__pydantic_post_init__ or cls.model_config.get("extra") == "allow":  # pragma: no cover
        raise TypeError(f"{cls.__name__}: the cache cannot rebuild this model")
    fields = frozenset(cls.model_fields)
    converters = []
    for name, field in cls.model_fields.items():
        annotation: Any = field.annotation
        convert = _builder(annotation)
        if convert is not None:
            converters.append((name, convert))
    new = cls.__new__

    def build(value: dict[str, Any]) -> Any:
        unset = value.pop(UNSET, ())
        if value.keys() != fields:
            raise ValueError(f"{cls.__name__}: the cached fields do not match the model")
        for name, convert in converters:
            item = value[name]
            if item is not None:
                value[name] = convert(item)
        instance = new(cls)
        _set_slot(instance, "__dict__", value)
        _set_slot(instance, "__pydantic_fields_set__", fields.difference(unset) if unset else set(fields))
        _set_slot(instance, "__pydantic_extra__", None)
        _set_slot(instance, "__pydantic_private__", None)
        return instance

    return build


def _dump(instance: BaseModel) -> dict[str, Any]:
    """Every field in field order (nested models likewise), with the names left to their defaults."""
    data: dict[str, Any] = {}
    for name in type(instance).model_fields:
        data[name] = _dump_value(getattr(instance, name))
    unset = [name for name in data if name not in instance.model_fields_set]
    if unset:
        data[UNSET] = unset
    return data


def _dump_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _dump(value)
    if isinstance(value, list):
        return [_dump_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump_value(v) for k, v in value.items()}
    return value


# --- writing an entry -------------------------------------------------------------------


def _write_entry(entry: Path, key: str, bank: Bank) -> None:
    """Write the entry atomically; a cache that cannot be written is simply not used."""
    data = {
        "topics": [
            {
                "file": Path(tb.file).name,
                "topic": _dump(tb.topic),
                "questions": [_dump(q) for q in tb.questions],
            }
            for tb in bank.topics
        ],
        "sources": [_dump(s) for s in bank.sources.values()],
        "tag_labels": {k: _dump(v) for k, v in bank.tag_labels.items()},
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n"
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".bank-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(header + body)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
