"""Import of learners (SIECLE-like columns), upserted by INE.

A known INE keeps its record: identity changes are applied, a change of statut opens a new
``Parcours`` (the old one is closed, never overwritten), and class membership is an
``Inscription`` in a class of the current school year.
"""
from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Apprenant, Inscription, Parcours, Statut
from ..services import inscrire
from ..validators import validate_ine
from . import valeurs
from .base import Action, Importateur, Operation
from .classes import cle_classe
from .lecture import Colonne, Ligne

STATUTS = valeurs.synonymes(
    (Statut.SCOLAIRE, ["scolaire", "sous statut scolaire", "eleve", "élève", "ST", "SCO",
                       "statut scolaire", "formation initiale"]),
    (Statut.APPRENTI, ["apprenti", "apprentie", "apprentissage", "AP", "APP",
                       "statut apprenti"]),
)


def _ine(ligne: Ligne) -> str:
    """The INE as stored: upper case, without the spaces some exports insert."""
    return ligne["ine"].replace(" ", "").upper()


def _date(d) -> str:
    return formats.date_format(d, "SHORT_DATE_FORMAT") if d else "—"


class ImportApprenants(Importateur):
    type = "apprenants"
    titre = gettext_lazy("Apprenants")
    description = gettext_lazy("Les élèves et apprentis (export SIECLE ou tableur) : INE, nom, "
                               "prénom, date de naissance, division, statut.")
    colonnes = [
        Colonne("ine", "INE", ("numéro INE", "identifiant national élève",
                                             "ID national", "INE élève")),
        Colonne("nom", "nom", ("nom de famille", "nom élève", "nom d'usage")),
        Colonne("prenom", "prénom", ("prénom 1", "premier prénom",
                                                   "prénom élève")),
        Colonne("date_naissance", "date de naissance",
                ("date naiss", "date naissance", "né(e) le", "né le", "née le", "naissance")),
        Colonne("classe", "division", ("classe", "code division",
                                                     "libellé division")),
        Colonne("statut", "statut", ("régime", "statut de l'élève"),
                obligatoire=False),
        Colonne("email", "e-mail", ("email", "courriel", "adresse électronique",
                                                  "mél"), obligatoire=False),
    ]

    def charger(self, lignes: list[Ligne]) -> None:
        self.classes = {cle_classe(c.nom): c for c in self.etablissement.classes.filter(
            annee=self.annee)}
        ines = {_ine(ligne) for ligne in lignes}
        self.connus = {a.ine: a for a in Apprenant.objects.filter(ine__in=ines).prefetch_related(
            Prefetch("parcours", to_attr="ouverts", queryset=Parcours.objects.filter(
                fin__isnull=True).select_related("etablissement")),
            Prefetch("inscriptions", to_attr="de_l_annee", queryset=Inscription.objects.filter(
                classe__etablissement=self.etablissement, classe__annee=self.annee
            ).select_related("classe")))}

    def cle(self, ligne: Ligne):
        return _("INE"), _ine(ligne)

    def analyser_ligne(self, ligne: Ligne, erreurs: list[str]) -> Operation | None:
        ine = _ine(ligne)
        if self.requis(ligne, "ine", _("INE"), erreurs):
            self.lire_valeur(erreurs, validate_ine, ine)
        nom = self.requis(ligne, "nom", _("nom"), erreurs)
        prenom = self.requis(ligne, "prenom", _("prénom"), erreurs)
        naissance = self.lire_valeur(erreurs, valeurs.date, ligne["date_naissance"],
                                     _("date de naissance"))
        statut = (self.lire_valeur(erreurs, valeurs.choix, ligne["statut"], _("statut"), STATUTS)
                  if ligne["statut"] else None)
        email = ligne["email"]
        if email:
            self.lire_valeur(erreurs, valeurs.email, email, _("e-mail"))
        division = self.requis(ligne, "classe", _("division"), erreurs)
        classe = self.classes.get(cle_classe(division))
        if division and classe is None:
            erreurs.append(_("classe « %(c)s » inconnue en %(annee)s : importez d’abord les "
                             "classes ou créez-la dans l’écran Classes")
                           % {"c": division, "annee": self.annee})
        if erreurs:
            return None
        donnees = {"ine": ine, "nom": nom, "prenom": prenom, "date_naissance": naissance,
                   "email": email, "classe": classe}
        operation = Operation(ligne.numero, f"{nom} {prenom} ({ine}) — {classe.nom}",
                              donnees=donnees)
        apprenant = self.connus.get(ine)
        if apprenant is None:
            donnees["statut"] = statut or Statut.SCOLAIRE
            operation.action = Action.CREE
            operation.details.append(_("%(statut)s, classe %(classe)s") % {
                "statut": Statut(donnees["statut"]).label, "classe": classe.nom})
            return operation
        donnees["apprenant"] = apprenant
        self._identite(apprenant, donnees, operation)
        self._parcours(apprenant, statut, donnees, operation, erreurs)
        self._classe(apprenant, classe, donnees, operation)
        return None if erreurs else operation

    def _identite(self, apprenant, donnees, operation) -> None:
        champs = [("nom", _("nom"), str), ("prenom", _("prénom"), str),
                  ("date_naissance", _("date de naissance"), _date),
                  ("email", _("e-mail"), str)]
        donnees["identite"] = {}
        for champ, libelle, montrer in champs:
            nouveau = donnees[champ]
            if nouveau in (None, "") and champ in ("date_naissance", "email"):
                continue  # an empty optional cell does not erase what is known
            if getattr(apprenant, champ) != nouveau:
                donnees["identite"][champ] = nouveau
                operation.change(_("%(champ)s : %(avant)s → %(apres)s") % {
                    "champ": libelle, "avant": montrer(getattr(apprenant, champ)) or "—",
                    "apres": montrer(nouveau)})

    def _parcours(self, apprenant, statut, donnees, operation, erreurs) -> None:
        courant = apprenant.ouverts[0] if apprenant.ouverts else None
        if courant and courant.etablissement_id != self.etablissement.pk:
            erreurs.append(_("l’apprenant %(ine)s est encore inscrit dans un autre établissement "
                             "(%(e)s) : celui-ci doit d’abord clore son parcours")
                           % {"ine": apprenant.ine, "e": courant.etablissement.nom})
            return
        cible = statut or (courant.statut if courant else Statut.SCOLAIRE)
        donnees["statut"] = cible
        if courant is None:
            operation.change(_("arrivée dans l’établissement (%(statut)s)")
                             % {"statut": Statut(cible).label})
        elif courant.statut != cible:
            if courant.debut >= self.date:
                erreurs.append(_("le statut de l’apprenant a déjà changé le %(d)s : modifiez-le "
                                 "depuis sa fiche") % {"d": _date(courant.debut)})
                return
            operation.change(_("statut : %(avant)s → %(apres)s (nouveau parcours, l’ancien est "
                               "conservé)") % {"avant": courant.get_statut_display(),
                                               "apres": Statut(cible).label})

    def _classe(self, apprenant, classe, donnees, operation) -> None:
        donnees["quitte"], donnees["reprend"] = [], None
        for inscription in apprenant.de_l_annee:
            if inscription.classe_id == classe.pk:
                if not inscription.en_cours:
                    donnees["reprend"] = inscription
                    operation.change(_("retour dans la classe %(c)s") % {"c": classe.nom})
            elif inscription.en_cours:
                donnees["quitte"].append(inscription)
                operation.change(_("quitte la classe %(c)s") % {"c": inscription.classe.nom})
        if not any(i.classe_id == classe.pk for i in apprenant.de_l_annee):
            operation.change(_("inscription en classe %(c)s") % {"c": classe.nom})

    def appliquer(self, operation: Operation) -> None:
        d = operation.donnees
        apprenant = d.get("apprenant")
        if apprenant is not None:
            for champ, valeur in d["identite"].items():
                setattr(apprenant, champ, valeur)
            if d["identite"]:
                apprenant.full_clean()
                apprenant.save()
            for inscription in d["quitte"]:
                inscription.terminer(self.date)
            if d["reprend"] is not None:
                d["reprend"].fin = None
                d["reprend"].save()
        inscrire(self.etablissement, ine=d["ine"], nom=d["nom"], prenom=d["prenom"],
                 statut=d["statut"], classe=d["classe"], debut=self.date,
                 date_naissance=d["date_naissance"], email=d["email"])
