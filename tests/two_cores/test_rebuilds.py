"""Several builds in one process, as `invoke livereload` and `invoke regenerate` run
them: each build's helper processes are gone when it ends."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from benchmarks.corpus import generate
from tests.conftest import ROOT

SCRIPT = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from pelican import main

    content, output = sys.argv[1], sys.argv[2]
    args = [content, "-o", output, "-s", "pelicanconf.py", "-q",
            "-e", "CACHE_PATH=" + json.dumps(output + "-cache")]
    report = []
    for build in range(3):
        if build == 2:  # an article changes between builds
            article = sorted(Path(content, "articles").rglob("*.md"))[0]
            article.write_text(article.read_text(encoding="utf-8") + "\\nUne phrase ajoutée.\\n",
                               encoding="utf-8")
        main(args)
        me = os.getpid()
        children = open(f"/proc/{me}/task/{me}/children").read().split()
        report.append({"children": children})
    print(json.dumps(report))
""")


def test_no_helper_process_outlives_its_build(tmp_path):
    content = tmp_path / "content"
    generate(content, posts=80, comments=100)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(content), str(tmp_path / "output")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert [build["children"] for build in report] == [[], [], []]
    changed = sorted((content / "articles").rglob("*.md"))[0]
    html = [p for p in (tmp_path / "output").rglob("index.html") if "Une phrase ajoutée." in p.read_text("utf-8")]
    assert len(html) == 1, f"the change to {changed.name} is on one page"
