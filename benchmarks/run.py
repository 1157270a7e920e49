"""`invoke bench`: the project's build against stock Pelican, side by side.

    python -m benchmarks.run [--quick] [--posts N] [--comments M] [--rounds R]

Generates a corpus, then per round builds it with stock Pelican, with the
project cold (empty cache) and warm (cache kept), alternating, and reports the
medians, their ratios to stock and the other benches (related posts, WordPress
import, intake). Writes everything to benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import ROOT, bodies_bench, extras, search_bench
from .builds import clear, project_build, stock_build
from .corpus import generate
from .loop import author_loop
from .measure import CommandFailed, summarise, tree_memory_supported

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
# cold against stock cold, warm against stock warm (its content cache kept), memory:
# the whole process tree's peak (sum of PSS), the worse of cold and warm.
TARGETS = {"cold": 1.5, "warm": 1.0, "memory": 1.5}
IMPORT_TARGETS = {"seconds": 15.0, "peak_rss_mb": 300.0}
# The author's loop (save -> rewritten page, seconds): the project's content; the corpus at 1,000 posts.
LOOP_TARGETS = {"project": 0.5, "corpus": 1.5}
# The whole blog (`invoke wordpress.import`): 1,000 posts and 20,000 comments.
BLOG_TARGETS = {"seconds": 20.0, "peak_rss_mb": 300.0}


@dataclass
class Plan:
    posts: int
    comments: int
    rounds: int
    related_sizes: tuple[int, ...]
    related_repeat: int
    import_comments: int
    quick: bool
    blog_posts: int = 1000
    blog_comments: int = 20_000
    seed: int = 1
    loop_edits: int = 5  # saves timed per author's loop
    search_words: tuple[str, ...] = search_bench.WORDS
    body_sizes: tuple[int, ...] = bodies_bench.SIZES  # characters of each comment body rendered
    intake_submissions: int = 2000
    push_rounds: int = 10  # approvals pushed from inside the service
    cli_rounds: int = 3  # and by `invoke comments.approve`
    page_posts: int = 1000  # the one-server corpus
    page_comments: int = 5000
    page_rounds: int = 3
    warmup: bool = True  # one untimed build of each kind before the timed rounds


FULL = Plan(posts=1000, comments=5000, rounds=3, related_sizes=(1000, 5000), related_repeat=3,
            import_comments=50_000, quick=False)
QUICK = Plan(posts=30, comments=120, rounds=3, related_sizes=(100, 300), related_repeat=1,
             import_comments=1000, quick=True, blog_posts=20, blog_comments=200, loop_edits=3,
             body_sizes=bodies_bench.QUICK_SIZES, intake_submissions=300, push_rounds=3, cli_rounds=1,
             page_posts=30, page_comments=120, page_rounds=1)


def machine() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pelican": _version("pelican"),
    }


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


def builds(plan: Plan, work: Path, log=print) -> dict:
    """Alternate stock, cold and warm builds for `plan.rounds` rounds; medians and ratios."""
    corpus = work / "corpus"
    started = time.perf_counter()
    counts = generate(corpus, plan.posts, plan.comments, plan.seed)
    corpus_seconds = time.perf_counter() - started
    # One untimed build each first: disk cache, bytecode, and a cache for the first warm builds.
    if plan.warmup:
        stock_build(corpus, work, cold=True)
        project_build(corpus, work, cold=True)
    runs: dict[str, list] = {"stock": [], "stock_warm": [], "cold": [], "warm": []}
    for number in range(1, plan.rounds + 1):
        runs["stock"].append(stock_build(corpus, work, cold=True))
        runs["stock_warm"].append(stock_build(corpus, work, cold=False))
        runs["cold"].append(project_build(corpus, work, cold=True))
        runs["warm"].append(project_build(corpus, work, cold=False))
        log(f"  tour {number}/{plan.rounds} : " + ", ".join(
            f"{name} {values[-1].seconds:.2f} s" for name, values in runs.items()))
    tree = tree_memory(corpus, work)
    clear(work)
    result = {name: summarise(values) for name, values in runs.items()}
    stock, stock_warm = result["stock"], result["stock_warm"]
    ratios = {
        "cold": result["cold"]["seconds"] / stock["seconds"],
        "warm": result["warm"]["seconds"] / stock_warm["seconds"],
    }
    if tree["status"] == "ok":
        ratios["memory"] = max(tree["ratios"].values())
    else:  # no /proc: the largest process only
        ratios["memory"] = max(result["cold"]["peak_rss_mb"] / stock["peak_rss_mb"],
                               result["warm"]["peak_rss_mb"] / stock_warm["peak_rss_mb"])
    # For information: the same ratios on CPU time, less sensitive to a busy machine.
    cpu_ratios = {"cold": result["cold"]["cpu_seconds"] / stock["cpu_seconds"],
                  "warm": result["warm"]["cpu_seconds"] / stock_warm["cpu_seconds"]}
    return {
        "corpus": {**counts, "seed": plan.seed, "generate_seconds": corpus_seconds},
        **result,
        "ratios": ratios,
        "cpu_ratios": cpu_ratios,
        "targets": TARGETS,
        "within_targets": {key: ratios[key] <= TARGETS[key] for key in TARGETS},
        "tree_memory": tree,
    }


def tree_memory(corpus: Path, work: Path) -> dict:
    """One more build of each kind, not timed, sampling the memory of the whole
    process tree (sum of PSS: the build may start worker processes; the peak
    memory above is that of the largest process only)."""
    if not tree_memory_supported():
        return {"status": "indisponible", "reason": "pas de /proc/<pid>/smaps_rollup"}
    peaks = {
        "stock": stock_build(corpus, work, cold=True, tree=True).tree_peak_mb,
        "stock_warm": stock_build(corpus, work, cold=False, tree=True).tree_peak_mb,
        "cold": project_build(corpus, work, cold=True, tree=True).tree_peak_mb,
        "warm": project_build(corpus, work, cold=False, tree=True).tree_peak_mb,
    }
    return {"status": "ok", "peak_mb": peaks,
            "ratios": {"cold": peaks["cold"] / peaks["stock"], "warm": peaks["warm"] / peaks["stock_warm"]}}


def run_bench(plan: Plan, *, output: Path | None = RESULTS, log=print) -> dict:
    """Every bench of `plan`; returns the results and writes them as JSON to `output`."""
    started = time.perf_counter()
    result: dict = {"machine": machine(), "plan": {
        "posts": plan.posts, "comments": plan.comments, "rounds": plan.rounds, "quick": plan.quick,
        "related_sizes": list(plan.related_sizes), "import_comments": plan.import_comments,
    }}
    log(f"Constructions : {plan.posts} articles, {plan.comments} commentaires, {plan.rounds} tours")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        result["builds"] = builds(plan, Path(tmp), log)
        log("Boucle de l’auteur (enregistrement → page réécrite)…")
        result["loop"] = author_loops(plan, Path(tmp))
        log("Première recherche d’un lecteur (octets reçus)…")
        result["search"] = extras._guarded("la recherche", lambda: search_bench.first_search(
            Path(tmp) / "corpus", Path(tmp) / "search", plan.search_words))
        log(json.dumps(result["search"], ensure_ascii=False))
    log("Articles liés, import WordPress, réception…")
    result["related"] = extras.related(plan.related_sizes, plan.related_repeat)
    imported = extras.wordpress_import(plan.import_comments)
    if imported["status"] == "ok" and plan.import_comments >= 50_000:  # the targets are for 50,000
        imported["targets"] = IMPORT_TARGETS
        imported["within_targets"] = {k: imported[k] <= v for k, v in IMPORT_TARGETS.items()}
    result["import"] = imported
    blog = extras.wordpress_blog(plan.blog_posts, plan.blog_comments)
    if blog["status"] == "ok" and plan.blog_posts >= 1000 and plan.blog_comments >= 20_000:
        blog["targets"] = BLOG_TARGETS
        blog["within_targets"] = {k: blog[k] <= v for k, v in BLOG_TARGETS.items()}
    result["wordpress"] = blog
    result["intake"] = extras.intake(plan.quick, plan.intake_submissions)
    log("Corps de commentaires : entrées pathologiques de CommonMark, corps longs…")
    result["bodies"] = extras._guarded("le rendu des corps", lambda: bodies_bench.bodies(plan.quick, plan.body_sizes))
    log("Publication des commentaires (git, un serveur)…")
    result["publication"] = extras.publication(
        push_rounds=plan.push_rounds, cli_rounds=plan.cli_rounds, page_posts=plan.page_posts,
        page_comments=plan.page_comments, page_rounds=plan.page_rounds)
    result["total_seconds"] = time.perf_counter() - started
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def author_loops(plan: Plan, work: Path) -> dict:
    """The rebuild loop on the project's content (a copy) and on the generated corpus."""
    loops = {"status": "ok",
             "project": author_loop(ROOT / "content", work / "project", copy=True, edits=plan.loop_edits),
             "corpus": author_loop(work / "corpus", work / "corpus-loop", edits=plan.loop_edits)}
    if plan.posts >= 1000:  # the corpus target is for 1,000 posts
        loops["targets"] = LOOP_TARGETS
        loops["within_targets"] = {key: loops[key]["seconds"] <= limit for key, limit in LOOP_TARGETS.items()}
    return loops


