"""Spreadsheets the platform writes: values that a spreadsheet would take for formulas.

Anybody can put text in a cell we export (a public webinar registration's name, say): a
string starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula once
opened in Excel or LibreOffice (``=HYPERLINK(…)`` exfiltrates, ``=cmd|…`` runs commands).
Every CSV or XLSX the project writes passes its values through ``neutraliser``, which makes
such strings inert text by prefixing an apostrophe (OWASP "CSV injection"). Numbers and
dates stay typed: only strings are touched.
"""
from typing import Any

DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def neutraliser(valeur: Any) -> Any:
    """``valeur`` itself, or ``'`` + ``valeur`` for a string a spreadsheet would evaluate."""
    if isinstance(valeur, str) and valeur.startswith(DEBUTS_DE_FORMULE):
        return "'" + valeur
    return valeur


class ExportNeutralise:
    """For Wagtail's ``SpreadsheetExportMixin`` views (``list_export`` on a snippet or model
    viewset): every prepared value, CSV and XLSX alike, goes through ``neutraliser``.

    ``preprocess_field_value`` is the one place both formats ask for a cell's value, after a
    foreign key or a choice has been turned into its text.
    """

    def preprocess_field_value(self, field, value, export_format):
        return neutraliser(super().preprocess_field_value(field, value, export_format))
