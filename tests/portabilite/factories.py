"""A learner with a bit of everything the archive carries, and the referential they were
evaluated on (rebuilt identically after a flush: same codes)."""
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from cpro_platform.activites.models import FicheActivite, PhotoFiche
from cpro_platform.apprentissage.models import (
    BilanApprentissage, EntreeMaitre, SemaineAlternance, SignatureApprentissage)
from cpro_platform.bilans.models import (
    Attestation, Bilan, Campagne, NiveauBilan, Note, NoteDePeriode, OrigineNiveau,
    PonderationApprenant)
from cpro_platform.bilans.validation import valider
from cpro_platform.etablissements.models import Apprenant, Statut, TypeEtablissement
from cpro_platform.livret.models import Positionnement
from cpro_platform.pfmp.models import SignaturePFMP, Visite
from cpro_platform.referentials.models import (
    Activite, Bloc, Competence, Critere, Epreuve, Pole, Referentiel)
from cpro_platform.signatures import empreinte
from cpro_platform.suivi.models import Etat, Evaluation
from tests import factories as f
from tests.suivi import factories as sf

#: A PNG's signature: enough for the content check (``suivi.preuves.type_detecte``).
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(80))


def referentiel(code: str = "PORT", version: str = "2022", *,
                criteres: tuple[str, ...] = ("C1.1", "C1.2", "C2.1")) -> Referentiel:
    """A small referential: compétences C1, C2 (critère ``C1.1`` belongs to ``C1``), épreuve
    E1 on both, pôle P1 with activity A1.1 on C1. Same codes on every call."""
    ref = f.referentiel(code, version)
    sf.echelle(ref)
    bloc, _ = Bloc.objects.get_or_create(referentiel=ref, code="B1", defaults={
        "intitule": "Bloc 1", "provenance": "officiel"})
    for code_critere in criteres:
        code_competence = code_critere.split(".")[0]
        competence, _ = Competence.objects.get_or_create(
            referentiel=ref, code=code_competence, defaults={
                "bloc": bloc, "intitule": f"Compétence {code_competence}",
                "provenance": "officiel"})
        Critere.objects.get_or_create(competence=competence, code=code_critere, defaults={
            "intitule": f"Critère {code_critere}", "provenance": "officiel"})
    epreuve, _ = Epreuve.objects.get_or_create(referentiel=ref, code="E1", defaults={
        "intitule": "Épreuve E1", "coefficient": 2, "provenance": "officiel"})
    epreuve.competences.set(Competence.objects.filter(referentiel=ref))
    pole, _ = Pole.objects.get_or_create(referentiel=ref, code="P1", defaults={
        "intitule": "Pôle 1", "provenance": "officiel"})
    Activite.objects.get_or_create(pole=pole, code="A1.1", defaults={
        "intitule": "Réception du véhicule", "provenance": "officiel"})
    return ref


@dataclass
class Riche:
    apprenant: Apprenant
    lycee: object
    cfa: object
    enseignant: object
    evaluation: Evaluation


def _jour(n: int) -> datetime.date:
    return f.jours(n)


