"""The API's endpoints by resource; each finds its object, checks the caller's role with
`organisations/permissions.py`, and reads or calls a domain service with the caller as `by`."""
