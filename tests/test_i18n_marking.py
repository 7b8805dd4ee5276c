"""Every string a user reads is marked for translation (issue 21): visible text of every
template sits inside {% trans %} (or `_()`), and every flash message, validation error and form
field label or description in incidents/ goes through gettext / lazy_gettext. Messages for
operators (the `flask` commands) and the synthetic demo data stay English and are not checked."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

import incidents

PACKAGE = Path(incidents.__file__).parent
TEMPLATES = PACKAGE.parent / "templates"
LETTERS = re.compile(r"[A-Za-z]")
ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")
# attributes a person reads or hears (screen readers), and the confirm() text of buttons
READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-label", "data-confirm"}
# visible text that is the same in every language: format codes and names of things
ALLOWED = {"YYYY-MM-DD", "HH:MM", "SHA-256", "UTC"}
JINJA = "\x00"  # a Jinja construct outside a translation block
TRANSLATED = "\x01"  # a whole {% trans %} block


def _untranslated_text(source: str) -> str:
    """The template with each {% trans %} block and each other Jinja construct replaced by a
    placeholder character: what remains is HTML written in the template itself."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"], autoescape=True)
    out, depth, in_block, names = [], 0, False, []
    for _lineno, kind, value in env.lex(source):
        if kind == "block_begin":
            in_block, names = True, []
        if in_block and kind == "name":
            names.append(value)
        if kind == "block_end":
            in_block = False
            if names[:1] == ["trans"]:
                depth += 1
                out.append(TRANSLATED)
            elif names[:1] == ["endtrans"]:
                depth -= 1
            continue
        if depth or in_block or kind == "block_begin":
            continue
        out.append(value if kind == "data" else JINJA)
    return "".join(out)


class _Reader(HTMLParser):
    """Collects the text nodes and the read attributes that hold letters."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and _has_words(value):
                self.found.append(f'{name}="{value}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _has_words(data):
            self.found.append(data.strip())


def _has_words(text: str) -> bool:
    text = ENTITY.sub("", text).replace(JINJA, " ").replace(TRANSLATED, " ")
    for allowed in ALLOWED:
        text = text.replace(allowed, "")
    return bool(LETTERS.search(text))


def unmarked_in_template(source: str) -> list[str]:
    """Visible words of a template that no translation block or `_()` covers."""
    reader = _Reader()
    reader.feed(_untranslated_text(source))
    reader.close()
    return reader.found


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_every_visible_word_of_a_template_is_marked(path):
    found = unmarked_in_template(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(TEMPLATES)}: wrap in {{% trans %}}: {found[:5]}"


def test_the_template_check_finds_unmarked_text_and_attributes():
    assert unmarked_in_template("<p>Hello</p>") == ["Hello"]
    assert unmarked_in_template('<a title="Open it" href="{{ url }}">{{ x }}</a>') == [
        'title="Open it"'
    ]
    marked = (
        "<p>{% trans n=n %}Hello {{ n }}{% endtrans %}</p><a title=\"{{ _('Open') }}\">"
        "{{ x }}</a><script>let a = 'b';</script><td>SHA-256</td>"
    )
    assert unmarked_in_template(marked) == []


# Words written as string literals in a {{ }} shown as text ({{ "yes" if x }}): a string
# shown as it is (at the start, after `else` or `or`, or before `if`), outside an HTML tag; a
# string handed to a call (`_('yes')`, `label('code')`) or a format ('%.1f') is not one.
INSIDE_TAG = re.compile(r"<[^>]*$")


def bare_strings_in_expressions(source: str) -> list[str]:
    """String literals a {{ }} expression shows as text without translating them."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"], autoescape=True)
    found, text, tokens, in_tag = [], "", None, False
    for _lineno, kind, value in env.lex(source):
        if kind == "data":
            text = (text + value)[-2000:]
        elif kind == "variable_begin":
            tokens, in_tag = [(kind, value)], bool(INSIDE_TAG.search(text))
            text += JINJA
        elif tokens is not None and kind != "whitespace":
            tokens.append((kind, value))
        if kind != "variable_end" or tokens is None:
            continue
        for index, (token, literal) in enumerate(tokens):
            if token != "string" or in_tag or literal.strip("'\"").startswith("%"):
                continue
            before, after = tokens[index - 1], tokens[index + 1]
            shown = before[0] == "variable_begin" or before in (("name", "else"), ("name", "or"))
            if LETTERS.search(literal) and (shown or after == ("name", "if")):
                found.append(literal)
        tokens = None
    return found


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_template_shows_an_untranslated_string_literal(path):
    found = bare_strings_in_expressions(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(TEMPLATES)}: wrap in _(): {found[:5]}"


def test_the_expression_check_finds_shown_literals_only():
    assert bare_strings_in_expressions('<td>{{ "yes" if x }}</td>{{ a or "none" }}') == [
        '"yes"',
        '"none"',
    ]
    fine = (
        "<tr class=\"{{ 'inactive' if x }}\">{{ _('yes') if x else _('no') }}"
        "{{ v|label('us_state') }}{{ '%.1f'|format(h) }}{{ text or '—' }}</tr>"
    )
    assert bare_strings_in_expressions(fine) == []


# --- Python: flash(), ValidationError, form field labels and descriptions -------------------

