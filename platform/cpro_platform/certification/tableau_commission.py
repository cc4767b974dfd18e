"""The commission's table: the class × CCF sous-épreuve marks of a session, with a status per
cell, each learner's total weighted by the coefficients and each column's counts.

A cell is, in this order of precedence: the learner's recorded status for the sous-épreuve
(``Candidature``: absent, dispensed, bénéfice with the kept mark and year), else their grid
(signed, or "proposed" while in progress: its mark is only indicative), else "missing". A
current commission adjustment replaces a signed grid's mark.

The total counts signed (or adjusted) marks and kept ones; a dispensed sous-épreuve leaves the
total with its coefficient; missing, proposed and absent ones are named as missing (no rule
of the exam regulation is guessed here for absences: the jury decides).

Five queries whatever the class size. A validated commission keeps its table in
``Commission.archive`` (``en_json``/``depuis_json``): the archived table is what is shown and
printed afterwards, even if a referential is later resynchronised.
"""
import datetime
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpro_platform.etablissements.models import Apprenant, Inscription, aujourdhui
from cpro_platform.referentials.models import Epreuve

from .models import (
    AjustementCommission, Candidature, EtatGrille, GrilleCCF, SessionExamen, StatutCandidat)
from .planification import sous_epreuves_ccf as feuilles_ccf

CENTIEME = Decimal("0.01")
VERSION_ARCHIVE = 1


class Statut:
    MANQUANTE = "manquante"
    PROPOSEE = "proposee"
    SIGNEE = "signee"
    ABSENT = "absent"
    DISPENSE = "dispense"
    BENEFICE = "benefice"

    LIBELLES = {
        MANQUANTE: _("manquante"), PROPOSEE: _("proposée (grille non signée)"),
        SIGNEE: _("signée"), ABSENT: _("absent"), DISPENSE: _("dispensé"),
        BENEFICE: _("bénéfice"),
    }
    ORDRE = (SIGNEE, PROPOSEE, MANQUANTE, ABSENT, DISPENSE, BENEFICE)
    #: Statuses that keep the commission from validating.
    BLOQUANTS = (MANQUANTE, PROPOSEE)
    #: Statuses whose mark counts in the weighted total.
    NOTES = (SIGNEE, BENEFICE)


@dataclass
class Colonne:
    pk: int
    code: str
    intitule: str
    coefficient: Decimal
    unite: str
    provisoire: bool
    #: status → number of cells.
    comptes: dict = field(default_factory=dict)


@dataclass
class Cellule:
    statut: str
    #: The mark that counts: the grid's (or the adjustment's), the kept one; the proposed one
    #: of a grid in progress (shown greyed, not counted).
    note: Decimal | None = None
    #: The grid's own mark when the commission adjusted it.
    note_grille: Decimal | None = None
    ajustee: bool = False
    motif_ajustement: str = ""
    grille: int | None = None
    #: Bénéfice: the session the kept mark comes from; absence: justified or not.
    session_origine: int | None = None
    justifie: bool = False

    @property
    def libelle(self) -> str:
        return str(Statut.LIBELLES[self.statut])

    @property
    def bloquante(self) -> bool:
        return self.statut in Statut.BLOQUANTS

    @property
    def compte(self) -> bool:
        return self.statut in Statut.NOTES and self.note is not None


@dataclass
class Ligne:
    apprenant: int
    nom: str
    prenom: str
    ine: str
    cellules: list[Cellule]
    #: Σ mark × coefficient over the marks that count, Σ of their coefficients, the ratio.
    points: Decimal = Decimal(0)
    coefficients: Decimal = Decimal(0)
    moyenne: Decimal | None = None
    #: Codes of the sous-épreuves without a mark that counts (missing, proposed, absent).
    manquantes: list[str] = field(default_factory=list)

    @property
    def nom_complet(self) -> str:
        return f"{self.nom} {self.prenom}".strip()


