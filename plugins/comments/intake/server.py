"""Run the receiver with uvicorn: from `invoke comments.serve`, `python -m comments.intake`, tests."""

from __future__ import annotations

import socket
import threading

import uvicorn

from .app import create_app
from .config import IntakeConfig


def uvicorn_config(config: IntakeConfig, host: str = "127.0.0.1", port: int = 8001, app=None) -> uvicorn.Config:
    """uvicorn settings: no access log (it would write client addresses); X-Forwarded-For and
    X-Forwarded-Proto believed only from COMMENTS['trusted_proxies'] (the reverse proxy), so the
    rate limits see the reader's address and nobody else can choose theirs."""
    trusted = list(config.trusted_proxies)
    return uvicorn.Config(
        app or create_app(config), host=host, port=port, access_log=False, proxy_headers=bool(trusted),
        forwarded_allow_ips=",".join(trusted) or None, server_header=False, log_level="warning",
        lifespan="on",  # starts and stops the git loop and the rebuilder (app.Workers)
    )


def serve(config: IntakeConfig, host: str = "127.0.0.1", port: int = 8001, app=None) -> None:
    """Serve (the receiver, or `app` built on it) until interrupted."""
    uvicorn.Server(uvicorn_config(config, host, port, app)).run()


class BackgroundServer:
    """The receiver (or `app` built on it) on 127.0.0.1 and a free port, in a thread: the comment
    service of `invoke livereload` (devserver.start_service), and the tests."""

    def __init__(self, config: IntakeConfig, host: str = "127.0.0.1", app=None):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        self.server = uvicorn.Server(uvicorn_config(config, host, self.port, app))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("le récepteur n’a pas démarré")
            self.thread.join(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
