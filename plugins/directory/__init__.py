"""Pelican plugin that turns the YAML directory in data/ into the site's pages."""

from pelican import signals

from .generator import get_generators


def register():
    """Connect the directory's generator to Pelican."""
    signals.get_generators.connect(get_generators)
