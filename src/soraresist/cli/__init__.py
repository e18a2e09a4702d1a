"""Command line: thin click commands over the Python API; errors become one-line messages."""

from __future__ import annotations

import sys

import click

from soraresist import __version__
from soraresist.cli.atlas import atlas
from soraresist.cli.engine import engine
from soraresist.cli.model import model
from soraresist.cli.screen import screen_command
from soraresist.cli.serve import serve
from soraresist.cli.simulate import simulate
from soraresist.cli.validate import validate
from soraresist.errors import SoraresistError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="soraresist")
def cli() -> None:
    """soraresist: evidence atlas, network model and simulation of sorafenib resistance in HCC."""


cli.add_command(atlas)
cli.add_command(engine)
cli.add_command(model)
cli.add_command(simulate)
cli.add_command(screen_command)
cli.add_command(serve)
cli.add_command(validate)


def main() -> None:
    """Entry point: run the CLI, turning known errors into `error: ...` and exit status 2."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SoraresistError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
