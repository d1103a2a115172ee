"""The page stage: what each page shows (pages, page_meta, page_figures), its drawings (svg,
artwork), its JSON-LD, the theme's assets, the site-wide files (sitemap, robots, 404 ...) and the
data dictionary (reference). It reads the derived directory and imports no other stage.
"""
