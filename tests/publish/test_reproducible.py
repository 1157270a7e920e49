"""Two production builds of the same content are byte-identical, and public.

The second build runs 400 days later by the clock (faketime), with other hash
seeds and another time zone, so any build timestamp, any set or dict ordering
and any dependence on the machine's local time shows up as a difference.
"""

from __future__ import annotations

import difflib
import glob
import os
import subprocess
import sys
import time

import pytest

from .builds import all_files, production_build

FORBIDDEN = (b"localhost", b"127.0.0.1")


def describe_difference(name: str, first: bytes, second: bytes) -> str:
    """A short unified diff for text, sizes for binary files."""
    try:
        lines = difflib.unified_diff(first.decode().splitlines(), second.decode().splitlines(),
                                     f"build1/{name}", f"build2/{name}", lineterm="", n=1)
        return "\n".join(list(lines)[:12])
    except UnicodeDecodeError:
        return f"{name}: {len(first)} bytes vs {len(second)} bytes"


def test_two_production_builds_are_byte_identical(production_site, tmp_path):
    shifted = {"FAKETIME": "+400d", "LD_PRELOAD": _libfaketime(), "PYTHONHASHSEED": "4242",
               "TZ": "America/Montreal"}
    clock = subprocess.run([sys.executable, "-c", "import time; print(time.time())"], capture_output=True,
                           text=True, check=True, env={**os.environ, **shifted})
    assert float(clock.stdout) > time.time() + 399 * 86400, "faketime did not move the second build's clock"
    later = production_build(tmp_path / "later" / "output", env=shifted)
    first, second = all_files(production_site), all_files(later)
    assert sorted(first) == sorted(second), (
        f"only in build 1: {sorted(set(first) - set(second))}; only in build 2: {sorted(set(second) - set(first))}"
    )
    different = [name for name in first if first[name].read_bytes() != second[name].read_bytes()]
    assert not different, f"{len(different)} of {len(first)} files differ:\n" + "\n\n".join(
        describe_difference(name, first[name].read_bytes(), second[name].read_bytes()) for name in different[:5]
    )
    assert len(first) > 20, "the production build wrote almost nothing"


def _libfaketime() -> str:
    """The preload library of Debian's `faketime` package (make test installs it)."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    if not found:
        pytest.fail("libfaketime is missing: `apt-get install faketime` (make test installs it)")
    return found[0]


def test_no_local_address_anywhere_in_the_output(production_site):
    leaks = [f"{name}: {word.decode()}" for name, path in all_files(production_site).items()
             for word in FORBIDDEN if word in path.read_bytes()]
    assert not leaks, "local addresses in the production output:\n" + "\n".join(leaks)
