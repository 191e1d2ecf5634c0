"""Per-language knowledge, kept in data files beside the engine.

Like HeidelTime's resource files, every word list the extractor relies on
(month names in all their cases, seasons, genre words, event triggers...)
lives in ``resources/<stage>/<lang>.yaml``; the code that uses them is
language-agnostic. Adding a language means adding files, not code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

RESOURCE_DIR = Path(__file__).resolve().parent / "resources"
LANGUAGES = ("ru", "fr", "en")


class ResourceError(LookupError):
    """A resource file is missing or malformed."""


@lru_cache(maxsize=None)
def load(stage: str, lang: str) -> dict:
    """Return the parsed ``resources/<stage>/<lang>.yaml`` mapping (cached)."""
    path = RESOURCE_DIR / stage / f"{lang}.yaml"
    if not path.is_file():
        raise ResourceError(f"no {stage!r} resources for language {lang!r} (expected {path})")
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ResourceError(f"{path} must contain a mapping at top level")
    return data


def load_all(stage: str) -> dict[str, dict]:
    """Resources of one stage for every language that has a file."""
    return {
        lang: load(stage, lang)
        for lang in LANGUAGES
        if (RESOURCE_DIR / stage / f"{lang}.yaml").is_file()
    }
