"""300 submissions from 16 concurrent clients against a real uvicorn server on loopback.

No 5xx; the rate limit answers 429; every accepted submission is exactly one
file in the queue (nothing lost, nothing extra).
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from comments.core.comment_file import read_comment
from comments.intake.server import BackgroundServer

from tests.intake.intake_helpers import SITE, queue_files, valid

TOTAL, CLIENTS = 300, 16


def submission(i: int) -> tuple[dict, dict]:
    # The first 250 come from different readers (under the limit); the last 50
    # from two readers posting 25 times each, so the limit answers.
    address = f"10.1.{i // 200}.{i % 200}" if i < 250 else f"10.9.9.{i % 2}"
    fields = valid(body=f"Commentaire numéro envoi-{i} sous charge.", author=f"Lecteur {i}")
    if i % 10 == 3:
        fields["website"] = "javascript:alert(1)"  # refused: 400
    if i % 15 == 7:
        fields["hp"] = "rempli"  # spam, answered like success
    return fields, {"X-Forwarded-For": address, "Origin": SITE}


async def hammer(url: str) -> dict[int, int]:
    todo: asyncio.Queue[int] = asyncio.Queue()
    for i in range(TOTAL):
        todo.put_nowait(i)
    status: dict[int, int] = {}

    async def worker():
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            while not todo.empty():
                i = todo.get_nowait()
                fields, headers = submission(i)
                status[i] = (await http.post("/comment", data=fields, headers=headers)).status_code

    await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    return status


@pytest.mark.slow
def test_300_submissions_from_16_clients(make_config, tmp_path):
    # The clients run in a thread of their own: Playwright's sync API, used by the browser
    # tests of the same session, keeps an event loop running in the main thread.
    with BackgroundServer(make_config(rate_limit=5)) as server, ThreadPoolExecutor(1) as pool:
        status = pool.submit(asyncio.run, hammer(server.url)).result()
    counts = Counter(status.values())
    assert len(status) == TOTAL
    assert not [code for code in counts if code >= 500]
    assert set(counts) <= {303, 400, 429}
    assert counts[429] > 0 and counts[400] > 0
    accepted = {i for i, code in status.items() if code == 303}
    written = [read_comment(p, queue=True) for p in queue_files(tmp_path)]
    markers = Counter(int(re.search(r"envoi-(\d+)", c.body).group(1)) for c in written)
    assert len(written) == len(accepted)
    assert set(markers) == accepted and max(markers.values()) == 1
    assert len({c.id for c in written}) == len(written)
    spam = {int(re.search(r"envoi-(\d+)", c.body).group(1)) for c in written if c.path.parent.name == "spam"}
    assert spam == {i for i in accepted if i % 15 == 7}
