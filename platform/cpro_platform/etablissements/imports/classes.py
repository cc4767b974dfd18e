"""Import of classes: division, niveau, code référentiel (into the current school year)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpro_platform.referentials.models import Referentiel

from ..models import Classe, Niveau
from . import valeurs
from .base import Action, Importateur, Operation
from .lecture import Colonne, Ligne, normaliser

NIVEAUX = valeurs.synonymes(
    (Niveau.SECONDE, ["seconde", "2de", "2nd", "2nde pro", "seconde professionnelle",
                      Niveau.SECONDE.label]),
    (Niveau.PREMIERE, ["premiere", "1ere", "1re pro", "1ere pro", Niveau.PREMIERE.label]),
    (Niveau.TERMINALE, ["terminale", "term", "tle pro", "terminale pro",
                        Niveau.TERMINALE.label]),
    (Niveau.CAP1, ["cap 1", "1cap", "1 cap", "cap 1re annee", "cap 1ere annee",
                   Niveau.CAP1.label]),
    (Niveau.CAP2, ["cap 2", "2cap", "2 cap", "cap 2e annee", "cap 2eme annee",
                   Niveau.CAP2.label]),
)


def cle_classe(nom: str) -> str:
    """Class names match whatever their case and spacing ("1 cpa" is "1CPA")."""
    return normaliser(nom)


class ImportClasses(Importateur):
    type = "classes"
    titre = gettext_lazy("Classes")
    description = gettext_lazy("Les divisions de l’année scolaire en cours, avec leur niveau "
                               "et le code du référentiel préparé.")
    colonnes = [
        Colonne("nom", "division", ("classe", "nom", "nom de la classe",
                                                  "code division", "libellé division")),
        Colonne("niveau", "niveau", ("niveau de formation", "année de formation")),
        Colonne("referentiel", "code référentiel",
                ("référentiel", "code diplôme", "diplôme", "spécialité")),
    ]

    def charger(self, lignes: list[Ligne]) -> None:
        self.existantes = {cle_classe(c.nom): c for c in self.etablissement.classes.filter(
            annee=self.annee).select_related("referentiel")}
        self.referentiels = {}
        # Latest version first, so a bare code names the latest active version.
        for ref in Referentiel.objects.filter(actif=True).order_by("code", "-version"):
            for code in (ref.code, ref.code_diplome, f"{ref.code} {ref.version}"):
                if code:
                    self.referentiels.setdefault(normaliser(code), ref)

    def cle(self, ligne: Ligne):
        return _("division"), ligne["nom"]

    def comparable(self, valeur: str) -> str:
        return cle_classe(valeur)

    def analyser_ligne(self, ligne: Ligne, erreurs: list[str]) -> Operation | None:
        nom = self.requis(ligne, "nom", _("division"), erreurs)
        niveau = self.lire_valeur(erreurs, valeurs.choix, ligne["niveau"], _("niveau"), NIVEAUX)
        code = self.requis(ligne, "referentiel", _("code référentiel"), erreurs)
        referentiel = self.referentiels.get(normaliser(code))
        if code and referentiel is None:
            erreurs.append(_("référentiel « %(code)s » inconnu ou inactif (codes disponibles : "
                             "%(ok)s)") % {"code": code, "ok": ", ".join(sorted(
                                 {r.code for r in self.referentiels.values()})) or "—"})
        if erreurs:
            return None
        existante = self.existantes.get(cle_classe(nom))
        operation = Operation(ligne.numero, f"{nom} ({self.annee})", donnees={
            "classe": existante, "nom": nom, "niveau": niveau, "referentiel": referentiel})
        if existante is None:
            operation.action = Action.CREE
            operation.details.append(_("%(niveau)s, référentiel %(ref)s") % {
                "niveau": Niveau(niveau).label, "ref": referentiel.code})
            return operation
        if existante.niveau != niveau:
            operation.change(_("niveau : %(avant)s → %(apres)s") % {
                "avant": existante.get_niveau_display(), "apres": Niveau(niveau).label})
        if existante.referentiel_id != referentiel.pk:
            operation.change(_("référentiel : %(avant)s → %(apres)s") % {
                "avant": existante.referentiel, "apres": referentiel})
        return operation

    def appliquer(self, operation: Operation) -> None:
        d = operation.donnees
        classe = d["classe"] or Classe(etablissement=self.etablissement, annee=self.annee,
                                       nom=d["nom"])
        classe.niveau, classe.referentiel = d["niveau"], d["referentiel"]
        classe.full_clean()
        classe.save()
