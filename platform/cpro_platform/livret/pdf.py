"""The livret as a printable PDF: the page's content in a print template, through WeasyPrint.

The template is self-contained (inline CSS, inline SVG); ``cpro_platform.pdf`` makes sure
nothing else is ever fetched.
"""
from django.template.loader import render_to_string

from cpro_platform.pdf import html_en_pdf

from .lecture import Livret


def livret_pdf(livret: Livret, **contexte) -> bytes:
    return html_en_pdf(render_to_string("livret/livret_pdf.html", {"livret": livret, **contexte}))
