"""Text from comments made safe to print in a terminal, and names made safe to keep.

A comment's author name or body is hostile input: printed verbatim, an escape
sequence could set the window title, clear the screen or plant a clickable
link (OSC 8), and bidi controls reorder what the author reads. `visible` shows
each such character instead of sending it: C0 controls and DEL as their
Control Pictures (ESC as ␛), C1 controls, bidi controls and line separators
as <U+202E>; the newline is kept. Everything the CLI prints goes through it.
"""

from __future__ import annotations

import re

# Bidi formatting characters: embeddings and overrides, isolates, marks.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SHOWN = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{BIDI}\u2028\u2029]")
# In a name every control goes, newline and tab included.
_NAME_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}\u2028\u2029]")


def _picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control, bidi and separator character shown, not sent
    (newlines kept). Idempotent: what it returns holds none of them."""
    return _SHOWN.sub(_picture, text)


def has_unsafe_name_chars(name: str) -> bool:
    """Whether `name` holds a control (C0, DEL, C1), bidi or separator character."""
    return _NAME_UNSAFE.search(name) is not None


def strip_unsafe_name_chars(name: str) -> str:
    """`name` without control (C0, DEL, C1), bidi or separator characters."""
    return _NAME_UNSAFE.sub("", name)
