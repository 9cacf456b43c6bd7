"""Views of the web UI, split by domain. Each view: authorise → form → service → render."""
