"""Layer 5: what `tasks.py` calls: parses arguments, prompts and prints in French."""
