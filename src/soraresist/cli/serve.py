"""`soraresist serve`: the web app and REST API on this machine (127.0.0.1 by default)."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default keeps the app private to this machine.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="TCP port.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 8),
              help="Threads running simulation jobs.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the atlas browser, network view and scenario runner, with the API (/docs)."""
    import uvicorn

    from soraresist.web import create_app

    click.echo(f"soraresist: http://{host}:{port}/  (API description at /docs)", err=True)
    uvicorn.run(create_app(workers=workers), host=host, port=port, log_level="warning")
