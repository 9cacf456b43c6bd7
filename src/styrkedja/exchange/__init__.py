"""Data in and out: the API's personal access tokens, Excel entry workbooks, table imports with column
mapping, Kolada and open data. The rules stay where they live (values are saved by `followup/values.py`,
roles checked by `organisations/permissions.py`); this app stores what exchanging data needs of its own."""
