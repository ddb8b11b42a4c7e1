"""Tests of the Python package `coquille_fr` (run with pytest after
`pip install ./bindings/python` or `maturin develop`)."""

import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import coquille_fr
from coquille_fr import Checker, ConfigError

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "data" / "samples" / "allinfo-poutine-bielorussie.txt"


def sample_text() -> str:
    # A missing sample is a failure, not a skip.
    assert SAMPLE.is_file(), f"sample not found: {SAMPLE}"
    return SAMPLE.read_text(encoding="utf-8")


def assert_offsets_slice(text: str, result) -> None:
    raw = text.encode("utf-8")
    for f in result.findings:
        assert text[f.start : f.end] == f.text, f
        assert raw[f.start_byte : f.end_byte].decode("utf-8") == f.text, f
        # The line and column point at the same place.
        line = text.split("\n")[f.line - 1]
        line_start = sum(len(l) + 1 for l in text.split("\n")[: f.line - 1])
        assert f.start - line_start == f.column - 1, f
        assert line[f.column - 1 :].startswith(f.text.split("\n")[0]), f


def rule_hits(result, rule):
    return [f for f in result.findings if f.rule == rule]


# --- offsets ---------------------------------------------------------------


def test_offsets_are_code_points_after_emoji_and_accents():
    checker = Checker()
    prefix = "🎄 Été à Zürich, 𝒳 et 漢字 : "
    text = prefix + "les forces sont arrivées depuis la Pologne. ."
    result = checker.check(text)
    [f] = rule_hits(result, "duplicate-punctuation")
    assert text[f.start : f.end] == ". ."
    assert f.start == text.index(". .")
    # Bytes and code points differ by what the non-ASCII prefix weighs.
    assert f.start_byte == len(text[: f.start].encode("utf-8"))
    assert f.start_byte > f.start
    assert f.end - f.start == 3 and f.end_byte - f.start_byte == 3
    assert_offsets_slice(text, result)


def test_offsets_slice_every_finding_of_the_sample():
    text = sample_text()
    result = Checker().check(text)
    assert len(result.findings) > 5
    assert any(ord(c) > 127 for f in result.findings for c in text[: f.start])
    assert_offsets_slice(text, result)


def test_offsets_inside_a_multibyte_finding():
    # A finding whose own text holds multi-byte characters (curly quotes).
    text = "🙂 Il a répondu “yes, of course” puis il est parti."
    result = Checker().check(text)
    [f] = rule_hits(result, "english-quotes")
    assert f.text == "“yes, of course”"
    assert (f.end - f.start) == len(f.text)
    assert (f.end_byte - f.start_byte) == len(f.text.encode("utf-8"))
    assert_offsets_slice(text, result)


def test_suggestions_apply_at_the_code_point_offsets():
    text = "Ça coûte 3 €… Les forces sont arrivées depuis la Pologne. . Fin."
    result = Checker().check(text)
    [f] = rule_hits(result, "duplicate-punctuation")
    assert f.suggestion == "."
    fixed = text[: f.start] + f.suggestion + text[f.end :]
    assert "Pologne. Fin." in fixed
    assert rule_hits(Checker().check(fixed), "duplicate-punctuation") == []


def test_finding_fields_and_dicts():
    text = "Il mesure 55 miles de long."
    result = Checker().check(text)
    [f] = rule_hits(result, "imperial-units")
    assert f.category == "locale"
    assert f.severity == "error"
    assert f.line == 1 and f.column == text.index("55") + 1
    assert f.message
    d = f.to_dict()
    assert d["rule"] == "imperial-units" and d["start"] == f.start
    assert set(d) == {
        "rule", "category", "severity", "start", "end", "start_byte", "end_byte",
        "line", "column", "text", "message", "suggestion", "suggestion_certain",
        "related", "folded",
    }
    rd = result.to_dict()
    assert rd["verdict"] == "fail" and rd["findings"][0] == result.findings[0].to_dict()
    assert rd["bytes"] == len(text.encode()) and rd["sentences"] == 1
    json.dumps(rd)  # plain data
    assert len(result) == len(result.findings)
    assert "imperial-units" in repr(f) and "fail" in repr(result)


# --- verdicts and settings ---------------------------------------------------


def test_verdicts_follow_fail_on():
    clean = "Le conseil municipal s'est réuni hier soir pour voter le budget."
    assert Checker().check(clean).verdict == "pass"
    warn_only = "Il a dit “bonjour” en entrant."
    result = Checker().check(warn_only)
    assert {f.severity for f in result.findings} == {"warning"}
    assert result.verdict == "warn"
    assert Checker(fail_on="warning").check(warn_only).verdict == "fail"
    assert Checker(fail_on="warning").fail_on == "warning"


