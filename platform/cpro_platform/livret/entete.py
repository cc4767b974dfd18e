"""The identity header every printed document of a learner starts with.

Establishment (name, UAI), class and school year, diploma, referential (code, version and
whether its content is provisional), the class's teachers, the document's date and when this
copy was printed ("édité le"). The livret, the bilan and the attestation PDFs share it (the
template ``livret/_entete_pdf.html``); an attestation freezes it (``en_dict``/``depuis_dict``).
"""
import datetime
from dataclasses import asdict, dataclass, replace

from django.utils import timezone

from cpro_platform.etablissements.models import Apprenant, Classe, Enseignement, Inscription


@dataclass(frozen=True)
class Entete:
    apprenant: str
    ine: str
    etablissement: str
    uai: str
    classe: str
    annee: str
    diplome: str
    referentiel: str              # its title
    referentiel_code: str
    referentiel_version: str
    #: The referential itself is marked provisional (content may be too: documents say so).
    provisoire: bool
    provenance: str               # the referential's provenance note
    enseignants: tuple[str, ...]
    date: datetime.date | None    # the document's own date (a bilan's), if any
    edite_le: datetime.datetime

    def en_dict(self) -> dict:
        """JSON-ready, for a document frozen at issue."""
        valeurs = asdict(self)
        valeurs.update(enseignants=list(self.enseignants),
                       date=self.date.isoformat() if self.date else None,
                       edite_le=self.edite_le.isoformat())
        return valeurs

    @classmethod
    def depuis_dict(cls, valeurs: dict, *, edite_le: datetime.datetime | None = None
                    ) -> "Entete":
        """A frozen header again; ``edite_le`` is this copy's (now by default)."""
        date = valeurs.get("date")
        return cls(**{**valeurs, "enseignants": tuple(valeurs.get("enseignants", ())),
                      "date": datetime.date.fromisoformat(date) if date else None,
                      "edite_le": edite_le or timezone.now()})

    def reedite(self) -> "Entete":
        return replace(self, edite_le=timezone.now())


def enseignants_de(classe: Classe) -> tuple[str, ...]:
    """The class's teachers, by name (one query)."""
    return tuple(
        (e.enseignant.get_full_name() or e.enseignant.get_username())
        for e in Enseignement.objects.filter(classe=classe).select_related("enseignant")
        .order_by("enseignant__last_name", "enseignant__first_name", "pk"))


def entete(apprenant: Apprenant, classe: Classe | None, *,
           date: datetime.date | None = None) -> Entete:
    """The header for ``apprenant`` in ``classe`` (its establishment, year and referential
    loaded with it); without a class, only the learner's identity."""
    vide = ""
    if classe is None:
        return Entete(apprenant.nom_complet, apprenant.ine, vide, vide, vide, vide, vide, vide,
                      vide, vide, False, vide, (), date, timezone.now())
    referentiel = classe.referentiel
    return Entete(
        apprenant=apprenant.nom_complet, ine=apprenant.ine,
        etablissement=classe.etablissement.nom, uai=classe.etablissement.uai,
        classe=classe.nom, annee=str(classe.annee),
        diplome=referentiel.diplome, referentiel=referentiel.intitule,
        referentiel_code=referentiel.code, referentiel_version=referentiel.version,
        provisoire=referentiel.est_provisoire, provenance=referentiel.provenance_detail,
        enseignants=enseignants_de(classe), date=date, edite_le=timezone.now())


def entete_du_livret(apprenant: Apprenant) -> Entete:
    """The livret's header: the learner's latest class (two queries)."""
    inscription = (Inscription.objects.filter(apprenant=apprenant)
                   .select_related("classe__etablissement", "classe__annee",
                                   "classe__referentiel")
                   .order_by("-debut", "-pk").first())
    return entete(apprenant, inscription.classe if inscription else None)
