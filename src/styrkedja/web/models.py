"""The web app stores nothing of its own (its pages read the domain apps)."""
