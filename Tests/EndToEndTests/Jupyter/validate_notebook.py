"""Checks each .ipynb given against the nbformat schema; prints the nbformat version of each.

usage: validate_notebook.py FILE.ipynb...
"""
import json
import sys

import nbformat

versions = {}
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    versions[path] = f"{nb.nbformat}.{nb.nbformat_minor}"
print(json.dumps(versions))
