"""Layer 4: the Pelican plugin: rendering comment bodies, the sanitiser, threads, feeds.
"""
