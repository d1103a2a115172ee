"""Pelican plugin that turns the YAML directory in data/ into the site's pages."""

from pelican import signals

from .generator import get_generators, link_content_pages
from .languages import template_gettext, template_ngettext


def install_gettext(generator):
    """Give every generator's templates _(), gettext() and ngettext(): Pelican's about and contribute pages extend base.html too."""
    generator.env.add_extension("jinja2.ext.i18n")
    generator.env.install_gettext_callables(template_gettext, template_ngettext, newstyle=True)


def register():
    """Connect the directory's generator to Pelican."""
    signals.generator_init.connect(install_gettext)
    signals.get_generators.connect(get_generators)
    signals.content_object_init.connect(link_content_pages)
