"""Guarded edits, one mechanism for every stored row people change: a version that every edit must name
(`versions.py`), and creates that happen once however often a form is sent (`once.py`)."""
