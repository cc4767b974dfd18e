"""The livret d'apprentissage as a PDF, through WeasyPrint (``cpro_platform.pdf`` fetches
nothing but the project's static files). The template is self-contained (inline CSS)."""
from django.template.loader import render_to_string
from django.utils import timezone

from cpro_platform.pdf import html_en_pdf

from .lecture import LivretApprentissage


def html_livret(livret: LivretApprentissage) -> str:
    return render_to_string("apprentissage/livret_pdf.html",
                            {"livret": livret, "contrat": livret.contrat,
                             "edite_le": timezone.localtime()})


def livret_pdf(livret: LivretApprentissage) -> bytes:
    return html_en_pdf(html_livret(livret))
