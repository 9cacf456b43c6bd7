"""The JSON API (django-ninja, `/api/v1/`): a face like `web/` and `commands/`, calling the same domain
services and permission rules, so an API client gets the same answers and refusals as the web."""