@dataclass
class Tableau:
    colonnes: list[Colonne]
    lignes: list[Ligne]
    #: When this table was computed (or archived).
    le: datetime.datetime | None = None

    @property
    def provisoire(self) -> bool:
        return any(c.provisoire for c in self.colonnes)

    def paires(self, ligne: Ligne) -> list[tuple[Colonne, Cellule]]:
        return list(zip(self.colonnes, ligne.cellules, strict=True))

    def effectifs(self) -> list[tuple[str, list[int]]]:
        """Per status, its number of cells in each column."""
        return [(str(Statut.LIBELLES[s]), [c.comptes.get(s, 0) for c in self.colonnes])
                for s in Statut.ORDRE]

    def bloquantes(self) -> list[tuple[Ligne, list[tuple[Colonne, Cellule]]]]:
        """Per learner, the cells that keep the commission from validating."""
        out = []
        for ligne in self.lignes:
            cellules = [(c, cell) for c, cell in self.paires(ligne) if cell.bloquante]
            if cellules:
                out.append((ligne, cellules))
        return out

    def en_json(self) -> dict:
        """JSON-ready (decimals as strings), for ``Commission.archive``."""
        def propre(valeur):
            if isinstance(valeur, Decimal):
                return str(valeur)
            if isinstance(valeur, dict):
                return {k: propre(v) for k, v in valeur.items()}
            if isinstance(valeur, list):
                return [propre(v) for v in valeur]
            return valeur
        return {"version": VERSION_ARCHIVE, "le": self.le.isoformat() if self.le else None,
                "colonnes": [propre(asdict(c)) for c in self.colonnes],
                "lignes": [propre(asdict(ligne)) for ligne in self.lignes]}

    @classmethod
    def depuis_json(cls, donnees: dict) -> "Tableau":
        def dec(valeur):
            return Decimal(valeur) if valeur is not None else None

        colonnes = [Colonne(**{**c, "coefficient": Decimal(c["coefficient"])})
                    for c in donnees["colonnes"]]
        lignes = []
        for ligne in donnees["lignes"]:
            cellules = [Cellule(**{**c, "note": dec(c["note"]),
                                   "note_grille": dec(c["note_grille"])})
                        for c in ligne["cellules"]]
            lignes.append(Ligne(**{**ligne, "cellules": cellules,
                                   "points": Decimal(ligne["points"]),
                                   "coefficients": Decimal(ligne["coefficients"]),
                                   "moyenne": dec(ligne["moyenne"])}))
        le = donnees.get("le")
        return cls(colonnes, lignes, datetime.datetime.fromisoformat(le) if le else None)


def sous_epreuves_ccf(session: SessionExamen) -> list[Epreuve]:
    """The session's CCF sous-épreuves (or CCF épreuves without parts), in order: the one
    definition of ``planification.sous_epreuves_ccf``."""
    return list(feuilles_ccf(session).select_related("unite"))


def apprenants_de_la_session(session: SessionExamen, date: datetime.date | None = None
                             ) -> list[Apprenant]:
    """The class's learners at ``date`` (today), plus anyone with a grid or a status in the
    session (a learner who left keeps their row where something was recorded)."""
    inscrits = Inscription.objects.actives(date or aujourdhui()).filter(
        classe_id=session.classe_id).values("apprenant")
    return list(Apprenant.objects.filter(
        Q(pk__in=inscrits) | Q(pk__in=GrilleCCF.objects.filter(session=session)
                               .values("apprenant"))
        | Q(pk__in=Candidature.objects.filter(session=session).values("apprenant")))
        .only("pk", "nom", "prenom", "ine").order_by("nom", "prenom", "pk"))


