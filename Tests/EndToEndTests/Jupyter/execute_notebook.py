"""Validates an exported .ipynb with nbformat, executes it with nbclient on the RecBook kernel,
validates the result and prints, as JSON, each code cell's outputs before and after.

usage: execute_notebook.py EXPORTED.ipynb EXECUTED.ipynb
"""
import json
import os
import sys

import nbformat
from nbclient import NotebookClient


def outputs(nb):
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cells.append({"execution_count": cell.execution_count, "outputs": [
            {"type": o.output_type, "mime": sorted(o.get("data", {})), "text": o.get("data", {}).get("text/plain"),
             "ename": o.get("ename")} for o in cell.outputs]})
    return cells


def main():
    exported, executed = sys.argv[1], sys.argv[2]
    nb = nbformat.read(exported, as_version=4)
    nbformat.validate(nb)
    before = outputs(nb)
    NotebookClient(nb, timeout=600, kernel_name="recbook",
                   resources={"metadata": {"path": os.path.dirname(os.path.abspath(executed))}}).execute()
    nbformat.validate(nb)
    nbformat.write(nb, executed)
    print(json.dumps({"kernel": nb.metadata.kernelspec.name, "before": before, "after": outputs(nb),
                      "markdown_cells": sum(c.cell_type == "markdown" for c in nb.cells)}))


if __name__ == "__main__":
    main()
