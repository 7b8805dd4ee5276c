"""The incident list's filter form, rendered once for each language, page (list or archive),
filter values and agency list, then reused: its seventeen fields and some two hundred options
are about a fifth of a list page's work, and they change only with those inputs. A form with an
error is rendered afresh, never kept. Each process keeps the last LIMIT forms."""

from __future__ import annotations

import threading
from collections import OrderedDict

from flask import current_app, render_template, request
from markupsafe import Markup

from incidents.i18n import current_language

LIMIT = 256


class _Rendered:
    """A small least-recently-used store of rendered forms, safe across a worker's threads."""

    def __init__(self):
        self.forms: OrderedDict[tuple, Markup] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> Markup | None:
        with self.lock:
            found = self.forms.get(key)
            if found is not None:
                self.forms.move_to_end(key)
            return found

    def put(self, key: tuple, html: Markup) -> None:
        with self.lock:
            self.forms[key] = html
            while len(self.forms) > LIMIT:
                self.forms.popitem(last=False)


def filters_html(form, agencies: list[tuple[str, str]], args: dict) -> Markup:
    """The filters box of the list (`form`: the bound FilterForm; `agencies`: its agency
    choices; `args`: the list's filter arguments)."""
    if form.errors:
        return _render(form, args)
    store = current_app.extensions.setdefault("list_filters", _Rendered())
    key = (current_language(), request.endpoint, tuple(sorted(args.items())), tuple(agencies))
    html = store.get(key)
    if html is None:
        html = _render(form, args)
        store.put(key, html)
    return html


def _render(form, args: dict) -> Markup:
    return Markup(render_template("cases/_filters.html", form=form, args=args))  # noqa: S704
