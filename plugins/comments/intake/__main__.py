"""`python -m comments.intake [--host H] [--port P] [--queue PATH] [--settings FILE]`."""

from __future__ import annotations

import argparse
import logging
import sys

from pelican.log import init as pelican_logging

from .config import load_config
from .server import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="comments.intake", description="Récepteur des commentaires")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--queue", help="file de modération (défaut : COMMENTS['queue_path'])")
    parser.add_argument("--content", help="dossier du contenu (défaut : PATH des réglages)")
    parser.add_argument("--settings", default="pelicanconf.py", help="fichier de réglages Pelican")
    parser.add_argument("--origin", action="append", default=[],
                        help="origine autorisée en plus de SITEURL (répétable)")
    parser.add_argument("--rate-limit", type=int, default=None,
                        help="envois par adresse et par minute (0 : sans limite)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Pelican (read for its settings) makes every logger drop an INFO or WARNING message already
    # logged once in the process: a long-running service must log each repeat (a push refused
    # every minute, a second dropped upload). Its public init lowers that to DEBUG messages only.
    pelican_logging(level=logging.INFO, handler=None, logs_dedup_min_level=logging.DEBUG)
    config = load_config(args.settings, queue=args.queue, content=args.content, origins=args.origin,
                         rate_limit=args.rate_limit)
    print(f"Récepteur des commentaires sur http://{args.host}:{args.port}/comment "
          f"(file : {config.queue}) ; Ctrl+C pour arrêter", file=sys.stderr)
    serve(config, args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
