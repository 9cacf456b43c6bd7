"""The importers are a core: every module of theirs loads without Django."""

from __future__ import annotations

import json
import subprocess
import sys

IMPORT_ALL = """
import importlib, json, pkgutil, sys
import styrkedja.importers as package
names = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
print(json.dumps([names, sorted(m for m in sys.modules if m.split(".")[0] == "django")]))
"""


def test_every_importer_module_loads_without_importing_django() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, check=True)
    modules, django = json.loads(done.stdout)
    assert {"styrkedja.importers.registry", "styrkedja.importers.layouts.stockholm.plan"} <= set(modules)
    assert django == []
