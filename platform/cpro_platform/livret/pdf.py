"""The livret as a printable PDF: the page's content in a print layout, through WeasyPrint.

The template is self-contained (inline CSS, inline SVG); ``cpro_platform.pdf`` makes sure
nothing else is ever fetched. It opens with the identity header every document shares
(``entete``), whose "édité le" is the time of printing. The evaluation grid is laid out for
print by ``impression`` (bands of situations that fit the page, few boxes: fast to lay out).
"""
from django.template.loader import render_to_string

from cpro_platform.activites.livret import preuves_entreprise
from cpro_platform.pdf import html_en_pdf

from .entete import entete_du_livret
from .impression import bandes, barres_imprimees
from .lecture import Livret


def html_livret(livret: Livret, **contexte) -> str:
    contexte.setdefault("entete", entete_du_livret(livret.apprenant))
    # The company evidence (activity sheets) in every printing: page, batch, worker.
    contexte.setdefault("entreprise", preuves_entreprise(livret.apprenant))
    return render_to_string("livret/livret_pdf.html",
                            {"livret": livret, "bandes": bandes(livret),
                             "profil": barres_imprimees(livret.profil), **contexte})


def livret_pdf(livret: Livret, **contexte) -> bytes:
    return html_en_pdf(html_livret(livret, **contexte))
