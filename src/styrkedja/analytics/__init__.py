"""Indicators from pseudonymised microdata: no Django here.

- `registry`: the definitions (`definitions.yaml`), checked against the schema when loaded.
- `schema`, `loader`, `filecheck`: the tables, and the refusal of files that do not fit them (or carry
  personal identity numbers).
- `engine.compute(folder, windows, ...)`: every definition for every window, by total, men and women, and
  for every organisational unit (`units`), with provenance; `report` turns the result into JSON or text.
- `policy`, `disclosure`, `protection`: the disclosure control over everything published together
  (docs/disclosure.md).
- `generate`: synthetic microdata at three scales.

docs/microdata.md describes the files, the definitions, the suppression and the provenance.
"""
