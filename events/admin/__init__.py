"""Chronicle's admin: the curators' workbench.

One module per concern: ``events`` (event list, review queue, merge),
``entities`` (people and places), ``sources`` (sources, documents, citations,
the source viewer), ``filters``, ``forms`` and ``resources`` (import/export).
Importing them registers everything with the default admin site.
"""

from . import entities, events, sources  # noqa: F401
