"""Layer 1: the comment model and states, the comment file format, URLs, the typed settings.

Imports nothing else from `comments`.
"""
