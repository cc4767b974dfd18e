"""The livret's evaluation grid laid out for print: text lines on a character grid.

WeasyPrint pays for every box, line and glyph: the screen's table (one ``<td>`` per situation ×
critère, 5,400 cells for three years) took 7 s to lay out and its 90 columns ran off the page.
Here each bloc is one preformatted block in a monospace font: a line per critère, three
characters per situation, the columns split into bands that fit a landscape A4 page; the
situations are listed per band (number, date, title, place, type). The level colours and the
"entreprise" columns are painted by one background image per block, a palette PNG drawn in
character units and stretched over the block, so they line up whatever the monospace font. Nothing is lost: every code the screen shows is printed.
"""
import base64
import math
import struct
import zlib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cpro_platform.suivi.models import code_de

from .graphiques import BLEU, GRIS, nombre
from .lecture import Colonne, LigneBloc, Livret

#: Characters per situation: "ABS", " 3 ", "NE ".
CASE = 3
#: Characters of the row labels (code and title of the critère, trend arrow).
LIBELLE = 40
#: Situations per band: what fits beside the labels on a landscape A4 page at 6.5 pt.
BANDE_MAX = 52
#: The screen's level colours (``cpro-niv-1`` … ``cpro-niv-4``) and the company tint.
COULEURS = {"cpro-niv-1": "#ffe9e9", "cpro-niv-2": "#fff4d6", "cpro-niv-3": "#dffee6",
            "cpro-niv-4": "#b8fec9"}
BLANC, ENTREPRISE, SANS_NIVEAU = "#ffffff", "#fef4e9", "#ececec"
#: Background pixels per character (a case is ``CASE * PX_X`` wide) and per line.
PX_X, PX_Y = 2, 6
FLECHES = {"hausse": "↗", "baisse": "↘", "stable": "→"}


@dataclass(frozen=True)
class Situation:
    numero: int
    colonne: Colonne


@dataclass(frozen=True)
class BlocImprime:
    titre: str
    #: Preformatted lines (one string, ``\n``-separated), ``largeur`` characters wide.
    texte: str
    largeur: int
    #: ``url(…)`` of the background SVG.
    fond: str


@dataclass(frozen=True)
class Bande:
    premiere: int
    derniere: int
    situations: list[Situation]
    blocs: list[BlocImprime]


def _libelle(texte: str, largeur: int) -> str:
    texte = " ".join(texte.split())
    if len(texte) > largeur:
        texte = texte[:largeur - 1] + "…"
    return texte.ljust(largeur)


def decoupe(n: int, maximum: int = BANDE_MAX) -> list[range]:
    """``n`` columns in balanced bands of at most ``maximum``."""
    if n == 0:
        return []
    bandes = math.ceil(n / maximum)
    taille = math.ceil(n / bandes)
    return [range(debut, min(n, debut + taille)) for debut in range(0, n, taille)]


def _png(largeur: int, hauteur: int, pixels: bytes, palette: list[str]) -> bytes:
    """A palette PNG (one byte per pixel, ``largeur`` × ``hauteur``): zlib is all it takes."""
    def morceau(nature: bytes, donnees: bytes) -> bytes:
        return (struct.pack(">I", len(donnees)) + nature + donnees
                + struct.pack(">I", zlib.crc32(nature + donnees)))
    lignes = b"".join(b"\0" + pixels[y * largeur:(y + 1) * largeur] for y in range(hauteur))
    return (b"\x89PNG\r\n\x1a\n"
            + morceau(b"IHDR", struct.pack(">IIBBBBB", largeur, hauteur, 8, 3, 0, 0, 0))
            + morceau(b"PLTE", b"".join(bytes.fromhex(c[1:]) for c in palette))
            + morceau(b"IDAT", zlib.compress(lignes))
            + morceau(b"IEND", b""))


def _fond(colonnes: list[Colonne], cases: list[tuple[int, int, str]], lignes: int,
          largeur: int) -> str:
    """The background as a tiny image, ``PX`` pixels per character and per line: white, the
    company columns, then each coloured case with a one-pixel margin. WeasyPrint stretches
    it over the block (drawing one image costs nothing next to one SVG node per case)."""
    palette = [BLANC, ENTREPRISE, *COULEURS.values(), SANS_NIVEAU]
    indice = {couleur: i for i, couleur in enumerate(palette)}
    w, h = largeur * PX_X, lignes * PX_Y
    ligne_vide = bytearray(w)
    for j, colonne in enumerate(colonnes):
        if colonne.en_entreprise:
            x = (LIBELLE + j * CASE) * PX_X
            ligne_vide[x:x + CASE * PX_X] = bytes([indice[ENTREPRISE]]) * (CASE * PX_X)
    pixels = bytearray(bytes(ligne_vide) * h)
    for ligne, j, couleur in cases:
        x = (LIBELLE + j * CASE) * PX_X + 1
        case = bytes([indice[couleur]]) * (CASE * PX_X - 2)
        for y in range(ligne * PX_Y + 1, (ligne + 1) * PX_Y - 1):
            pixels[y * w + x:y * w + x + len(case)] = case
    image = base64.b64encode(_png(w, h, bytes(pixels), palette)).decode()
    return f"url(data:image/png;base64,{image})"


