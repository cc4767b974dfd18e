"""Imports of classes, learners and staff from a spreadsheet (CSV or XLSX).

* ``lecture`` — Django-free: bytes → header + rows, encodings, separators, header matching;
* ``valeurs`` — Django-free: parsing of cell values (dates, lists) with French messages;
* ``base`` — the shared machinery: validate every row, preview, apply all-or-nothing;
* ``classes``, ``apprenants``, ``personnels`` — one importer per kind;
* ``vues``, ``urls`` — upload → preview → confirm → result.
"""
