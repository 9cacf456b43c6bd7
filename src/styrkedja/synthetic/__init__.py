"""Synthetic data for demos, tests and the bench: a whole city of committees (`city.py`). No Django here."""
