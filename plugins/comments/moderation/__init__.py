"""Moderation: the private queue, the auto-moderation rules, the author's commands."""
