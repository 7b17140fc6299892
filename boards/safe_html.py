"""format_html and format_html_join as Django's, for the pages that write thousands of pieces.

Django's versions reach django.utils.html.escape and mark_safe, which accept lazy translation
strings and pay for that on every call (keep_lazy). Where the pieces are many, that was most
of the time: the log's rows (format_html made a 100-row table twice as long to write) and the
minutes preview (a 2 MB paste's items took 2 s instead of 0.4 s). These have the same contract:
every argument is escaped unless it is already safe HTML (conditional_escape), and the result
is safe HTML. A lazy string is simply made a string first.

This is the one module in boards/ that escapes by hand. The log's rows (log_markup.py), the
minutes preview and its fields (templatetags/minutes_preview.py, quick_fields.py) are written
with these; everything else with templates or Django's format_html.
"""

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from django.utils.safestring import SafeString


def conditional_escape(value: object) -> str:
    """`value` escaped, unless it is safe HTML already (it says so with __html__)."""
    if type(value) is str:
        return escape(value)
    if isinstance(value, SafeString):  # any other SafeData answers __html__ with itself
        return value
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def format_html(format_string: str, *args: object, **kwargs: object) -> SafeString:
    """str.format with every argument escaped (conditional_escape); the result is safe HTML."""
    if kwargs:
        kwargs = {name: conditional_escape(value) for name, value in kwargs.items()}
    return SafeString(format_string.format(*map(conditional_escape, args), **kwargs))


def format_html_join(
    separator: str, format_string: str, args_generator: Iterable[Sequence[object] | Mapping[str, object]]
) -> SafeString:
    """format_html of each args (a sequence, or a mapping of names), joined by `separator`."""
    return SafeString(
        conditional_escape(separator).join(
            format_html(format_string, **args)
            if isinstance(args, Mapping)
            else format_html(format_string, *args)
            for args in args_generator
        )
    )


def join_html(separator: str, parts: Iterable[object]) -> SafeString:
    """format_html_join(separator, "{}", ((part,) for part in parts)), in one step."""
    return SafeString(conditional_escape(separator).join(map(conditional_escape, parts)))


def lines_html(text: str) -> SafeString:
    """Django's linebreaksbr: `text` escaped (unless it is safe HTML), each line break a <br>."""
    html = conditional_escape(text)  # before str.replace, which would lose a SafeString's safety
    return SafeString(html.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>"))


def attributes_html(attrs: Mapping[str, object]) -> SafeString:
    """Django's flatatt in the attributes' own order: ` name="value"` for each, ` name` for
    True; None and False are left out."""
    return SafeString(
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in attrs.items()
            if value is not None and value is not False
        )
    )