def test_select_ignore_and_severity():
    text = "Il a dit “hello world” à 55 miles."
    only = Checker(select=["imperial-units"])
    assert only.rules == ["imperial-units"]
    assert {f.rule for f in only.check(text).findings} == {"imperial-units"}
    without = Checker(ignore=["imperial-units"])
    assert "imperial-units" not in without.rules
    assert not rule_hits(without.check(text), "imperial-units")
    # A rule set to another level moves each finding by as much (a graded
    # finding keeps its distance from the rule's default level).
    [d] = rule_hits(Checker().check(text), "imperial-units")
    lowered = Checker(severity={"imperial-units": "info"})
    [f] = rule_hits(lowered.check(text), "imperial-units")
    rank = {"info": 0, "warning": 1, "error": 2}
    assert rank[f.severity] == max(0, rank[d.severity] - 1)


def test_rule_options():
    text = "Le patron a lancé une start-up et un side project cette année."
    default = rule_hits(Checker().check(text), "untranslated-english")
    assert default, "the default options flag `side project`"
    allowed = Checker(options={"untranslated-english": {"allow": ["side project"]}})
    assert rule_hits(allowed.check(text), "untranslated-english") == []
    longer = Checker(options={"untranslated-english": {"min_words": 3}})
    assert rule_hits(longer.check(text), "untranslated-english") == []


def test_config_file_and_overrides(tmp_path):
    config = tmp_path / "coquille.toml"
    config.write_text(
        'fail_on = "warning"\n'
        'ignore = ["imperial-units"]\n'
        "[severity]\n"
        'english-quotes = "info"\n'
        "[untranslated-english]\n"
        'allow = ["side project"]\n',
        encoding="utf-8",
    )
    from_file = Checker(config)
    assert from_file.fail_on == "warning"
    assert "imperial-units" not in from_file.rules
    text = "Un side project, “bonjour” et 55 miles."
    r = from_file.check(text)
    assert {f.rule: f.severity for f in r.findings}.get("english-quotes") == "info"
    assert not rule_hits(r, "untranslated-english")
    # Keyword arguments override the file; tables merge key by key.
    over = Checker(
        str(config),
        fail_on="error",
        ignore=[],
        severity={"french-spacing": "info"},
        options={"untranslated-english": {"min_words": 2}},
    )
    assert over.fail_on == "error"
    assert "imperial-units" in over.rules
    r = over.check(text)
    assert rule_hits(r, "english-quotes")[0].severity == "info"  # kept from the file
    assert not rule_hits(r, "untranslated-english")  # allow kept, min_words added


# --- errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"select": ["no-such-rule"]}, ["no-such-rule", "select"]),
        ({"ignore": ["nope"]}, ["nope", "ignore"]),
        ({"severity": {"nope": "info"}}, ["nope", "severity"]),
        ({"fail_on": "fatal"}, ["fail_on", "fatal", "warning"]),
        ({"severity": {"english-quotes": "meh"}}, ["english-quotes", "meh"]),
        (
            {"options": {"untranslated-english": {"min_word": 2}}},
            ["untranslated-english", "min_word", "min_words"],
        ),
        ({"options": {"no-such-table": {}}}, ["no-such-table"]),
    ],
)
def test_bad_settings_raise_config_error(kwargs, words):
    with pytest.raises(ConfigError) as err:
        Checker(**kwargs)
    assert isinstance(err.value, ValueError)
    for w in words:
        assert w in str(err.value)


