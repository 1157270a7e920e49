"""Development: the site and the comment service behind one origin, so the form works locally.

- `serve_site()` (`invoke serve`, `make serve`): one uvicorn server, the service's
  routes (POST /comment, /health, /moderation/…) first, then output/ as static files.
- `LiveReloadServer` (`invoke livereload`): livereload's server, with those same
  paths forwarded to the service, which runs in a thread of the same process.

With pelicanconf.py's relative SITEURL the service accepts any loopback origin
and sends the reader back to the page that posted, so nothing else is configured.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from .app import create_app
from .config import IntakeConfig, load_config
from .server import BackgroundServer, serve

# What the service answers; everything else is the built site.
SERVICE_PATHS = r"/(?:comment|health|moderation(?:/.*)?)"


def site_app(config: IntakeConfig, output: Path | str) -> Starlette:
    """The service's app with `output` served after its routes (index.html for folders, 404.html)."""
    app = create_app(config)
    Path(output).mkdir(parents=True, exist_ok=True)
    app.router.routes.append(Mount("/", StaticFiles(directory=str(output), html=True)))
    return app


def serve_site(settings_file: str, output: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the built site and the comment service at http://host:port/ until Ctrl+C."""
    config = load_config(settings_file)
    serve(config, host, port, app=site_app(config, output))


def start_service(settings_file: str) -> BackgroundServer:
    """The comment service on a free loopback port, in a thread (stopped with the process)."""
    return BackgroundServer(load_config(settings_file)).__enter__()


def live_reload_server(service_url: str, watcher=None):
    """A livereload.Server that forwards the service's paths to `service_url` (same origin);
    `watcher`: livereload's, or the rebuild loop's (tools/autoreload.py)."""
    from livereload import Server
    from tornado import httpclient, web

    class Forward(web.RequestHandler):
        async def _forward(self) -> None:
            request = self.request
            headers = {k: v for k, v in request.headers.items()
                       if k.lower() in ("content-type", "origin", "referer", "cookie", "accept", "user-agent")}
            headers["X-Forwarded-For"] = request.remote_ip or "127.0.0.1"
            answer = await httpclient.AsyncHTTPClient().fetch(
                service_url + request.uri, method=request.method, headers=headers,
                body=request.body if request.method == "POST" else None,
                follow_redirects=False, raise_error=False, request_timeout=60)
            self.set_status(answer.code)
            for name, value in answer.headers.get_all():
                if name.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                    self.add_header(name, value)
            if answer.body:
                self.write(answer.body)

        get = post = head = _forward

    class LiveReloadServer(Server):
        def get_web_handlers(self, script):
            return [(SERVICE_PATHS, Forward), *super().get_web_handlers(script)]

    return LiveReloadServer(watcher=watcher)
