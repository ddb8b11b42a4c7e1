"""Coquille for Python: checks French text for what machine translation and
web scraping leave behind (English left untranslated, broken markup, doubled
punctuation, English typography, web-page furniture).

    >>> from coquille_fr import Checker
    >>> checker = Checker()
    >>> text = "Les forces russes sont arrivées depuis la Pologne. ."
    >>> result = checker.check(text)
    >>> result.verdict
    'fail'
    >>> f = result.findings[0]
    >>> f.rule, text[f.start:f.end]
    ('duplicate-punctuation', '. .')

`start`/`end` are code-point offsets (Python string indices); `start_byte`/
`end_byte` are UTF-8 byte offsets, as in the CLI's and the server's JSON.
"""

from ._native import CheckResult, Checker, ConfigError, Finding, __version__, rules

__all__ = ["CheckResult", "Checker", "ConfigError", "Finding", "__version__", "rules"]
