"""Type stubs of the compiled module (`src/lib.rs`)."""

from os import PathLike
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, TypedDict, Union, final

_Format = Literal["text", "html", "markdown"]
_Severity = Literal["error", "warning", "info"]
_Verdict = Literal["pass", "warn", "fail"]

__all__ = ["CheckResult", "Checker", "ConfigError", "Finding", "__version__", "rules"]

__version__: str

class ConfigError(ValueError):
    """Settings that cannot be used: an unknown rule id, severity or option,
    or an invalid configuration file."""

class _FindingDict(TypedDict):
    rule: str
    category: str
    severity: _Severity
    start: int
    end: int
    start_byte: int
    end_byte: int
    line: int
    column: int
    text: str
    message: str
    suggestion: Optional[str]
    suggestion_certain: Optional[bool]
    related: list[str]
    folded: list["_FindingDict"]

class _CheckResultDict(TypedDict):
    verdict: _Verdict
    bytes: int
    sentences: int
    findings: list[_FindingDict]

class _RuleDict(TypedDict):
    id: str
    category: str
    severity: _Severity
    summary: str

@final
class Finding:
    """One finding. `text[start:end]` is the flagged text."""

    rule: str
    """Stable kebab-case rule id, e.g. `duplicate-punctuation`."""
    category: str
    severity: _Severity
    start: int
    """First code point (a Python string index)."""
    end: int
    """One past the last code point."""
    start_byte: int
    """First UTF-8 byte, as in the CLI's JSON report."""
    end_byte: int
    line: int
    """1-based line."""
    column: int
    """1-based column, in characters."""
    text: str
    """The flagged text."""
    message: str
    suggestion: Optional[str]
    """Replacement for `text` if the rule has one, else None."""
    suggestion_certain: Optional[bool]
    """Whether `suggestion` is right wherever the finding is (a fixer applies
    only these); None without a suggestion."""
    related: list[str]
    """Ids of the other rules that reported the same defect in the same bytes,
    folded into this finding (usually empty)."""
    @property
    def folded(self) -> list[Finding]:
        """Those rules' own findings (offsets, message, suggestion): the
        defect counts once, nothing is lost."""
        ...
    def to_dict(self) -> _FindingDict: ...

@final
class CheckResult:
    """The outcome of checking one text."""

    verdict: _Verdict
    """`fail` when a finding is at or above the checker's `fail_on`,
    `warn` when there are findings below it, `pass` when there are none."""
    bytes: int
    """Size of the text in UTF-8 bytes."""
    sentences: int
    @property
    def findings(self) -> list[Finding]:
        """Findings sorted by position."""
    def to_dict(self) -> _CheckResultDict: ...
    def __len__(self) -> int: ...

@final
class Checker:
    """A reusable, thread-safe checker. Build it once and share it across
    threads: `check` and `check_many` release the GIL while they run."""

    def __new__(
        cls,
        config: Union[str, PathLike[str], None] = None,
        *,
        fail_on: Optional[_Severity] = None,
        select: Optional[Sequence[str]] = None,
        ignore: Optional[Sequence[str]] = None,
        severity: Optional[Mapping[str, _Severity]] = None,
        options: Optional[Mapping[str, Mapping[str, Any]]] = None,
    ) -> Checker:
        """`config`: a `coquille.toml` to read (none is looked up by default).
        The keyword arguments override it: `fail_on`, `select`, `ignore`
        replace the file's, `severity` entries and `options` tables (per-rule
        options keyed like the file, e.g. `{"untranslated-english":
        {"min_words": 2}}`) are merged into it.

        Raises ConfigError (a ValueError) for unknown rule ids, severities or
        options, FileNotFoundError/OSError when `config` cannot be read."""
    @property
    def rules(self) -> list[str]:
        """Ids of the rules this checker runs, sorted."""
    @property
    def fail_on(self) -> _Severity: ...
    def check(self, text: str, format: _Format = "text") -> CheckResult:
        """Checks one text."""
    def check_many(
        self,
        texts: Iterable[str],
        formats: Union[_Format, Iterable[_Format], None] = None,
        *,
        threads: Optional[int] = None,
    ) -> list[CheckResult]:
        """Checks many texts in parallel (all cores, or `threads`), the GIL
        released; results come in input order. `formats`: one name for all
        texts, or one per text (default: all "text")."""

def rules() -> list[_RuleDict]:
    """Every rule Coquille has, with its default severity and a summary."""
