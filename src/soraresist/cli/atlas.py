"""`soraresist atlas ...`: search, show, stats and export of the evidence atlas."""

import click


@click.group()
def atlas() -> None:
    """Query and export the evidence atlas of the review."""
