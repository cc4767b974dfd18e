"""Inline SVG charts: the same markup shows in the page and prints in the PDF (WeasyPrint).

Small, dependency-free helpers returning safe strings; colours come from CSS classes where the
page styles them, with inline fallbacks so the PDF needs no stylesheet.
"""
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLEU, GRIS, TEXTE = "#000091", "#e5e5e5", "#161616"


def nombre(valeur: float) -> str:
    """One decimal, French style."""
    return f"{valeur:.1f}".replace(".", ",")


class Graphique(SafeString):
    """The chart's SVG, still carrying what it draws so a print layout can draw it its own
    way (``impression.barres_imprimees``: WeasyPrint lays each SVG letter out on its own)."""

    barres: tuple = ()
    minimum: float = 0
    maximum: float = 1
    titre: str = ""


@dataclass(frozen=True)
class Barre:
    libelle: str
    valeur: float | None
    #: Shown on hover and read by screen readers.
    titre: str = ""


def barres(barres_: Sequence[Barre], minimum: float, maximum: float, *, titre: str,
           largeur: int = 560, hauteur_barre: int = 22) -> Graphique:
    """A horizontal bar chart, one bar per item on the scale ``minimum``…``maximum``."""
    marge, ecart = 150, 6
    hauteur = len(barres_) * (hauteur_barre + ecart) + 24
    utile = largeur - marge - 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="cpro-graphique" role="img" '
             f'width="{largeur}" height="{hauteur}" viewBox="0 0 {largeur} {hauteur}">'
             f'<title>{escape(titre)}</title>']
    etendue = (maximum - minimum) or 1
    for i, barre in enumerate(barres_):
        y = i * (hauteur_barre + ecart)
        parts.append(f'<g><title>{escape(barre.titre or barre.libelle)}</title>'
                     f'<text x="{marge - 8}" y="{y + hauteur_barre * .7:.1f}" '
                     f'text-anchor="end" font-size="12" fill="{TEXTE}">'
                     f'{escape(barre.libelle)}</text>'
                     f'<rect x="{marge}" y="{y}" width="{utile}" height="{hauteur_barre}" '
                     f'fill="{GRIS}"/>')
        if barre.valeur is None:
            parts.append(f'<text x="{marge + 6}" y="{y + hauteur_barre * .7:.1f}" '
                         f'font-size="11" fill="{TEXTE}">—</text></g>')
            continue
        part = max(0.0, min(1.0, (barre.valeur - minimum) / etendue))
        largeur_barre = max(2.0, part * utile)
        parts.append(f'<rect class="cpro-graphique__barre" x="{marge}" y="{y}" '
                     f'width="{largeur_barre:.1f}" height="{hauteur_barre}" fill="{BLEU}"/>'
                     f'<text x="{marge + largeur_barre + 6:.1f}" '
                     f'y="{y + hauteur_barre * .7:.1f}" font-size="12" fill="{TEXTE}">'
                     f'{nombre(barre.valeur)}</text></g>')
    axe_y = len(barres_) * (hauteur_barre + ecart) + 14
    parts.append(f'<text x="{marge}" y="{axe_y}" font-size="10" fill="{TEXTE}">'
                 f'{minimum:g}</text><text x="{marge + utile}" y="{axe_y}" font-size="10" '
                 f'text-anchor="end" fill="{TEXTE}">{maximum:g}</text></svg>')
    graphique = Graphique("".join(parts))
    graphique.barres, graphique.minimum, graphique.maximum, graphique.titre = (
        tuple(barres_), minimum, maximum, titre)
    return graphique


def courbe(valeurs: Sequence[float], minimum: float, maximum: float, *, titre: str,
           largeur: int = 90, hauteur: int = 22) -> SafeString:
    """A sparkline of values over time (oldest left), for progress at a glance."""
    if not valeurs:
        return mark_safe("")
    etendue = (maximum - minimum) or 1
    pas = largeur / max(1, len(valeurs) - 1)

    def point(i: int, v: float) -> str:
        y = hauteur - 3 - (v - minimum) / etendue * (hauteur - 6)
        return f"{i * pas if len(valeurs) > 1 else largeur / 2:.1f},{y:.1f}"

    points = " ".join(point(i, v) for i, v in enumerate(valeurs))
    dernier = point(len(valeurs) - 1, valeurs[-1]).split(",")
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cpro-courbe" role="img" '
        f'width="{largeur + 4}" height="{hauteur}" viewBox="-2 0 {largeur + 4} {hauteur}">'
        f'<title>{escape(titre)}</title>'
        f'<polyline points="{points}" fill="none" stroke="{BLEU}" stroke-width="1.5"/>'
        f'<circle cx="{dernier[0]}" cy="{dernier[1]}" r="2.5" fill="{BLEU}"/></svg>')