def _cellule(candidature: Candidature | None, grille: dict | None,
             ajustement: dict | None) -> Cellule:
    if candidature is not None:
        statut = candidature.statut
        if statut == StatutCandidat.BENEFICE:
            return Cellule(Statut.BENEFICE, note=candidature.note_conservee,
                           session_origine=candidature.session_origine)
        if statut == StatutCandidat.DISPENSE:
            return Cellule(Statut.DISPENSE)
        return Cellule(Statut.ABSENT, justifie=statut == StatutCandidat.ABSENT_JUSTIFIE)
    if grille is None:
        return Cellule(Statut.MANQUANTE)
    if grille["etat"] != EtatGrille.SIGNEE:
        return Cellule(Statut.PROPOSEE, note=grille["note"], grille=grille["pk"])
    if ajustement is not None:
        return Cellule(Statut.SIGNEE, note=ajustement["note_apres"], note_grille=grille["note"],
                       ajustee=True, motif_ajustement=ajustement["motif"], grille=grille["pk"])
    return Cellule(Statut.SIGNEE, note=grille["note"], grille=grille["pk"])


def cellule_de(grille: GrilleCCF) -> Cellule:
    """``grille``'s cell in its session's table (two queries)."""
    candidature = Candidature.objects.filter(
        session_id=grille.session_id, apprenant_id=grille.apprenant_id,
        epreuve_id=grille.epreuve_id).first()
    ajustement = (AjustementCommission.objects.filter(grille=grille, courant=True)
                  .values("note_apres", "motif").first())
    return _cellule(candidature, {"pk": grille.pk, "etat": grille.etat, "note": grille.note},
                    ajustement)


def _totaliser(ligne: Ligne, colonnes: list[Colonne]) -> None:
    for colonne, cellule in zip(colonnes, ligne.cellules, strict=True):
        colonne.comptes[cellule.statut] = colonne.comptes.get(cellule.statut, 0) + 1
        if cellule.compte:
            ligne.points += cellule.note * colonne.coefficient
            ligne.coefficients += colonne.coefficient
        elif cellule.statut != Statut.DISPENSE:
            ligne.manquantes.append(colonne.code)
    if ligne.coefficients:
        ligne.moyenne = (ligne.points / ligne.coefficients).quantize(CENTIEME)
    ligne.points = ligne.points.quantize(CENTIEME)


def tableau(session: SessionExamen, date: datetime.date | None = None,
            ajustements: list[AjustementCommission] | None = None) -> Tableau:
    """The live table of ``session`` (five queries; four given the commission's
    ``ajustements``, all of them or the current ones)."""
    epreuves = sous_epreuves_ccf(session)
    colonnes = [Colonne(e.pk, e.code, e.intitule, e.coefficient,
                        e.unite.code if e.unite else "", e.est_provisoire) for e in epreuves]
    apprenants = apprenants_de_la_session(session, date)
    grilles = {(g["apprenant_id"], g["epreuve_id"]): g for g in GrilleCCF.objects.filter(
        session=session).values("pk", "apprenant_id", "epreuve_id", "etat", "note")}
    candidatures = {(c.apprenant_id, c.epreuve_id): c for c in Candidature.objects.filter(
        session=session).only("apprenant_id", "epreuve_id", "statut", "note_conservee",
                              "session_origine")}
    if ajustements is None:
        ajustements = AjustementCommission.objects.filter(commission__session=session,
                                                          courant=True)
    ajustements = {a.grille_id: {"note_apres": a.note_apres, "motif": a.motif}
                   for a in ajustements if a.courant}
    lignes = []
    for apprenant in apprenants:
        cellules = []
        for colonne in colonnes:
            cle = (apprenant.pk, colonne.pk)
            grille = grilles.get(cle)
            cellules.append(_cellule(candidatures.get(cle), grille,
                                     ajustements.get(grille["pk"]) if grille else None))
        ligne = Ligne(apprenant.pk, apprenant.nom, apprenant.prenom, apprenant.ine, cellules)
        _totaliser(ligne, colonnes)
        lignes.append(ligne)
    return Tableau(colonnes, lignes, timezone.now())