def _bloc(ligne_bloc: LigneBloc, colonnes: list[Colonne], bande: range) -> BlocImprime:
    bloc = ligne_bloc.bloc
    visibles = colonnes[bande.start:bande.stop]
    largeur = LIBELLE + CASE * len(visibles)
    lignes = [_libelle(_("n° de situation"), LIBELLE)
              + "".join(f"{n + 1:>{CASE - 1}} " for n in bande),
              _libelle(_("lieu (E entreprise)"), LIBELLE)
              + "".join((" E " if c.en_entreprise else "   ") for c in visibles).rstrip(),
              _libelle(_("type (C certificative, F formative)"), LIBELLE)
              + "".join((" C " if c.certificative else " F ") for c in visibles)]
    cases = []
    for competence in ligne_bloc.competences:
        lignes.append(_libelle(f"{competence.competence.code} {competence.competence.intitule}",
                               LIBELLE))
        for critere in competence.criteres:
            fleche = FLECHES.get(critere.tendance, " ")
            texte = _libelle(f"{critere.critere.code} {critere.critere.intitule}", LIBELLE - 2)
            codes = []
            for j, colonne in enumerate(visibles):
                note = critere.notes.get(colonne.situation.pk)
                if note is None:
                    codes.append(" " * CASE)
                    continue
                code = code_de(note.etat, note.niveau)
                codes.append(code.center(CASE) if len(code) < CASE else code)
                cases.append((len(lignes), j,
                              COULEURS.get(critere.css.get(note.niveau), SANS_NIVEAU)))
            lignes.append((texte + fleche + " " + "".join(codes)).rstrip())
    titre = f"{bloc.code} – {bloc.intitule}" + (f" ({bloc.unite.code})" if bloc.unite else "")
    return BlocImprime(titre, "\n".join(lignes), largeur,
                       _fond(visibles, cases, len(lignes), largeur))


def bandes(livret: Livret) -> list[Bande]:
    """The grid in bands of situations, each with its situations and one block per bloc."""
    colonnes = livret.colonnes
    out = []
    for bande in decoupe(len(colonnes)):
        out.append(Bande(
            premiere=bande.start + 1, derniere=bande.stop,
            situations=[Situation(n + 1, colonnes[n]) for n in bande],
            blocs=[_bloc(ligne_bloc, colonnes, bande) for ligne_bloc in livret.blocs]))
    return out


#: The printed bar chart: label characters, bar characters, background pixels per character.
BARRE_LIBELLE, BARRE_LARGEUR, BARRE_PX = 44, 50, 4


def barres_imprimees(graphique: SafeString) -> SafeString:
    """A bar chart of ``graphiques.barres`` laid out for print like the grid: text lines in a
    monospace block (label, value) over one background PNG drawing the bars. The SVG's labels
    cost WeasyPrint ~2 ms each (every letter laid out on its own); these cost a line of text.
    Anything else (no chart, or one without its data) prints as it is."""
    barres = getattr(graphique, "barres", ())
    if not barres:
        return graphique
    etendue = (graphique.maximum - graphique.minimum) or 1
    largeur = BARRE_LIBELLE + BARRE_LARGEUR + 6
    lignes, longueurs = [], []
    for barre in barres:
        titre = barre.titre or barre.libelle
        valeur = "—" if barre.valeur is None else nombre(barre.valeur)
        lignes.append(f"{_libelle(titre, BARRE_LIBELLE - 1)} {' ' * BARRE_LARGEUR} {valeur}")
        part = (0.0 if barre.valeur is None else
                max(0.0, min(1.0, (barre.valeur - graphique.minimum) / etendue)))
        longueurs.append(round(part * BARRE_LARGEUR * BARRE_PX))
    moitie = BARRE_LARGEUR // 2
    lignes.append(" " * BARRE_LIBELLE + f"{graphique.minimum:<{moitie}g}"
                  + f"{graphique.maximum:>{BARRE_LARGEUR - moitie}g}")
    # Palette: white, the track, the bar; a bar fills its line but a pixel row above and below.
    w, h = largeur * BARRE_PX, len(lignes) * PX_Y
    pixels = bytearray(w * h)
    debut = BARRE_LIBELLE * BARRE_PX
    for i, longueur in enumerate(longueurs):
        for y in range(i * PX_Y + 1, (i + 1) * PX_Y - 1):
            ligne = y * w + debut
            pixels[ligne:ligne + BARRE_LARGEUR * BARRE_PX] = b"\1" * (BARRE_LARGEUR * BARRE_PX)
            pixels[ligne:ligne + longueur] = b"\2" * longueur
    image = base64.b64encode(_png(w, h, bytes(pixels), [BLANC, GRIS, BLEU])).decode()
    return mark_safe(
        f'<div class="cpro-barres" role="img" aria-label="{escape(graphique.titre)}" '
        f'style="width: {largeur}ch; background-image: url(data:image/png;base64,{image})">'
        f'{escape(chr(10).join(lignes))}</div>')
