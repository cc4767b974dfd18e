"""Company-side test data for the activity sheets and the tutor's pages: a RAP (pôle,
activities mobilising compétences) on a class's referential, a placement with its tutor, an
apprenticeship contract with its master, sheets, and image bytes."""
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from cpro_platform.activites.models import EtatFiche, FicheActivite, PhotoFiche
from cpro_platform.apprentissage.models import Contrat
from cpro_platform.etablissements.models import Tuteur
from cpro_platform.pfmp.models import StagePFMP
from cpro_platform.referentials.models import Activite, Critere, Pole
from tests import factories as f
from tests.suivi import factories as sf


@dataclass
class Rap:
    criteres: list[Critere]
    activites: list[Activite]

    @property
    def competences(self):
        return [c.competence for c in self.criteres[::2]]


def rap(referentiel) -> Rap:
    """Four critères in two compétences, and a pôle of two activities (one per compétence)."""
    existant = Activite.objects.filter(pole__referentiel=referentiel).order_by("pk")
    if existant.count() >= 2:
        criteres = list(Critere.objects.filter(competence__referentiel=referentiel)
                        .order_by("pk")[:4])
        return Rap(criteres, list(existant[:2]))
    criteres = sf.criteres(referentiel, n=4, par_competence=2)
    pole = Pole.objects.create(referentiel=referentiel, code="P1", ordre=1,
                               intitule="Pôle 1 — Réparation", provenance="officiel")
    activites = []
    for i, critere in enumerate(criteres[::2], 1):
        activite = Activite.objects.create(pole=pole, code=f"A1.{i}", ordre=i,
                                           intitule=f"Activité {i} du pôle 1",
                                           provenance="officiel")
        activite.competences.set([critere.competence])
        activites.append(activite)
    return Rap(criteres, activites)


def stage(o, *, debut=None, fin=None, apprenant=None, tuteur=None) -> StagePFMP:
    """The placement of ``o.apprenant`` with ``o.tuteur`` (made once per world)."""
    apprenant = apprenant or o.apprenant
    existant = StagePFMP.objects.filter(apprenant=apprenant).first()
    if existant:
        return existant
    r = rap(o.classe.referentiel)
    periode = f.periode_pfmp(o.classe, criteres=r.criteres[:3], debut=debut, fin=fin)
    return f.stage_pfmp(periode, apprenant, tuteur or o.tuteur,
                        enseignant_referent=o.user("enseignant"))


def contrat(o) -> Contrat:
    existant = Contrat.objects.filter(apprenant=o.apprenti).first()
    return existant or f.contrat(o.apprenti, Tuteur.objects.get(user=o.user("maitre")))


def fiche(o, *, apprenti=False, etat=EtatFiche.DECLAREE) -> FicheActivite:
    cadre = contrat(o) if apprenti else stage(o)
    apprenant = o.apprenti if apprenti else o.apprenant
    existante = FicheActivite.objects.filter(apprenant=apprenant, etat=etat).first()
    if existante:
        return existante
    return FicheActivite.objects.create(
        apprenant=apprenant, stage=None if apprenti else cadre,
        contrat=cadre if apprenti else None, date=f.jours(-1), vehicule="Clio IV",
        description="Dépose du pare-chocs avant", etat=etat,
        auteur=apprenant.user or o.user("enseignant"))


def png(largeur: int = 4) -> bytes:
    from PIL import Image

    sortie = io.BytesIO()
    Image.new("RGB", (largeur, largeur), (200, 30, 30)).save(sortie, "PNG")
    return sortie.getvalue()


def televerse(nom: str = "photo.png", contenu: bytes | None = None,
              type_: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(nom, png() if contenu is None else contenu, content_type=type_)


def photo(o) -> PhotoFiche:
    f_ = fiche(o)
    existante = f_.photos.first()
    if existante:
        return existante
    p = PhotoFiche(fiche=f_, nom="photo.png", type="image/png")
    p.fichier.save("photo.png", televerse(), save=True)
    return p


def monde_en_stage(suffixe: str = "A"):
    """``factories.monde`` whose learner is in a running placement (``stage``)."""
    o = f.monde(suffixe)
    stage(o)
    return o
