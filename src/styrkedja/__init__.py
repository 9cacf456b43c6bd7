"""styrkedja — planning and follow-up for Swedish municipalities."""

__version__ = "0.1.0"