def test_bad_config_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.toml"):
        Checker(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text('fail_onn = "error"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="(?s)bad.toml.*fail_onn"):
        Checker(bad)


def test_bad_arguments():
    checker = Checker()
    with pytest.raises(TypeError, match=r'select=\["abc"\]'):
        Checker(select="abc")
    with pytest.raises(ValueError, match="unknown format.*xml"):
        checker.check("Bonjour.", format="xml")
    with pytest.raises(UnicodeEncodeError):
        checker.check("un surrogate seul \ud800")
    with pytest.raises(ValueError, match=r"texts\[1\].*surrogates"):
        checker.check_many(["Bonjour.", "\ud800"])
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        checker.check_many(["Bonjour.", 3])
    with pytest.raises(TypeError, match="not one str"):
        checker.check_many("Bonjour.")
    with pytest.raises(ValueError, match="2 formats for 1 texts"):
        checker.check_many(["Bonjour."], formats=["text", "html"])
    with pytest.raises(ValueError, match=r"formats\[0\].*pdf"):
        checker.check_many(["Bonjour."], formats=["pdf"])
    with pytest.raises(ValueError, match="threads"):
        checker.check_many(["Bonjour."], threads=0)


# --- formats ---------------------------------------------------------------


def test_html_and_markdown_formats():
    checker = Checker()
    html = "<p>Un texte propre.</p><script>var x = 'hello world';</script>"
    assert checker.check(html, format="html").verdict == "pass"
    md = "Un texte propre.\n\n```\nprint('hello world')\n```\n"
    assert checker.check(md, format="markdown").verdict == "pass"
    broken = "<p>Texte < /chiffre> cassé.</p>"
    r = checker.check(broken, format="html")
    assert rule_hits(r, "broken-markup")
    assert_offsets_slice(broken, r)


# --- check_many --------------------------------------------------------------


def corpus():
    paragraphs = [p for p in sample_text().split("\n\n") if p.strip()]
    extra = [
        "🎄 Les forces russes sont arrivées depuis la Pologne. .",
        "Il a dit “hello world” à 55 miles.",
        "",
        "Un texte propre et sans défaut.",
    ]
    return paragraphs + extra


def summary(result):
    return (
        result.verdict,
        [(f.rule, f.start, f.end, f.start_byte, f.end_byte, f.severity, f.message,
          f.suggestion) for f in result.findings],
    )


def test_check_many_equals_check_in_order():
    checker = Checker()
    texts = corpus()
    one_by_one = [summary(checker.check(t)) for t in texts]
    assert [summary(r) for r in checker.check_many(texts)] == one_by_one
    assert [summary(r) for r in checker.check_many(texts, threads=1)] == one_by_one
    assert [summary(r) for r in checker.check_many(iter(texts), threads=3)] == one_by_one
    assert checker.check_many([]) == []


def test_check_many_formats():
    checker = Checker()
    texts = ["<p>Texte < /chiffre> cassé.</p>", "Texte < /chiffre> cassé."]
    as_html = checker.check_many(texts, formats="html")
    assert [summary(r) for r in as_html] == [summary(checker.check(t, "html")) for t in texts]
    mixed = checker.check_many(texts, formats=["html", "text"])
    assert summary(mixed[0]) == summary(checker.check(texts[0], "html"))
    assert summary(mixed[1]) == summary(checker.check(texts[1], "text"))


# --- threads -----------------------------------------------------------------


def test_one_checker_shared_by_many_threads():
    checker = Checker(fail_on="warning")
    texts = corpus() * 4
    expected = [summary(checker.check(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: summary(checker.check(t)), texts))
    assert got == expected
    # check_many from several threads at once, each with its own thread count.
    def many(n):
        return [summary(r) for r in checker.check_many(texts, threads=n)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for result in pool.map(many, [1, 2, 3, 4]):
            assert result == expected


def test_gil_is_released_during_check_many():
    # With a huge switch interval the interpreter never hands the GIL to
    # another thread on its own: the waiting thread below can only run if
    # check_many releases the GIL while it checks. The generator wakes it
    # once check_many has taken every text.
    checker = Checker()
    texts = corpus() * 60
    started, progressed = threading.Event(), threading.Event()

    def other():
        started.wait()
        progressed.set()

    def texts_then_wake():
        yield from texts
        started.set()

    t = threading.Thread(target=other)
    old = sys.getswitchinterval()
    t.start()
    sys.setswitchinterval(100.0)
    try:
        results = checker.check_many(texts_then_wake(), threads=1)
        ran_during_check = progressed.is_set()
    finally:
        sys.setswitchinterval(old)
    t.join()
    assert len(results) == len(texts)
    assert ran_during_check


# --- rules -------------------------------------------------------------------


def test_rules_listing():
    rules = coquille_fr.rules()
    ids = [r["id"] for r in rules]
    assert ids == sorted(set(ids)) and "duplicate-punctuation" in ids
    assert Checker().rules == ids
    for r in rules:
        assert r["severity"] in {"error", "warning", "info"} and r["summary"] and r["category"]
    assert coquille_fr.__version__


def test_same_findings_as_the_command_line(tmp_path):
    # The CLI's JSON report of the sample, when the binary has been built.
    # Cargo's target directory, moved by CARGO_TARGET_DIR when it is set
    # (a relative one is read from the repository's root, as `cargo` is run).
    target = REPO / os.environ.get("CARGO_TARGET_DIR", "target")
    binary = target / "debug" / "coquille"
    assert binary.is_file(), f"build the CLI first (cargo build -p coquille-cli): {binary}"
    out = subprocess.run(
        [str(binary), "check", "--no-config", "--format", "json", str(SAMPLE)],
        capture_output=True, check=False, text=True,
    )
    report = json.loads(out.stdout)["documents"][0]
    result = Checker().check(sample_text())
    assert result.verdict == report["verdict"]
    assert [
        (f.rule, f.start_byte, f.end_byte, f.severity, f.message, f.suggestion)
        for f in result.findings
    ] == [
        (f["rule"], f["start"], f["end"], f["severity"], f["message"], f["suggestion"])
        for f in report["findings"]
        # The JSON report also lists the findings folded into another's
        # (`folded_into`); `findings` here are those that count, one a defect.
        if "folded_into" not in f
    ]
    # Each folded finding, under the finding that counts, as the JSON report
    # lists it right after that finding (with `folded_into` its index).
    counted = [i for i, f in enumerate(report["findings"]) if "folded_into" not in f]
    folded_seen = 0
    text = sample_text()
    for f, i in zip(result.findings, counted):
        expected = [
            (g["rule"], g["start"], g["end"], g["severity"], g["message"], g["suggestion"])
            for g in report["findings"]
            if g.get("folded_into") == i
        ]
        assert [
            (g.rule, g.start_byte, g.end_byte, g.severity, g.message, g.suggestion)
            for g in f.folded
        ] == expected
        assert f.related == report["findings"][i]["related"]
        assert f.suggestion_certain == report["findings"][i]["suggestion_certain"]
        for g in f.folded:
            assert text[g.start:g.end] == g.text
        folded_seen += len(f.folded)
    # The sample has defects several rules report (`guerre. , déclarant`).
    assert folded_seen > 0
