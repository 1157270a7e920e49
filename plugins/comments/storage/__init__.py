"""Layer 2: files on disk: the published store, the private moderation queue (staging,
subscribers, known authors, the signing key), the blog's posts, git publication, and mail.

Imports only `comments.core`.
"""
