"""`soraresist engine ...`: simulate any Boolean model (.bnet or MaBoSS .bnd/.cfg)."""

import click


@click.group()
def engine() -> None:
    """Run the generic stochastic Boolean engine on any model file."""
