"""The browsable offline site: ``render_site(graph, analysis) -> {relative path: page}``.

``index.html`` (entity search, councils with their CQC scores), ``report.html`` (the analysis'
figures as tables and inline SVG charts), ``network.html`` (an overview that stays readable at
national scale), ``councils/<slug>.html`` (one network per council) and ``entities/<slug>.html``
(everything known about one entity, with the evidence of each relation). Pages load only files
of the site itself (``assets/``); all report text is escaped; the same input gives the same bytes.
Everything the pages show is read through ``graphkit.site.data``.
"""

from __future__ import annotations

from .data import SiteData, site_data
from .render import render_site, write_site

__all__ = ["SiteData", "render_site", "site_data", "write_site"]
