"""A scripted mutation pass over the record kernel (issue 12): each mutation deletes or bends
one rule in the specification, validation, people matching or the operations module; the test
suite must fail for it ("killed"). Prints one line per mutation and a summary; exits 1 if a
mutation marked `must_kill` survives.

    .venv/bin/python scripts/mutations.py [--only SUBSTRING]

The tree is restored after each mutation (also on Ctrl-C)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/test_spec.py",
    "tests/test_field_rules.py",
    "tests/test_cases_forms.py",
    "tests/test_cases_pages.py",
    "tests/test_concurrency.py",
    "tests/test_imports.py",
    "tests/test_imports_repeat.py",
    "tests/test_imports_web.py",
    "tests/test_research_facts.py",
    "tests/test_audit.py",
    "tests/test_write_path.py",
    "tests/test_demo_data.py",
    "tests/test_exports.py",
]
R = "incidents/records/"
# (name, file, text to find (exactly once), replacement)
MUTATIONS = [
    (
        "control characters allowed",
        R + "validation.py",
        "    if CONTROL.search(value):",
        "    if False:",
    ),
    (
        "prose control characters allowed",
        R + "validation.py",
        "    if PROSE_CONTROL.search(value):",
        "    if False:",
    ),
    (
        "ops: a person listed twice linked twice",
        R + "operations.py",
        "        if entry.person_id and entry.person_id in keys.values():",
        "        if False:",
    ),
    (
        "import: a repeated file accepted",
        "incidents/imports/services.py",
        "if report.imported_before and not again and not dry_run and not report.file_problem:",
        "if False:",
    ),
    (
        "import: likely duplicates accepted",
        "incidents/imports/writer.py",
        "        if not self.allow_duplicates:",
        "        if False:",
    ),
    (
        "earliest incident 1000",
        R + "validation.py",
        "EARLIEST_INCIDENT = date(1990, 1, 1)",
        "EARLIEST_INCIDENT = date(1000, 1, 1)",
    ),
    (
        "stored length unchecked",
        R + "validation.py",
        "if isinstance(value, str) and max_length is not None and len(value) > max_length:",
        "if False:",
    ),
    (
        "line length unchecked",
        R + "validation.py",
        '    if len(value) > max_length:\n        raise ValueError(f"Field cannot be longer than '
        '{max_length} characters.")\n    return value or None\n\n\ndef check_prose',
        "    return value or None\n\n\ndef check_prose",
    ),
    ("phone digits unbounded", R + "validation.py", "not 7 <= len(digits) <= 15", "False"),
    (
        "A-number any digits",
        R + "validation.py",
        r'A_NUMBER = re.compile(r"^A?(\d{7,9})$")',
        r'A_NUMBER = re.compile(r"^A?(\d{1,12})$")',
    ),
    (
        "birth date unchecked",
        R + "validation.py",
        "if value and not EARLIEST_BIRTH <= value <= (today or date.today()):",
        "if False:",
    ),
    (
        "consent date without consent",
        R + "validation.py",
        'if value and consent != "yes":',
        "if False:",
    ),
    (
        "future dates allowed",
        R + "validation.py",
        'if value > (today or date.today()):\n        raise ValueError("The date cannot be in the '
        'future.")\n    precision',
        "if False:\n        pass\n    precision",
    ),
    (
        "unknown codes accepted",
        R + "validation.py",
        '    if found is None:\n        raise ValueError(f"Unknown value;',
        '    if found is None:\n        return text\n        raise ValueError(f"Unknown value;',
    ),
    (
        "number range unchecked",
        R + "validation.py",
        "        value != value\n        or (minimum",
        "        False\n        and (minimum",
    ),
    (
        "spec: phone 300 long",
        R + "spec/people.py",
        'help="7 to 15 digits",\n        max_length=30,',
        'help="7 to 15 digits",\n        max_length=300,',
    ),
    (
        "spec: full name optional",
        R + "spec/people.py",
        '        max_length=200,\n        required=True,\n        import_column="subject_name",',
        '        max_length=200,\n        import_column="subject_name",',
    ),
    (
        "spec: A-number analytic",
        R + "spec/people.py",
        '"a_number",\n        "A-number",\n        "a_number",\n        "direct",',
        '"a_number",\n        "A-number",\n        "a_number",\n        "analytic",',
    ),
    ("spec: state not exported", R + "spec/incident.py", 'export=("region",),', "export=(),"),
    ("spec: narrative 5000", R + "spec/incident.py", "max_length=50000,", "max_length=5000,"),
    (
        "people: any organization",
        R + "people.py",
        "            Person.organization_id == organization_id,\n",
        "",
    ),
    (
        "people: no name and birth date key",
        R + "people.py",
        "    if person.full_name and person.date_of_birth:",
        "    if False:",
    ),
    (
        "people: accents matter",
        R + "people.py",
        "return fold(full_name)[:200]",
        "return (full_name or '').lower()[:200]",
    ),
    (
        "ops: stale edits saved",
        R + "operations.py",
        "        condition &= table.c.version == expected_version\n",
        "",
    ),
    (
        "ops: unchanged saves bump the version",
        R + "operations.py",
        "    if not sections:\n        return []\n    claimed",
        "    claimed",
    ),
    (
        "ops: consent date kept without consent",
        R + "operations.py",
        '    if incident.research_consent != "yes":\n        incident.research_consent_on = None\n',
        "",
    ),
    (
        "ops: other organization's person linked",
        R + "operations.py",
        "if person is None or person.organization_id != incident.organization_id:",
        "if person is None:",
    ),
    (
        "ops: derived values not refreshed",
        R + "operations.py",
        "    derived.refresh(session, affected)\n",
        "",
    ),
    (
        "ops: bulk derived values not refreshed",
        R + "operations.py",
        "    derived.refresh(session, ids)\n",
        "",
    ),
    ("ops: bulk not audited", R + "operations.py", "    if audit_each:\n", "    if False:\n"),
    (
        "ops: removed rows kept",
        R + "operations.py",
        "    for row in existing.values():\n        session.delete(row)\n",
        "",
    ),
    (
        "ops: removed people kept",
        R + "operations.py",
        "    for link in links.values():\n        session.delete(link)\n",
        "",
    ),
    (
        "ops: others' incidents of an edited person not refreshed",
        R + "operations.py",
        "            touched.add(person.id)",
        "            pass",
    ),
    (
        "ops: bulk person per entry",
        R + "operations.py",
        "            elif entry.key not in new:",
        "            else:",
    ),
    (
        "refs: a taken reference reissued",
        R + "references.py",
        "            if text not in self.taken:",
        "            if True:",
    ),
    (
        "value: row changes ignored",
        R + "value.py",
        "                found += _row_changes(key, old[key], new[key])",
        "                pass",
    ),
]


def run_tests() -> bool:
    """True if the tests pass."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not browser",
            *TESTS,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**_env(), "CI": ""},
    )
    return result.returncode == 0


def _env():
    import os

    env = dict(os.environ)
    env.pop("TEST_DATABASE_URL", None)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the mutations whose name contains this")
    args = parser.parse_args()
    survivors, killed = [], 0
    for name, path, old, new in MUTATIONS:
        if args.only and args.only not in name:
            continue
        file = ROOT / path
        original = file.read_text(encoding="utf-8")
        if original.count(old) != 1:
            print(f"STALE    {name}: the text to mutate is not found once in {path}")
            survivors.append(name)
            continue
        started = time.monotonic()
        try:
            file.write_text(original.replace(old, new), encoding="utf-8")
            passed = run_tests()
        finally:
            file.write_text(original, encoding="utf-8")
        verdict = "SURVIVED" if passed else "killed"
        print(f"{verdict:8} {name} ({time.monotonic() - started:.0f} s)", flush=True)
        if passed:
            survivors.append(name)
        else:
            killed += 1
    print(f"{killed} killed, {len(survivors)} survived: {', '.join(survivors) or 'none'}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
