"""The livret as a printable PDF: the page's content in a print template, through WeasyPrint.

The template is self-contained (inline CSS, inline SVG), so WeasyPrint fetches nothing.
"""
from django.template.loader import render_to_string
from weasyprint import HTML

from .lecture import Livret


def livret_pdf(livret: Livret, **contexte) -> bytes:
    html = render_to_string("livret/livret_pdf.html", {"livret": livret, **contexte})
    return HTML(string=html).write_pdf()
