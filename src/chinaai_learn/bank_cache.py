"""A cache of validated banks in the user cache folder, so that a second start parses no YAML.

An entry is keyed on the bank files' names and bytes, the program version and the code
that validates them; it is used only when that key and its checksum match, and any
entry that cannot be read back (stale, truncated, edited) is ignored and rebuilt. It
holds the validated bank's records as plain data (``marshal``: strings, numbers, lists,
never code or pickled objects), rebuilt field for field without validation and without
pydantic, which a start from the cache never imports. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import marshal
import os
import sys
import tempfile
import types
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__, model
from .bank import Bank, TopicBank
from .bank_location import default_bank_dir
from .collector import collector_paused
from .errors import display_path

CACHE_ENV = "CHINAAI_LEARN_CACHE"  # a folder for the cache, or "off" to load without it
APP_NAME = "chinaai-learn"
FORMAT = 3
# The modules whose code decides what a loaded bank is: a change to any of them is a new key.
_CODE = ("model.py", "bank_format.py", "bank.py", "loading.py", "yaml_reader.py", "bank_cache.py")


def load_bank_cached(directory: Path | str | None = None, *, for_the_run: bool = False) -> Bank:
    """``load_bank`` with the cache: the same Bank (or the same BankError), faster the second time.

    ``for_the_run``: the bank lives until the process ends (the quiz), so its objects are kept
    out of the cyclic collector's scans (see ``collector_paused``).
    """
    root = Path(directory) if directory is not None else default_bank_dir()
    folder = cache_dir()
    files = _bank_files(root) if folder is not None else None
    if folder is None or files is None:
        return _load(root)
    key = _key(files)
    entry = folder / f"bank-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]}.data"
    bank = read_entry(entry, key, root, freeze=for_the_run)
    if bank is None:
        bank = _load(root)  # a bank with problems raises here and is never cached
        _write_entry(entry, key, bank)
    return bank


def _load(root: Path) -> Bank:
    from .loading import load_bank  # only on a miss: it imports pydantic and the bank format

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
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(_pydantic_version_file())
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()


def _pydantic_version_file() -> bytes:
    """The bytes of the installed pydantic's version module, found without importing pydantic."""
    try:
        spec = importlib.util.find_spec("pydantic")
        origin = spec.origin if spec is not None else None
        return (Path(origin).parent / "version.py").read_bytes() if origin else b"no pydantic"
    except (ImportError, OSError, ValueError):
        return b"pydantic unreadable"


# --- reading an entry -------------------------------------------------------------------


def read_entry(entry: Path, key: str, root: Path, *, freeze: bool = False) -> Bank | None:
    """The Bank an entry holds, or None if it is missing, stale or damaged in any way."""
    try:
        with entry.open("rb") as fh:
            header = json.loads(fh.readline())
            body = fh.read()
        if header.get("key") != key or header.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        with collector_paused(freeze=freeze):  # tens of thousands of small acyclic objects, as in the loader
            return _bank_from_data(marshal.loads(body), root)
    except Exception:  # a damaged cache is rebuilt, whatever the damage
        return None


def _bank_from_data(data: Any, root: Path) -> Bank:
    topics_data, sources_data, labels_data = data
    topic, source, text = (_record_builder(cls) for cls in (model.Topic, model.SourceRecord, model.Text))
    question = _question_builder()
    topics = [
        TopicBank(topic(t), [question(q) for q in questions], display_path(root / file))
        for file, t, questions in topics_data
    ]
    sources = [source(s) for s in sources_data]
    return Bank(
        topics=topics,
        sources={s.id: s for s in sources},
        tag_labels={str(k): text(v) for k, v in labels_data},
    )


Build = Callable[[Any], Any]


def _question_builder() -> Build:
    """Questions are stored as (type name, fields): the name picks the record class."""
    by_name = {cls.__name__: _record_builder(cls) for cls in model.QUESTION_TYPES.values()}
    return lambda value: by_name[value[0]](value[1])


