"""Pelican plugin that turns the YAML directory in data/ into the site's pages."""

from pelican import signals

from .generator import get_generators, keep_site_languages, link_content_pages


def register():
    """Connect the directory's generator to Pelican."""
    signals.get_generators.connect(get_generators)
    signals.content_object_init.connect(link_content_pages)
    signals.page_generator_finalized.connect(keep_site_languages)
