"""Developer tools beside the build: the author's rebuild loop (autoreload.py)."""