@cache
def _builder(annotation: Any) -> Build | None:
    """A function that rebuilds a value of this annotation from its stored form; None: as it is."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, model.Record):
        return _record_builder(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        if len(members) == 1:
            return _builder(members[0])
        if any(isinstance(m, type) and issubclass(m, model.Record) for m in members):  # pragma: no cover
            raise TypeError(f"the cache cannot store {annotation}")
        return None
    if origin is list:
        item = _builder(args[0])
        return None if item is None else (lambda value: [item(v) for v in value])
    if origin is dict:  # pragma: no cover - no record holds a mapping today
        raise TypeError(f"the cache cannot store {annotation}")
    return None


_RECORD_BUILDERS: dict[str, Build] = {}


def _record_builder(cls: type[model.Record]) -> Build:
    """Rebuild one record from its stored form: (names left to their defaults, field values...)."""
    build = _RECORD_BUILDERS.get(cls.__qualname__)
    if build is None:
        build = _RECORD_BUILDERS[cls.__qualname__] = _make_record_builder(cls)
    return build


def _make_record_builder(cls: type[model.Record]) -> Build:
    """The builder as one generated function, as dataclasses does for ``__init__``.

    A start from the cache rebuilds every record of the bank (70 000 at 10k questions): a
    function with the record's fields spelled out, its nested records built inline and no
    loop, copy or ``zip`` per record, costs about half of a generic one.
    """
    hints = typing.get_type_hints(cls, vars(model))
    names = cls._fields
    scope: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "put": object.__setattr__,
        "frozenset": frozenset,
        "empty": frozenset(),
        "Mismatch": ValueError,
        "message": f"{cls.__name__}: the cached fields do not match the record",
    }
    items = []
    for i, name in enumerate(names, 1):
        value = f"v[{i}]"
        convert = _builder(hints[name])
        if convert is not None:
            scope[f"c{i}"] = convert
            value = f"(None if {value} is None else c{i}({value}))"
        items.append(f"{name!r}: {value}")
    source = (
        "def build(v):\n"
        f"    if len(v) != {len(names) + 1}:\n"
        "        raise Mismatch(message)\n"
        "    record = new(cls)\n"
        f"    put(record, '__dict__', {{{', '.join(items)}}})\n"
        "    put(record, '_unset', frozenset(v[0]) if v[0] else empty)\n"
        "    return record\n"
    )
    exec(compile(source, f"<cache builder for {cls.__name__}>", "exec"), scope)
    build: Build = scope["build"]
    return build


def _dump(record: model.Record) -> tuple[Any, ...]:
    """A record as (names left to their defaults, every field's value in field order)."""
    unset = tuple(sorted(set(record._fields) - record.model_fields_set))
    return (unset, *(_dump_value(v) for v in record.__dict__.values()))


def _dump_value(value: Any) -> Any:
    if isinstance(value, model.Record):
        return _dump(value)
    if isinstance(value, list):
        return [_dump_value(v) for v in value]
    if isinstance(value, dict):  # pragma: no cover - no record holds a mapping today
        raise TypeError("the cache cannot store a mapping inside a record")
    return value


# --- writing an entry -------------------------------------------------------------------


def _write_entry(entry: Path, key: str, bank: Bank) -> None:
    """Write the entry atomically; a cache that cannot be written is simply not used."""
    data = (
        [
            (Path(tb.file).name, _dump(tb.topic), [(type(q).__name__, _dump(q)) for q in tb.questions])
            for tb in bank.topics
        ],
        [_dump(s) for s in bank.sources.values()],
        [(k, _dump(v)) for k, v in bank.tag_labels.items()],
    )
    body = marshal.dumps(data)
    header = json.dumps({"key": key, "sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n"
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".bank-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(header + body)
            os.replace(tmp, entry)
            entry.with_suffix(".json").unlink(missing_ok=True)  # the entry of format 2 and before
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
