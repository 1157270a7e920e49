"""Registered by pelicanconf.py; filled in by its issue."""


def register():
    pass
