"""Every place on disk newsread reads or writes, named once.

The bundled seeds and themes sit inside the package in a wheel and beside it in
a source checkout.  The user's config, data and cache dirs are platformdirs'
unless an environment variable says otherwise (tests, people who sync them).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP = "newsread"
_CHECKOUT = Path(__file__).resolve().parents[1]


def _bundled(name: str) -> Path:
    packaged = resources.files("tui") / name
    if packaged.is_dir():
        return Path(str(packaged))
    return _CHECKOUT / name


def bundled_seeds() -> Path:
    """The five seed pages: the folder opened when none is named."""
    return _bundled("seeds")


def bundled_themes() -> Path:
    """The themes shipped with newsread (``newsread-dark``, ``newsread-light``)."""
    return _bundled("themes")


def config_dir() -> Path:
    """``NEWSREAD_CONFIG_DIR``, else the platform's config dir: settings, keymap, the user's themes."""
    env = os.environ.get("NEWSREAD_CONFIG_DIR")
    return Path(env) if env else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    """``NEWSREAD_DATA_DIR``, else the platform's data dir: bookmarks and reading state."""
    env = os.environ.get("NEWSREAD_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """``NEWSREAD_CACHE_DIR``, else the platform's cache dir: saved segmentation and groups."""
    return Path(os.environ.get("NEWSREAD_CACHE_DIR") or platformdirs.user_cache_dir(APP))
