"""Pondérations of an épreuve's mark: the model one (the gateway's ``ponderation_modele`` from
the referential's declared weights, else its coefficients), a learner's own (edited by the
teacher, sum = 100), and duplicating one to every learner of the class with the same profile
of evaluated compétences (the codes that have a level in their last validated bilan).
"""
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Apprenant, Classe
from cpro_platform.referentials.models import Epreuve, Referentiel
from cpro_platform.referentials.regles import epreuves_de, ponderations_declarees, ref_de
from cpro_platform.regles import EpreuveObservee, Incidents, Poids, Ponderation, regles

from .campagnes import apprenants_inscrits
from .lecture import dernier_bilan_valide, profil_evalue
from .models import PonderationApprenant

CENT = Decimal(100)


def epreuve_observee(epreuve: Epreuve) -> EpreuveObservee:
    """The épreuve as the rules see it (with its sous-épreuves)."""
    for observee in epreuves_de(epreuve.referentiel):
        for e in observee.walk():
            if e.code == epreuve.code:
                return e
    raise LookupError(epreuve.code)


def ponderation_modele(referentiel: Referentiel, epreuve: EpreuveObservee,
                       incidents: Incidents | None = None) -> Ponderation | None:
    declarees = ponderations_declarees(referentiel).get(epreuve.code)
    return regles().ponderation_modele(ref_de(referentiel), epreuve, declarees,
                                       incidents=incidents)


def ponderation_propre(apprenant: Apprenant, epreuve: Epreuve) -> PonderationApprenant | None:
    """The learner's latest own pondération of the épreuve, if the teacher set one."""
    return (PonderationApprenant.objects.filter(apprenant=apprenant, epreuve=epreuve)
            .select_related("auteur", "copie_de__apprenant").order_by("-cree_le", "-pk")
            .first())


def ponderation_apprenant(epreuve: str, poids: dict) -> Ponderation:
    """A ``PonderationApprenant.poids`` ({code: percent as a string}) as the rules see it."""
    return Ponderation(
        epreuve=epreuve, origine="apprenant",
        poids=tuple(Poids(code, Decimal(str(p))) for code, p in poids.items()),
        regle=_("Pondérations propres à l’apprenant, fixées par l’enseignant."))


def en_valeur(ligne: PonderationApprenant) -> Ponderation:
    return ponderation_apprenant(ligne.epreuve.code, ligne.poids)


def ponderation_de(apprenant: Apprenant, epreuve: Epreuve, observee: EpreuveObservee,
                   incidents: Incidents | None = None) -> Ponderation | None:
    """The pondération the learner's mark uses: their own, else the model one."""
    propre = ponderation_propre(apprenant, epreuve)
    if propre is not None:
        return en_valeur(propre)
    return ponderation_modele(epreuve.referentiel, observee, incidents)


def lire_poids(donnees: dict[str, str], codes: list[str]) -> dict[str, Decimal]:
    """Percentages typed in a form (``{code: text}``, French decimal comma accepted);
    ``ValidationError`` with French messages when one is not a number ≥ 0 or the sum is not
    100."""
    poids, erreurs = {}, []
    for code in codes:
        texte = (donnees.get(code) or "0").strip().replace(",", ".").replace("%", "")
        try:
            valeur = Decimal(texte or "0")
        except InvalidOperation:
            erreurs.append(_("%(code)s : « %(texte)s » n’est pas un pourcentage.") % {
                "code": code, "texte": donnees.get(code)})
            continue
        if not valeur.is_finite() or valeur < 0 or valeur > CENT:
            erreurs.append(_("%(code)s : le pourcentage doit être compris entre 0 et 100.")
                           % {"code": code})
            continue
        if valeur != valeur.quantize(Decimal("0.01")):
            erreurs.append(_("%(code)s : deux décimales au plus.") % {"code": code})
            continue
        poids[code] = valeur
    if erreurs:
        raise ValidationError(erreurs)
    total = sum(poids.values(), Decimal(0))
    if total != CENT:
        raise ValidationError(_("Les pondérations doivent totaliser 100 %% ; leur somme est "
                                "%(total)s %%. Rien n’a été enregistré.") % {
            "total": f"{total.normalize():f}".replace(".", ",")})
    return {code: valeur for code, valeur in poids.items() if valeur}


def enregistrer_ponderation(apprenant: Apprenant, epreuve: Epreuve, poids: dict[str, Decimal],
                            auteur, copie_de: PonderationApprenant | None = None
                            ) -> PonderationApprenant:
    """A new row (append-only): the learner's pondération of the épreuve from now on."""
    if sum(poids.values(), Decimal(0)) != CENT:
        raise ValidationError(_("Les pondérations doivent totaliser 100 %."))
    return PonderationApprenant.objects.create(
        apprenant=apprenant, epreuve=epreuve, auteur=auteur, copie_de=copie_de,
        poids={code: str(valeur) for code, valeur in poids.items()})


def meme_profil(apprenant: Apprenant, classe: Classe) -> list[Apprenant]:
    """The other learners of ``classe`` whose last validated bilan has exactly the same
    evaluated compétences as ``apprenant``'s (none when ``apprenant`` has no validated bilan)."""
    reference = dernier_bilan_valide(apprenant)
    if reference is None:
        return []
    cible = profil_evalue(reference)
    return [autre for autre in apprenants_inscrits(classe, reference.date)
            if autre.pk != apprenant.pk and profil_evalue(dernier_bilan_valide(autre)) == cible]


def dupliquer(apprenant: Apprenant, epreuve: Epreuve, classe: Classe, auteur
              ) -> list[Apprenant]:
    """Copy the learner's own pondération of the épreuve to every learner of the class with the
    same profile of evaluated compétences; returns them."""
    source = ponderation_propre(apprenant, epreuve)
    if source is None:
        raise ValidationError(_("Enregistrez d’abord une pondération propre à cet apprenant : "
                                "c’est elle qui sera recopiée."))
    autres = meme_profil(apprenant, classe)
    with transaction.atomic():
        for autre in autres:
            PonderationApprenant.objects.create(apprenant=autre, epreuve=epreuve,
                                                poids=dict(source.poids), auteur=auteur,
                                                copie_de=source)
    return autres
