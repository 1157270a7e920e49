"""The intake receiver for the comment form (issue 6): `invoke comments.serve`."""

from .app import create_app
from .config import IntakeConfig, load_config

__all__ = ["IntakeConfig", "create_app", "load_config"]