def apprenant_riche() -> Riche:
    """Scolaire in a lycée, then apprentice in a CFA: evaluations with several versions and
    evidence, positionnements, a validated bilan with marks, a PFMP with a visit and
    signatures, activity sheets with photos, a contract with calendar, entries, review."""
    ref = referentiel()
    criteres = list(Critere.objects.filter(competence__referentiel=ref).order_by("code"))
    competences = list(Competence.objects.filter(referentiel=ref).order_by("code"))
    lycee = f.etablissement("Lycée Départ")
    cfa = f.etablissement("CFA Arrivée", type=TypeEtablissement.CFA)
    classe = f.classe(lycee, "1 PORT", referentiel=ref)
    classe_cfa = f.classe(cfa, "1 PORT APP", referentiel=ref)
    prof = f.enseignant(lycee, classe, username="prof.depart")
    formateur = f.enseignant(cfa, classe_cfa, username="formateur.cfa")
    a = f.apprenant(lycee, classe, nom="VOYAGEUR", debut=_jour(-200))
    a.date_naissance = datetime.date(2009, 3, 14)
    a.email = "voyageur@eleve.example"
    a.user = f.personne("voyageur", email="voyageur@eleve.example")
    a.save()
    a.changer_parcours(etablissement=cfa, statut=Statut.APPRENTI, date=_jour(-30))
    a.inscriptions.filter(classe=classe).update(fin=_jour(-31))
    from cpro_platform.etablissements.services import inscrire
    inscrire(cfa, ine=a.ine, nom=a.nom, prenom=a.prenom, statut=Statut.APPRENTI,
             classe=classe_cfa, debut=_jour(-30))

    # Evaluations: a cell corrected twice, with evidence kept across versions.
    tp = sf.situation(sf.scenario(classe, "Scénario atelier"), criteres, "TP freinage",
                      debut=_jour(-100))
    v1 = Evaluation.objects.create(
        situation=tp, apprenant=a, critere=criteres[0], etat=Etat.EVALUE, niveau=2,
        commentaire="Premier essai", version=1, courante=False, auteur=prof,
        preuve=ContentFile(PNG, name="photo.png"), preuve_nom="photo.png",
        preuve_type="image/png", saisie_le=timezone.now() - datetime.timedelta(days=99))
    Evaluation.objects.create(
        situation=tp, apprenant=a, critere=criteres[0], etat=Etat.EVALUE, niveau=3,
        version=2, courante=True, auteur=prof, preuve=v1.preuve.name, preuve_nom="photo.png",
        preuve_type="image/png", saisie_le=timezone.now() - datetime.timedelta(days=98))
    Evaluation.objects.create(situation=tp, apprenant=a, critere=criteres[1],
                              etat=Etat.ABSENT, version=1, courante=True, auteur=prof)
    Positionnement.objects.create(apprenant=a, competence=competences[0], niveau=3,
                                  date=_jour(-90), auteur=prof, niveau_suggere=2,
                                  commentaire="Progrès nets")

    # A validated bilan with its marks and a learner's pondération.
    campagne = Campagne.objects.create(classe=classe, titre="Bilan 1", date=_jour(-80),
                                       ouverte_par=prof)
    bilan = Bilan.objects.create(apprenant=a, campagne=campagne, referentiel=ref,
                                 date=_jour(-80), cree_par=prof, appreciation="Sérieux")
    NiveauBilan.objects.create(bilan=bilan, competence=competences[0], niveau=3,
                               origine=OrigineNiveau.POSITIONNEMENT, niveau_propose=3,
                               raison="positionné")
    NiveauBilan.objects.create(bilan=bilan, competence=competences[1], niveau=None,
                               origine=OrigineNiveau.NON_EVALUE)
    bilan = valider(bilan, prof)
    epreuve = Epreuve.objects.get(referentiel=ref, code="E1")
    PonderationApprenant.objects.create(apprenant=a, epreuve=epreuve, auteur=prof,
                                        poids={"C1": "60", "C2": "40"})
    Note.objects.create(bilan=bilan, epreuve=epreuve, note_calculee=Decimal("12.50"),
                        modulation=Decimal("1"), motif="Implication", note=Decimal("13.50"),
                        explication={"formule": "test"}, auteur=prof,
                        ponderation={"C1": "60"}, courante=False)
    Note.objects.create(bilan=bilan, epreuve=epreuve, note_calculee=Decimal("12.50"),
                        note=Decimal("12.50"), explication={"formule": "test"}, auteur=prof,
                        ponderation={"C1": "60"})
    NoteDePeriode.objects.create(bilan=bilan, note_calculee=Decimal("12.50"),
                                 note=Decimal("12.50"), explication={"E1": "12.50"},
                                 auteur=prof)
    Attestation.objects.create(apprenant=a, bilan=bilan, motif="Changement d'établissement",
                               contenu={"C1": 3}, delivree_par=prof)

    # A PFMP with its tutor, a visit, signatures, a tutor's evaluation and a sheet.
    garage = f.entreprise(lycee, "Garage du Pont")
    tuteur = f.tuteur(garage, "tuteur.pont")
    periode = f.periode_pfmp(classe, debut=_jour(-70), fin=_jour(-50), criteres=criteres[:1],
                             titre="PFMP 1")
    stage = f.stage_pfmp(periode, a, tuteur, enseignant_referent=prof)
    stage.appreciation_tuteur = "Très bon stage"
    stage.jours_absence = Decimal("1.5")
    stage.save()
    Evaluation.objects.create(situation=periode.situation, apprenant=a, critere=criteres[0],
                              etat=Etat.EVALUE, niveau=4, version=1, courante=True,
                              auteur=tuteur.user)
    Visite.objects.create(stage=stage, date=_jour(-60), avec="M. Pont", notes="RAS",
                          auteur=prof)
    for user, qualite in ((tuteur.user, "tuteur"), (prof, "enseignant")):
        SignaturePFMP.objects.create(stage=stage, document="attestation", qualite=qualite,
                                     signataire=user, nom=user.get_full_name(),
                                     empreinte=empreinte({"stage": "PFMP 1"}))
    fiche = FicheActivite.objects.create(apprenant=a, stage=stage, date=_jour(-65),
                                         vehicule="Clio IV", description="Plaquettes",
                                         auteur=a.user, etat="confirmee", relue_par=tuteur.user,
                                         relue_le=timezone.now(), commentaire_tuteur="Bien")
    fiche.activites.set(Activite.objects.filter(pole__referentiel=ref))
    fiche.competences.set(competences[:1])
    photo = PhotoFiche(fiche=fiche, nom="plaquettes.jpg", type="image/jpeg")
    photo.fichier.save("x.jpg", ContentFile(JPEG), save=False)
    photo.save()

    # The apprenticeship: contract, calendar, master's entry, a signed review, a sheet.
    atelier = f.entreprise(cfa, "Atelier Central")
    maitre = f.tuteur(atelier, "maitre.central")
    contrat = f.contrat(a, maitre, debut=_jour(-30), fin=_jour(700),
                        formateur_referent=formateur)
    contrat.numero, contrat.idcc = "069202600001", "1090"
    contrat.save()
    lundi = _jour(-30) - datetime.timedelta(days=_jour(-30).weekday())
    for i, lieu in enumerate(("cfa", "entreprise", "entreprise")):
        SemaineAlternance.objects.create(contrat=contrat, lundi=lundi + datetime.timedelta(
            weeks=i), lieu=lieu)
    EntreeMaitre.objects.create(contrat=contrat, debut=_jour(-20), fin=_jour(-10),
                                travaux="Carrosserie", auteur=maitre.user)
    revue = BilanApprentissage.objects.create(contrat=contrat, date=_jour(-5), debut=_jour(-30),
                                              fin=_jour(-5), appreciation_maitre="Motivé",
                                              cree_par=formateur)
    SignatureApprentissage.objects.create(bilan=revue, qualite="maitre", signataire=maitre.user,
                                          nom="Maître", empreinte=empreinte({"r": 1}))
    FicheActivite.objects.create(apprenant=a, contrat=contrat, date=_jour(-8),
                                 description="Ponçage", auteur=a.user)
    return Riche(a, lycee, cfa, prof, v1)
