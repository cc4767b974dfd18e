"""The livret as a printable PDF: the page's content in a print template, through WeasyPrint.

The template is self-contained (inline CSS, inline SVG); ``cpro_platform.pdf`` makes sure
nothing else is ever fetched. It opens with the identity header every document shares
(``entete``), whose "édité le" is the time of printing.
"""
from django.template.loader import render_to_string

from cpro_platform.pdf import html_en_pdf

from .entete import entete_du_livret
from .lecture import Livret


def livret_pdf(livret: Livret, **contexte) -> bytes:
    contexte.setdefault("entete", entete_du_livret(livret.apprenant))
    return html_en_pdf(render_to_string("livret/livret_pdf.html", {"livret": livret, **contexte}))
