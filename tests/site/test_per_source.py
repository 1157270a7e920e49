"""What is computed from an article's text (reading time, table of contents, the
related posts' text digest) is kept between the author's loop's builds while the
source file and the reader's settings are unchanged (french/contents.PerSource),
and computed again as soon as either changes: never a stale value."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from types import SimpleNamespace

from french.contents import PerSource

from tests.conftest import ROOT


def test_a_value_is_kept_until_its_file_its_key_or_the_settings_change(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("un deux trois", encoding="utf-8")
    item = SimpleNamespace(source_path=str(source))
    memo, calls = PerSource(), []

    def value(settings: dict, key: object = "k") -> str:
        return memo.get(item, settings, key, lambda: calls.append(1) or source.read_text(encoding="utf-8"))

    settings = {"SITENAME": "Blog"}
    assert value(settings) == "un deux trois"
    assert value(settings) == "un deux trois" and len(calls) == 1  # kept
    assert value({"SITENAME": "Blog"}) == "un deux trois" and len(calls) == 1  # a new build, same settings
    source.write_text("un deux trois quatre", encoding="utf-8")
    assert value(settings) == "un deux trois quatre" and len(calls) == 2  # the file changed
    info = source.stat()
    source.write_text("UN DEUX TROIS QUATRE", encoding="utf-8")  # same size, same time
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert value(settings) == "un deux trois quatre" and len(calls) == 2  # as Pelican's reader cache: by time
    assert value(settings, "other key") == "UN DEUX TROIS QUATRE" and len(calls) == 3
    assert value({"SITENAME": "Autre"}) == "UN DEUX TROIS QUATRE" and len(calls) == 4  # other settings


def test_no_file_or_settings_that_cannot_be_fingerprinted_are_never_kept(tmp_path):
    memo, calls = PerSource(), []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert memo.get(SimpleNamespace(source_path=None), {}, "k", compute) == 1
    assert memo.get(SimpleNamespace(source_path=None), {}, "k", compute) == 2
    item = SimpleNamespace(source_path=str(tmp_path / "gone.md"))
    assert memo.get(item, {}, "k", compute) == 3
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    item = SimpleNamespace(source_path=str(tmp_path / "a.md"))
    unreadable = {"X": object()}
    unreadable["SELF"] = unreadable  # a cycle: json cannot dump it
    assert memo.get(item, unreadable, "k", compute) == 4
    assert memo.get(item, unreadable, "k", compute) == 5


LOOP = """
import json, sys
from pathlib import Path
from tools.autoreload import Rebuilder
from tools.selective import only_sources
content, output, cache, source = sys.argv[1:]
rebuilder = Rebuilder(["-s", "pelicanconf.py", content, "-o", output, "-e", "CACHE_PATH=" + json.dumps(cache), "-q"])
rebuilder.build()
page = next(Path(output).rglob(Path(source).stem + "/index.html"))
import re
minutes = lambda: re.search(r"(\\d+)\\s*min de lecture", page.read_text()).group(1)
print("before:", minutes(), "Partie 3" in page.read_text(), flush=True)
words = " ".join(["mot"] * 2300)
headings = "".join(f"\\n\\n## Partie {i}\\n\\nTexte {i}." for i in range(4))
with open(source, "a", encoding="utf-8") as handle:
    handle.write(f"\\n\\n{words}{headings}\\n")
rebuilder.build(only_sources({source}))
print("after:", minutes(), 'href="#partie-3"' in page.read_text(), flush=True)
"""


def test_a_saved_article_gets_its_new_reading_time_and_contents_in_the_loop(mini_content, tmp_path):
    source = mini_content / "articles" / "linkedin-pour-les-pme.md"
    result = subprocess.run([sys.executable, "-c", LOOP, str(mini_content), str(tmp_path / "output"),
                             str(tmp_path / "cache"), str(source)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    before = re.search(r"before: (\d+) False", result.stdout)
    assert before, result.stdout
    # ~2,300 more words at 230 a minute; the four headings make a table of contents.
    assert f"after: {int(before.group(1)) + 10} True" in result.stdout, result.stdout
