"""Which rules run and with which thresholds: ``lint.yaml`` in the bank folder, then the command line."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from ..bank_format import StrictModel
from ..errors import BankError, Problem, UserError, did_you_mean, display_path
from ..loading import LINT_FILE as CONFIG_FILE
from ..yaml_reader import YamlProblem, locate, parse, read_text
from .catalogue import FAMILIES, RULES, matching_codes


class LintSettings(StrictModel):
    """The thresholds of the rules that have one."""

    cluster_max: Annotated[int, Field(ge=1)] = 3  # L301: at most this many questions per source sentence
    tag_min_uses: Annotated[int, Field(ge=1)] = 3  # L905: a declared tag is used by at least this many


class LintConfigFile(StrictModel):
    """The content of a bank's ``lint.yaml``."""

    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    settings: LintSettings = LintSettings()


@dataclass(frozen=True)
class LintConfig:
    """The rules to run (by code) and their thresholds."""

    enabled: frozenset[str] = field(default_factory=lambda: frozenset(RULES))
    settings: LintSettings = field(default_factory=LintSettings)

    def with_selection(self, select: list[str] | None, ignore: list[str]) -> LintConfig:
        """This config narrowed by --select (replaces the set) and widened/narrowed by --ignore."""
        enabled = set(self.enabled) if select is None else set().union(*(codes(s) for s in select))
        for entry in ignore:
            enabled -= codes(entry)
        return replace(self, enabled=frozenset(enabled))

    def with_settings(self, **changes: int) -> LintConfig:
        """This config with some thresholds changed (validated like lint.yaml's)."""
        try:
            settings = LintSettings.model_validate({**self.settings.model_dump(), **changes})
        except ValidationError as exc:
            raise LintConfigError(
                f"bad lint setting: {exc.errors()[0]['msg']} ({', '.join(changes)})"
            ) from None
        return replace(self, settings=settings)


class LintConfigError(UserError):
    """A bad --select/--ignore value or a bad lint.yaml."""


def codes(selector: str) -> set[str]:
    """The codes an entry names, or a LintConfigError saying which entries exist."""
    found = matching_codes(selector)
    if not found:
        names = [*RULES, *(r.name for r in RULES.values()), *FAMILIES]
        raise LintConfigError(
            f"unknown lint rule {selector!r}{did_you_mean(selector, names)}: use a code such as L101, "
            f"a prefix such as L1, a rule name or a family ({', '.join(FAMILIES)}); see docs/lint-rules.md"
        )
    return found


_FILE = TypeAdapter(LintConfigFile)


def load_config(bank_dir: Path | None, path: Path | None = None) -> LintConfig:
    """The config in ``path`` (or ``<bank_dir>/lint.yaml`` if it exists), else the defaults."""
    if path is None:
        if bank_dir is None or not (bank_dir / CONFIG_FILE).is_file():
            return LintConfig()
        path = bank_dir / CONFIG_FILE
    shown = display_path(path)
    if not path.is_file():
        raise LintConfigError(f"{shown}: no such lint config file")
    try:
        text = read_text(path)
        data = parse(text)
    except YamlProblem as p:
        raise BankError([Problem(shown, p.line, p.column, p.message)]) from None
    try:
        parsed = _FILE.validate_python({} if data is None else data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            line, col = locate(text, loc)
            problems.append(Problem(shown, line, col, _message(err, loc)))
        raise BankError(problems) from None
    for entries, key in ((parsed.select or [], "select"), (parsed.ignore, "ignore")):
        for index, entry in enumerate(entries):
            try:
                codes(entry)
            except LintConfigError as exc:
                line, col = locate(text, (key, index))
                raise BankError([Problem(shown, line, col, str(exc))]) from None
    return LintConfig(settings=parsed.settings).with_selection(parsed.select, parsed.ignore)


_KINDS = {
    "model_type": "a mapping with the keys select, ignore and settings",
    "dict_type": "a mapping",
    "list_type": "a list, e.g. [L601, tags]",
    "int_type": "a whole number",
    "string_type": "text (a rule code or name)",
}


def _message(err: Any, loc: tuple[Any, ...]) -> str:
    """A pydantic error on lint.yaml in the words of the file."""
    what = ".".join(map(str, loc)) or "the file"
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = "cluster_max, tag_min_uses" if loc[:1] == ("settings",) else "select, ignore, settings"
        return f"unknown key {what!r} in the lint config (allowed: {allowed})"
    if kind in _KINDS:
        return f"lint config: {what!r} must be {_KINDS[kind]}"
    return f"lint config: {what!r}: {err['msg']}"
