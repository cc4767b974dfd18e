"""A CCF grid as the page and the PDF print it, in the national layout; one PDF for a grid and
one for the class's grids of a sous-épreuve (rendered once as a single HTML document, a page
per learner — not one PDF per learner merged).

What it prints: the identity header (``livret.entete``), the sous-épreuve, the situation
d'évaluation and its evaluators, the compétences with their critères and indicators under
their rubriques, the degree columns with the one given, the proposed mark with "pourquoi
cette note", the modulation and its reason, the retained mark, the appreciation, the date,
the signatures and the provenance (provisional referential content badged).

A fixed number of queries for any number of grids.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.text import slugify

from cpro_platform.livret.entete import Entete, entete
from cpro_platform.pdf import html_en_pdf
from cpro_platform.referentials.models import Epreuve
from cpro_platform.regles import Degre, GrilleStructure, LigneGrille, Rubrique

from .grilles import structure_de
from .models import DegreGrille, GrilleCCF, SessionExamen

#: How a grid is fetched for its document (with ``Prefetch`` of its degrees).
RELATIONS = ("session__classe__etablissement", "session__classe__annee",
             "session__classe__referentiel", "apprenant", "epreuve", "signee_par",
             "situation__evaluateur", "situation__professionnel__user")


@dataclass
class LigneDoc:
    ligne: LigneGrille
    degre: int | None
    commentaire: str


@dataclass
class RubriqueDoc:
    rubrique: Rubrique | None
    lignes: list[LigneDoc]


@dataclass
class DocGrille:
    grille: GrilleCCF
    entete: Entete
    structure: GrilleStructure
    rubriques: list[RubriqueDoc]
    enseignant: str
    professionnel: str

    @property
    def degres(self) -> tuple[Degre, ...]:
        return self.structure.degres

    @property
    def manquantes(self) -> list[str]:
        return [l.ligne.competence for r in self.rubriques for l in r.lignes if l.degre is None]

    @property
    def provisoire(self) -> bool:
        return self.entete.provisoire or self.grille.epreuve.est_provisoire or any(
            l.ligne.provisoire for r in self.rubriques for l in r.lignes)


def _nom(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _evaluateurs(grille: GrilleCCF) -> tuple[str, str]:
    situation = grille.situation
    enseignant = _nom(grille.signee_par) or (_nom(situation.evaluateur) if situation else "")
    professionnel = grille.signature_professionnel
    if not professionnel and situation is not None:
        professionnel = situation.professionnel_nom or (
            _nom(situation.professionnel.user) if situation.professionnel else "")
        if professionnel and situation.professionnel_fonction:
            professionnel += f" ({situation.professionnel_fonction})"
    return enseignant, professionnel


def _rubriques(valeur: GrilleStructure, degres: dict[str, DegreGrille]) -> list[RubriqueDoc]:
    par_code = {r.code: r for r in valeur.rubriques}
    out: list[RubriqueDoc] = []
    for ligne in valeur.lignes:
        rubrique = par_code.get(ligne.rubrique)
        if not out or out[-1].rubrique != rubrique:
            out.append(RubriqueDoc(rubrique, []))
        d = degres.get(ligne.competence)
        out[-1].lignes.append(LigneDoc(ligne, d.degre if d else None,
                                       d.commentaire if d else ""))
    return out


def documents(grilles: list[GrilleCCF]) -> list[DocGrille]:
    """``grilles`` fetched with :func:`a_imprimer` (one header's teachers query at most)."""
    docs, base = [], None
    for grille in grilles:
        if base is None:
            base = entete(grille.apprenant, grille.session.classe)
        tete = dataclasses.replace(base, apprenant=grille.apprenant.nom_complet,
                                   ine=grille.apprenant.ine, date=grille.date)
        valeur = structure_de(grille.structure)
        degres = {d.competence.code: d for d in grille.degres.all()}
        enseignant, professionnel = _evaluateurs(grille)
        docs.append(DocGrille(grille, tete, valeur, _rubriques(valeur, degres), enseignant,
                              professionnel))
    return docs


def a_imprimer(grilles):
    """A grid queryset with everything its document reads (three queries in all)."""
    return grilles.select_related(*RELATIONS).prefetch_related(Prefetch(
        "degres", queryset=DegreGrille.objects.select_related("competence")))


def html_grilles(docs: list[DocGrille], titre: str) -> str:
    return render_to_string("certification/grilles/documents/grilles_pdf.html",
                            {"docs": docs, "titre": titre})


def grille_pdf(grille: GrilleCCF) -> bytes:
    doc = documents(list(a_imprimer(GrilleCCF.objects.filter(pk=grille.pk))))
    return html_en_pdf(html_grilles(doc, f"{grille.epreuve.code} — "
                                         f"{grille.apprenant.nom_complet}"))


def grilles_classe(session: SessionExamen, epreuve: Epreuve) -> list[GrilleCCF]:
    return list(a_imprimer(GrilleCCF.objects.filter(session=session, epreuve=epreuve))
                .order_by("apprenant__nom", "apprenant__prenom", "pk"))


def grilles_pdf(session: SessionExamen, epreuve: Epreuve) -> bytes:
    """The class's grids of the sous-épreuve as one PDF, a page (or more) per learner."""
    return html_en_pdf(html_grilles(documents(grilles_classe(session, epreuve)),
                                    f"{epreuve.code} — {session.classe.nom}"))


def nom_du_pdf(grille: GrilleCCF) -> str:
    return (slugify(f"grille-{grille.epreuve.code}-{grille.apprenant.nom}-"
                    f"{grille.apprenant.prenom}") or "grille") + ".pdf"


def nom_du_pdf_classe(session: SessionExamen, epreuve: Epreuve) -> str:
    return (slugify(f"grilles-{epreuve.code}-{session.classe.nom}-{session.annee}")
            or "grilles") + ".pdf"
