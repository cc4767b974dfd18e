"""Commission test data: a terminale class with its exam session, CCF sous-épreuves E31–E33
(coefficients 4, 3, 2) under E3 and a ponctual E2, the class's teacher, the DDFPT, a granted
inspector; grids (signed or in progress), candidates' statuses, the commission."""
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from cpro_platform.certification import commission as services
from cpro_platform.certification.models import (
    Candidature, Commission, EtatGrille, GrilleCCF, SessionExamen, StatutCandidat)
from cpro_platform.comptes.models import TypeRole
from cpro_platform.etablissements.models import Niveau
from cpro_platform.referentials.models import Epreuve, Mode, Referentiel
from tests import factories as f

_seq = itertools.count(1)
COEFFICIENTS = {"E31": 4, "E32": 3, "E33": 2}


def referentiel_ccf(code: str | None = None) -> tuple[Referentiel, list[Epreuve]]:
    """A referential whose E3 has three CCF sous-épreuves (and an E2 "ponctuel")."""
    ref = f.referentiel(code or f"CCF{next(_seq)}")
    Epreuve.objects.create(referentiel=ref, code="E2", intitule="Étude", coefficient=4,
                           mode=Mode.PONCTUEL, provenance="officiel", ordre=1)
    e3 = Epreuve.objects.create(referentiel=ref, code="E3", intitule="Épreuve pratique",
                                coefficient=9, provenance="officiel", ordre=2)
    sous = [Epreuve.objects.create(referentiel=ref, parent=e3, code=code_, mode=Mode.CCF,
                                   intitule=f"Sous-épreuve {code_}", coefficient=coef,
                                   provenance="provisoire" if code_ == "E33" else "officiel",
                                   ordre=3 + i)
            for i, (code_, coef) in enumerate(COEFFICIENTS.items())]
    return ref, sous


@dataclass
class Session:
    session: SessionExamen
    enseignant: object
    autre_enseignant: object   # teaches another class of the establishment
    ddfpt: object
    inspecteur: object
    apprenants: list
    epreuves: list[Epreuve]
    grilles: dict = field(default_factory=dict)

    @property
    def classe(self):
        return self.session.classe

    def epreuve(self, code: str) -> Epreuve:
        return next(e for e in self.epreuves if e.code == code)


def session(apprenants: int = 3, noms: list[str] | None = None) -> Session:
    e = f.etablissement()
    ref, sous = referentiel_ccf()
    classe = f.classe(e, f"T CCF {next(_seq)}", niveau=Niveau.TERMINALE, referentiel=ref)
    prof = f.enseignant(e, classe)
    autre = f.enseignant(e, f.classe(e, f"1 AUTRE {next(_seq)}", referentiel=ref))
    ddfpt = f.personne()
    f.role(ddfpt, e, TypeRole.DDFPT)
    inspecteur = f.personne()
    f.role(inspecteur, e, TypeRole.INSPECTEUR, classes=[classe])
    noms = noms or [f"CANDIDAT{next(_seq)}" for _ in range(apprenants)]
    eleves = [f.apprenant(e, classe, nom=nom) for nom in noms]
    s = SessionExamen.objects.create(classe=classe, annee=timezone.localdate().year,
                                     referentiel=ref, cree_par=prof)
    return Session(s, prof, autre, ddfpt, inspecteur, eleves, sous)


def grille(s: Session, apprenant, code: str, note, *, signee: bool = True) -> GrilleCCF:
    valeur = Decimal(str(note)) if note is not None else None
    g = GrilleCCF.objects.create(
        session=s.session, apprenant=apprenant, epreuve=s.epreuve(code), structure={},
        date=timezone.localdate(), note_calculee=valeur, note=valeur,
        etat=EtatGrille.SIGNEE if signee else EtatGrille.BROUILLON,
        signee_par=s.enseignant if signee else None,
        signee_le=timezone.now() if signee else None)
    s.grilles[apprenant.pk, code] = g
    return g


def candidature(s: Session, apprenant, code: str, statut: str, **champs) -> Candidature:
    if statut == StatutCandidat.BENEFICE:
        champs.setdefault("note_conservee", Decimal("13.5"))
        champs.setdefault("session_origine", s.session.annee - 1)
    return Candidature.objects.create(session=s.session, apprenant=apprenant,
                                      epreuve=s.epreuve(code), statut=statut,
                                      auteur=s.enseignant, **champs)


def tout_signer(s: Session, note=12) -> None:
    """Sign the grids in progress; a signed grid for every learner and sous-épreuve that has
    neither grid nor status."""
    GrilleCCF.objects.filter(session=s.session, etat=EtatGrille.BROUILLON).update(
        etat=EtatGrille.SIGNEE, signee_par=s.enseignant, signee_le=timezone.now())
    pris = set(GrilleCCF.objects.filter(session=s.session).values_list(
        "apprenant_id", "epreuve_id")) | set(Candidature.objects.filter(
            session=s.session).values_list("apprenant_id", "epreuve_id"))
    for a in s.apprenants:
        for e in s.epreuves:
            if (a.pk, e.pk) not in pris:
                grille(s, a, e.code, note)


def commission(s: Session, membres=None, **champs) -> Commission:
    return services.preparer(
        s.session, date=champs.pop("date", timezone.localdate()),
        lieu=champs.pop("lieu", "Salle du conseil"),
        membres=membres if membres is not None else [s.enseignant, s.ddfpt, s.inspecteur],
        **champs)