# --- the table ------------------------------------------------------------------

def fr(value: float, digits: int = 2) -> str:
    """A number the French way: decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def _mark(ok: bool) -> str:
    return "ok" if ok else "HORS CIBLE"


def table(result: dict) -> str:
    b = result["builds"]
    stock, ratios, targets = b["stock"], b["ratios"], b["targets"]
    lines = [
        f"Corpus : {b['corpus']['posts']} articles, {b['corpus']['comments']} commentaires ; "
        f"{result['plan']['rounds']} tours, médianes ; {result['machine']['cpu_count']} cœurs",
        "",
        f"{'construction':<20}{'temps (s)':>10}{'× temps':>9}{'CPU (s)':>9}{'× CPU':>7}"
        f"{'mémoire (Mo)':>14}{'× mémoire':>11}",
        f"{'Pelican d’origine':<20}{fr(stock['seconds']):>10}{'1,00':>9}{fr(stock['cpu_seconds']):>9}{'1,00':>7}"
        f"{fr(stock['peak_rss_mb'], 1):>14}{'1,00':>11}",
    ]
    for key, label, base in (("stock_warm", "Pelican, à chaud", "stock"), ("cold", "projet, à froid", "stock"),
                             ("warm", "projet, à chaud", "stock_warm")):
        row, ref = b[key], b[base]
        lines.append(
            f"{label:<20}{fr(row['seconds']):>10}{fr(row['seconds'] / ref['seconds']):>9}"
            f"{fr(row['cpu_seconds']):>9}{fr(row['cpu_seconds'] / ref['cpu_seconds']):>7}"
            f"{fr(row['peak_rss_mb'], 1):>14}{fr(row['peak_rss_mb'] / ref['peak_rss_mb']):>11}"
        )
    lines.append("(projet à chaud comparé à Pelican à chaud, le reste à Pelican à froid)")
    tree = b.get("tree_memory") or {}
    if tree.get("status") == "ok":
        peaks = tree["peak_mb"]
        lines.append(
            "mémoire de tous les processus (PSS, un tour) : "
            f"Pelican {fr(peaks['stock'], 1)} Mo (à chaud {fr(peaks['stock_warm'], 1)} Mo), "
            f"projet à froid {fr(peaks['cold'], 1)} Mo ({fr(tree['ratios']['cold'])}×), "
            f"à chaud {fr(peaks['warm'], 1)} Mo ({fr(tree['ratios']['warm'])}×)"
        )
    lines += ["", "cibles : " + ", ".join(
        f"{name} ≤ {fr(targets[key])}× ({fr(ratios[key])}×, {_mark(b['within_targets'][key])})"
        for key, name in (("cold", "à froid"), ("warm", "à chaud"), ("memory", "mémoire"))
    ), ""]
    for label, key, lines_of in (("boucle de l’auteur", "loop", _loop_lines),
                                 ("articles liés", "related", _related_lines),
                                 ("import WordPress", "import", _import_lines),
                                 ("import du blog WordPress", "wordpress", _blog_lines),
                                 ("réception", "intake", _intake_lines)):
        piece = result[key]
        lines += lines_of(piece) if piece["status"] == "ok" else [f"{label} : indisponible ({piece['reason']})"]
    bodies = result["bodies"]
    lines += [""] + (bodies_bench.lines(bodies, fr) if bodies["status"] == "ok"
                     else [f"corps de commentaires : indisponible ({bodies['reason']})"])
    publication = result.get("publication") or {}
    if publication.get("status") == "ok":
        from .publication_bench import lines as publication_lines

        lines += publication_lines(publication["push"], publication["page"])
    elif publication:
        lines.append(f"publication : indisponible ({publication['reason']})")
    return "\n".join(lines)


def _loop_lines(loop: dict) -> list[str]:
    limits = loop.get("targets", {})
    lines = []
    for key, label in (("project", "contenu du projet"), ("corpus", "corpus")):
        row = loop[key]
        verdict = (f" (cible ≤ {fr(limits[key], 1)} s : {_mark(loop['within_targets'][key])})"
                   if key in limits else "")
        lines.append(f"boucle de l’auteur, {label} ({row['articles']} articles) : enregistrement → page "
                     f"réécrite {fr(row['seconds'])} s{verdict}")
    return lines


def _related_lines(related: dict) -> list[str]:
    return [f"articles liés, {row['articles']} articles : {fr(row['cold_seconds'], 3)} s "
            f"(à chaud {fr(row['warm_seconds'], 3)} s)" for row in related["sizes"]]


def _verdict(piece: dict) -> str:
    """" (cibles ≤ 15 s, ≤ 300 Mo : atteintes)" for a timed import with targets, else ""."""
    if "within_targets" not in piece:
        return ""
    limits = piece["targets"]
    return (f" (cibles ≤ {fr(limits['seconds'], 0)} s, ≤ {fr(limits['peak_rss_mb'], 0)} Mo : "
            f"{_mark(all(piece['within_targets'].values()))})")


def _import_lines(imported: dict) -> list[str]:
    return [f"import WordPress, {imported['comments']} commentaires : {fr(imported['seconds'])} s, "
            f"{fr(imported['peak_rss_mb'], 1)} Mo{_verdict(imported)}"]


def _blog_lines(blog: dict) -> list[str]:
    return [f"import du blog WordPress, {blog['posts']} articles et {blog['comments']} commentaires : "
            f"{fr(blog['seconds'])} s ({fr(blog['cpu_seconds'])} s de processeur), "
            f"{fr(blog['peak_rss_mb'], 1)} Mo{_verdict(blog)}"]


def _intake_lines(intake: dict) -> list[str]:
    limits = intake["targets"]
    return [f"réception : {fr(intake['accepted_per_second'], 1)} soumissions acceptées par seconde, "
            f"p99 {fr(intake['p99_ms'], 1)} ms (cibles ≥ {fr(limits['accepted_per_second'], 0)}/s, "
            f"p99 < {fr(limits['p99_ms'], 0)} ms : {_mark(all(intake['within_targets'].values()))})"]


def missed_targets(result: dict) -> list[str]:
    """The names of the targets the run missed (builds, import, intake), for --check."""
    missed = [f"construction {key}" for key, ok in result["builds"]["within_targets"].items() if not ok]
    for piece in ("loop", "import", "wordpress", "intake"):
        missed += [f"{piece} {key}" for key, ok in result.get(piece, {}).get("within_targets", {}).items() if not ok]
    bodies = result.get("bodies", {})
    if bodies.get("status") == "ok" and bodies["within_target"] < bodies["count"]:
        missed.append(f"corps ≤ {fr(bodies['target_ms'], 0)} ms ({bodies['count'] - bodies['within_target']} entrées)")
    publication = result.get("publication") or {}
    if publication.get("status") == "ok":
        if publication["push"].get("within_target") is False:
            missed.append("publication approbation → commit")
        if publication["page"].get("status") == "ok" and publication["page"]["corpus"].get("within_target") is False:
            missed.append("publication un serveur")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run",
                                     description="Mesure la construction du site face à Pelican d’origine.")
    parser.add_argument("--quick", action="store_true", help="petite version (moins d’une minute)")
    parser.add_argument("--posts", type=int, help="nombre d’articles")
    parser.add_argument("--comments", type=int, help="nombre de commentaires")
    parser.add_argument("--rounds", type=int, help="nombre de tours (médiane)")
    parser.add_argument("--seed", type=int, default=1, help="graine du corpus")
    parser.add_argument("--output", type=Path, default=RESULTS, help="fichier JSON des résultats")
    parser.add_argument("--check", action="store_true", help="code de sortie 1 si une cible est manquée")
    args = parser.parse_args(argv)
    base = QUICK if args.quick else FULL
    plan = Plan(**{**base.__dict__, "seed": args.seed,
                   **{k: v for k in ("posts", "comments", "rounds") if (v := getattr(args, k)) is not None}})
    if plan.rounds < 1 or plan.posts < 1 or plan.comments < 0:
        parser.error("--posts et --rounds doivent valoir au moins 1, --comments au moins 0")
    try:
        result = run_bench(plan, output=args.output)
    except CommandFailed as exc:
        print(f"Erreur : une construction a échoué.\n{exc}", file=sys.stderr)
        return 1
    print()
    print(table(result))
    print(f"\nRésultats : {args.output} ({fr(result['total_seconds'], 0)} s au total)")
    missed = missed_targets(result)
    if args.check and missed:
        print("Cibles manquées : " + ", ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