FIELD_TYPES = {
    "StringField", "SelectField", "TextAreaField", "BooleanField", "IntegerField", "DateField",
    "SubmitField", "PasswordField", "FileField", "SelectMultipleField", "RadioField",
    "DecimalField", "TimeField", "EmailField", "MultipleFileField", "FloatField",
    "DateTimeField", "TelField", "FastSelectField", "URLField", "SearchField",
}  # fmt: skip
VALIDATORS = {"DataRequired", "InputRequired", "Length", "NumberRange", "Email", "EqualTo",
              "Regexp", "AnyOf", "NoneOf", "URL", "FileRequired", "FileAllowed"}  # fmt: skip
# the errors a person reads: WTForms' and the service errors (incidents.problems.UserError and
# its kinds; a test below keeps this list whole)
ERRORS = {
    "ValidationError", "StopValidation", "UserError", "Conflict", "StaleEdit", "AdminError",
    "CodeRefused", "NotNow", "SharedEntry", "StoreUnavailable", "HashMismatch",
    "RedactionError", "QueueUnreachable", "ResultGone", "Refused", "FileRefused",
    "UploadRefused",
}  # fmt: skip
# UserError kinds whose first argument is not a message: the policy library loader's errors are
# for whoever edits the library files (like the `flask` commands); IntegrityProblem takes a code;
# PasswordRejected a field name, then its messages (from passwords.policy_problems, marked)
NOT_MESSAGES = {"LibraryError", "IntegrityProblem", "PasswordRejected"}
OPERATORS_ONLY = ("cli.py", "clikit.py", "db_commands.py")  # the `flask` commands speak English


def _bare(node) -> bool:
    """A string a user would read, written in the code as it is (not through gettext) — also
    as either branch of `a if c else b` or a value of `a or b`."""
    if isinstance(node, ast.IfExp):
        return _bare(node.body) or _bare(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(_bare(value) for value in node.values)
    literal = isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip()
    return bool(literal) or isinstance(node, ast.JoinedStr)


def unmarked_in_python(source: str) -> list[tuple[int, str]]:
    """(line, what) for each bare string given to flash(), a validation error, a form field's
    label or description (also set later: `field.label.text = ...`), a validator's message, or
    a field's or form's error list."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and _bare(node.value):
            found += [
                (node.lineno, "label.text")
                for target in node.targets
                if isinstance(target, ast.Attribute)
                and target.attr == "text"
                and getattr(target.value, "attr", None) == "label"
            ]
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        checked = []
        if name in ("flash", *ERRORS) and node.args:
            checked.append((node.args[0], name))
        if name in FIELD_TYPES:
            checked += [(node.args[0], f"{name} label")] if node.args else []
            checked += [(k.value, f"{name} {k.arg}") for k in node.keywords if k.arg in
                        ("label", "description")]  # fmt: skip
        if name in VALIDATORS:
            checked += [(k.value, f"{name} message") for k in node.keywords if k.arg == "message"]
        if name in ("DataRequired", "InputRequired", "FileRequired") and node.args:
            checked.append((node.args[0], f"{name} message"))  # the message comes first
        errors = getattr(node.func, "value", None)
        if name == "append" and getattr(errors, "attr", None) in ("errors", "form_errors"):
            checked += [(node.args[0], "errors.append")] if node.args else []
        found += [(arg.lineno, what) for arg, what in checked if _bare(arg)]
    return found


def _python_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if path.name in OPERATORS_ONLY or parts[0] == "demo":
            continue
        yield path


def test_every_message_a_user_reads_in_python_is_marked():
    found = [
        f"{path.relative_to(PACKAGE)}:{line} {what}"
        for path in _python_modules()
        for line, what in unmarked_in_python(path.read_text(encoding="utf-8"))
    ]
    assert not found, "wrap in gettext() (in a function) or _l() (at class level): " + str(found)


def test_the_python_check_finds_bare_strings():
    source = (
        'flash("Saved.", "success")\n'
        'flash(f"{n} saved.")\n'
        'raise ValidationError("Bad.")\n'
        'name = StringField("Name", description="Help")\n'
        'ok = StringField(_l("Name"), [DataRequired(message=_l("Enter it."))])\n'
        'flash(gettext("Saved."))\n'
        'flash("Saved." if changed else gettext("Nothing changed."))\n'
        'x = [DataRequired("Say why."), InputRequired(_l("Fine."))]\n'
        'form.form_errors.append("Expired.")\n'
        'form.again.label.text = f"Import {name} again"\n'
    )
    assert sorted(line for line, _ in unmarked_in_python(source)) == [1, 2, 3, 4, 4, 7, 8, 9, 10]


def test_a_user_error_literal_must_be_marked():
    source = (
        'raise UserError("Nope.")\n'
        'raise Conflict(f"{ref} taken.")\n'
        'raise UserError(gettext("Fine."))\n'
        "raise StaleEdit\n"
    )
    assert [line for line, _ in unmarked_in_python(source)] == [1, 2]


def test_every_kind_of_user_error_is_checked(app):
    """A new UserError subclass joins ERRORS (or NOT_MESSAGES, saying why)."""
    import importlib
    import pkgutil

    from incidents.problems import UserError

    for module in pkgutil.walk_packages(incidents.__path__, "incidents."):
        if not module.name.startswith("incidents.demo"):
            importlib.import_module(module.name)

    def kinds(cls):
        for sub in cls.__subclasses__():
            yield sub.__name__
            yield from kinds(sub)

    assert set(kinds(UserError)) <= ERRORS | NOT_MESSAGES
