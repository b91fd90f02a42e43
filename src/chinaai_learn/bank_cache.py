"""A cache of validated banks in the user cache folder, so that a second start parses no YAML.

An entry is keyed on the bank files' names and bytes, the program version and the code
that validates them; it is used only when that key and its checksum match, and any
entry that cannot be read back (stale, truncated, edited) is ignored and rebuilt. It
holds the validated bank's records as plain data (``marshal``: strings, numbers, lists,
never code or pickled objects), rebuilt field for field without validation and without
pydantic, which a start from the cache never imports; each question's texts, choices and
citations are rebuilt only when first read (see ``_questions``). Deleting the folder is
always safe.
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
FORMAT = 4
# The modules whose code decides what a loaded bank is: a change to any of them is a new key.
_CODE = (
    "model.py",
    "bank_format.py",
    "characters.py",
    "bank.py",
    "loading.py",
    "bank_folder.py",
    "bank_references.py",
    "yaml_reader.py",
    "bank_cache.py",
)


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
    topics = [
        TopicBank(topic(t), _questions(questions), display_path(root / file))
        for file, t, questions in topics_data
    ]
    sources = [source(s) for s in sources_data]
    return Bank(
        topics=topics,
        sources={s.id: s for s in sources},
        tag_labels={str(k): text(v) for k, v in labels_data},
    )


Build = Callable[[Any], Any]
_NEW = object.__new__
_PUT = object.__setattr__
_UNSET_OF: dict[tuple[str, ...], frozenset[str]] = {}


def _unset_of(names: tuple[str, ...]) -> frozenset[str]:
    """The shared frozenset of these stored names (see ``model.shared_unset``)."""
    unset = _UNSET_OF.get(names)
    if unset is None:
        unset = _UNSET_OF[names] = model.shared_unset(frozenset(names))
    return unset


def _questions(stored: list[Any]) -> list[model.QuestionBase]:
    """A topic's questions from (type name, names left to defaults, plain fields, the rest marshalled).

    A quiz start needs the plain fields of every question (id, type, difficulty for the
    filters and the queue) and the rest of only the few it shows: at 10k questions,
    unmarshalling and building every text, choice and citation was most of a start from
    the cache. The rest stays one ``bytes`` per question until the question fills it (see
    ``model.QuestionBase``); the entry's checksum has covered it already. The plain fields
    are stored as the mapping the question keeps, so a question costs three assignments.
    """
    kinds = _question_kinds()
    known, new, put = _UNSET_OF.get, _NEW, _PUT
    questions: list[model.QuestionBase] = []
    append = questions.append
    for name, unset, plain, rest in stored:
        cls, plain_names, fill = kinds[name]
        if plain.keys() != plain_names or type(rest) is not bytes:
            raise ValueError(f"{name}: the cached fields do not match the record")
        question = new(cls)
        put(question, "__dict__", plain)
        put(question, "_unset", known(unset) or _unset_of(unset))
        put(question, "_pending", (fill, rest))
        append(question)
    return questions


@cache
def _question_kinds() -> dict[str, tuple[type[model.QuestionBase], frozenset[str], model.PendingFill]]:
    """Each question type's name: its class, its plain fields, and how it fills the others."""
    kinds = {}
    for cls in model.QUESTION_TYPES.values():
        plain, _ = _split_fields(cls)
        kinds[cls.__name__] = (cls, frozenset(plain), _make_fill(cls))
    return kinds


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


def _hints(cls: type[model.Record]) -> dict[str, Any]:
    """The evaluated annotation of each field of a record class, its bases' included.

    ``typing.get_type_hints`` evaluates every base's annotations again for each class (the
    question base's for each of the eight types): at a start from the cache that was 775
    evaluations where each annotation needs one.
    """
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        if issubclass(klass, model.Record):
            hints.update(_own_hints(klass))
    return {name: hints[name] for name in cls._fields}


_OWN_HINTS: dict[str, dict[str, Any]] = {}


def _own_hints(klass: type[model.Record]) -> dict[str, Any]:
    """The fields this class itself annotates, evaluated once per process."""
    hints = _OWN_HINTS.get(klass.__qualname__)
    if hints is None:
        namespace = vars(model)
        hints = _OWN_HINTS[klass.__qualname__] = {
            name: eval(annotation, namespace) if isinstance(annotation, str) else annotation
            for name, annotation in vars(klass).get("__annotations__", {}).items()
            if name in klass._fields
        }
    return hints


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
    hints = _hints(cls)
    names = cls._fields
    scope: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "put": object.__setattr__,
        "known": _UNSET_OF.get,
        "unset_of": _unset_of,
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
        "    put(record, '_unset', known(v[0]) or unset_of(v[0]))\n"
        "    return record\n"
    )
    exec(compile(source, f"<cache builder for {cls.__name__}>", "exec"), scope)
    build: Build = scope["build"]
    return build


_SPLITS: dict[str, tuple[list[str], list[str]]] = {}


def _split_fields(cls: type[model.QuestionBase]) -> tuple[list[str], list[str]]:
    """A question's plain fields (stored as they are) and those built into records (left pending)."""
    split = _SPLITS.get(cls.__qualname__)
    if split is None:
        hints = _hints(cls)
        plain = [name for name in cls._fields if _builder(hints[name]) is None]
        split = _SPLITS[cls.__qualname__] = (plain, [name for name in cls._fields if name not in plain])
    return split


def _make_fill(cls: type[model.QuestionBase]) -> model.PendingFill:
    """The function that fills a question's pending fields, generated as the record builders are."""
    _, pending = _split_fields(cls)
    hints = _hints(cls)
    scope: dict[str, Any] = {
        "put": object.__setattr__,
        "loads": marshal.loads,
        "Mismatch": ValueError,
        "message": f"{cls.__name__}: the cached fields do not match the record",
    }
    filled = []
    for name in cls._fields:
        if name in pending:
            j = pending.index(name)
            scope[f"c_{name}"] = _builder(hints[name])
            filled.append(f"{name!r}: (None if p[{j}] is None else c_{name}(p[{j}]))")
        else:
            filled.append(f"{name!r}: d[{name!r}]")
    source = (
        "def fill(record, stored):\n"
        "    p = loads(stored)\n"
        f"    if len(p) != {len(pending)}:\n"
        "        raise Mismatch(message)\n"
        "    d = record.__dict__\n"
        f"    put(record, '__dict__', {{{', '.join(filled)}}})\n"
    )
    exec(compile(source, f"<cache filler for {cls.__name__}>", "exec"), scope)
    fill: model.PendingFill = scope["fill"]
    return fill


def _dump_question(question: model.QuestionBase) -> tuple[Any, ...]:
    """A question as stored: (type name, names left to defaults, plain fields, the rest marshalled)."""
    plain, pending = _split_fields(type(question))
    values = question._values()
    unset = tuple(sorted(set(question._fields) - question.model_fields_set))
    rest = marshal.dumps(tuple(_dump_value(values[name]) for name in pending))
    return (type(question).__name__, unset, {name: values[name] for name in plain}, rest)


def _dump(record: model.Record) -> tuple[Any, ...]:
    """A record as (names left to their defaults, every field's value in field order)."""
    unset = tuple(sorted(set(record._fields) - record.model_fields_set))
    return (unset, *(_dump_value(v) for v in record._values().values()))


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
            (Path(tb.file).name, _dump(tb.topic), [_dump_question(q) for q in tb.questions])
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
