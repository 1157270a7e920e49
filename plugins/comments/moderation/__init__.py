"""Layer 3: the moderation actions every path calls (CLI, service, importers), the rules, publication."""
