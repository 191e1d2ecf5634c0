"""Read a Django admin form the way a browser would submit it.

The admin's change page holds the model form and the inline formsets'
management forms; posting a change means sending all of them back. This
parser collects the current value of every named field of the page's main
form so a test can change one field and post the rest untouched.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_value: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._option_value: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select, self._select_value, self._select_first = name, None, None
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                if self._multiple:
                    self.data.setdefault(self._select, []).append(value)
                else:
                    self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            if not self._multiple:
                value = self._select_value if self._select_value is not None else self._select_first
                self.data.setdefault(self._select, []).append(value or "")
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.data.setdefault(self._textarea, []).append(text[1:] if text.startswith("\n") else text)
            self._textarea = None


def form_values(html: str) -> dict[str, list[str] | str]:
    """{field name: value (or list of values)} of every field on the page."""
    parser = _FormParser()
    parser.feed(html)
    return {name: values[0] if len(values) == 1 else values for name, values in parser.data.items()}
