"""Importing a verified archive: the preview, then the all-or-nothing commit.

The preview *is* the import, run inside a transaction that is rolled back (and without
writing files): what it says will be created or found is exactly what the commit does. The
commit runs the same code in one transaction; a failure anywhere leaves nothing behind (and
removes the files it had stored).

Rows are matched by their natural key (``specs.Spec.cle``), so an archive imported twice
changes nothing the second time (the preview says so). The learner is matched by INE and
merged only when the identity matches; people by e-mail, else created inactive without a
password; establishments by UAI, else created for the record only (nobody administers them).
"""
from collections import Counter

import jsonschema
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from simple_history.manager import HistoryManager

from cpro_platform.etablissements.models import Apprenant, Etablissement
from cpro_platform.livret.resume import recalculer
from cpro_platform.livret.versions import toucher
from cpro_platform.regles import ErreurDeRegle
from cpro_platform.suivi.preuves import type_detecte

from .apercu import Apercu
from .archive import ArchiveVerifiee
from .referentiels import placer
from .schema import schema_a_l_import
from .serialisation import canonique
from .specs import REFERENTIELS, SPECS, Spec, en_masse

User = get_user_model()


class _Annuler(Exception):
    """Rolls the preview's transaction back."""


class _Refus(Exception):
    pass


def _identite(champs: dict) -> str:
    naissance = parse_date(champs.get("date_naissance") or "")
    texte = f"{champs.get('prenom', '')} {champs.get('nom', '')}".strip()
    if naissance:
        texte += _(" (né·e le %(date)s)") % {"date": date_format(naissance, "SHORT_DATE_FORMAT")}
    return texte


def _meme_identite(apprenant: Apprenant, champs: dict) -> bool:
    def norme(texte):
        return slugify(texte or "")
    naissance = parse_date(champs.get("date_naissance") or "")
    return (norme(apprenant.nom) == norme(champs.get("nom"))
            and norme(apprenant.prenom) == norme(champs.get("prenom"))
            and (not naissance or not apprenant.date_naissance
                 or naissance == apprenant.date_naissance))


class Importeur:
    def __init__(self, archive: ArchiveVerifiee, etablissement: Etablissement | None = None,
                 auteur=None):
        self.archive = archive
        self.auteur = auteur
        #: label → natural key → pk, and the first key values already read
        self.index: dict[str, dict[tuple, int]] = {}
        self.lus: dict[str, set] = {}
        self.objets_crees: dict[type, list] = {}
        #: New rows of an ``en_masse()`` model, inserted together once its rows are read.
        self.a_inserer: list = []
        self.parcours = archive.parcours
        self.records: dict[str, list[dict]] = self.parcours.get("enregistrements", {})
        self.etablissement = etablissement
        self.pks: dict[str, int] = {}
        self.places: dict[str, int] = {}
        self.crees: Counter = Counter()
        self.retrouves: Counter = Counter()
        self.fichiers_ecrits: list[tuple[object, str]] = []
        self.fichiers_stockes: dict[tuple[str, str], str] = {}
        self.ecrire_fichiers = False
        self.apercu = Apercu(empreinte=archive.empreinte, de_confiance=archive.de_confiance,
                             installation=self.parcours.get("installation", {}).get("nom", ""),
                             exporte_le=self.parcours.get("exporte_le", ""))

    # --- what the archive holds -------------------------------------------------------

    def _apprenant(self) -> dict:
        ref = self.parcours.get("apprenant")
        for rec in self.records.get("etablissements.apprenant", []):
            if rec.get("ref") == ref:
                return rec["champs"]
        raise _Refus(_("L’archive ne contient pas l’apprenant qu’elle annonce."))

    def _pointeurs(self) -> list[dict]:
        vus = {}
        for spec in SPECS:
            champs = [f for f in spec.champs_exportes()
                      if f.is_relation and f.related_model._meta.label_lower in REFERENTIELS]
            for rec in self.records.get(spec.label, []):
                for f in champs:
                    valeur = rec["champs"].get(f.name)
                    for p in (valeur or []) if f.many_to_many else [valeur] if valeur else []:
                        vus[canonique(p)] = p
        return list(vus.values())

    # --- checks before anything is written ----------------------------------------------

    def verifier(self) -> None:
        """Refusals that need no writing: shape, identity, referentials, files."""
        erreur = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema_a_l_import()).iter_errors(self.parcours))
        if erreur is not None:
            raise _Refus(_("« parcours.json » ne suit pas le format %(format)s (à « %(ou)s ») : "
                           "%(detail)s. Rien n’a été importé.") % {
                "format": "cpro-parcours 1",
                "ou": "/".join(str(p) for p in erreur.absolute_path) or "/",
                "detail": erreur.message})
        champs = self._apprenant()
        self.apercu.apprenant = _identite(champs)
        self.apercu.ine = champs.get("ine", "")
        existant = Apprenant.objects.filter(ine=self.apercu.ine).first()
        if existant and not _meme_identite(existant, champs):
            raise _Refus(_("INE %(ine)s déjà utilisé par %(qui)s : le dossier est celui de "
                           "%(dossier)s. Rien n’a été importé.") % {
                "ine": self.apercu.ine,
                "qui": _identite({"nom": existant.nom, "prenom": existant.prenom,
                                  "date_naissance": existant.date_naissance
                                  and existant.date_naissance.isoformat()}),
                "dossier": self.apercu.apprenant})
        self.apercu.apprenant_existe = existant is not None
        if existant and self.etablissement and not existant.parcours.filter(
                etablissement=self.etablissement).exists():
            ailleurs = existant.parcours.filter(fin__isnull=True).select_related(
                "etablissement").first()
            if ailleurs:
                # As for an enrolment by INE (etablissements.services.inscrire).
                raise _Refus(_("L’apprenant %(ine)s est encore inscrit dans un autre "
                               "établissement (%(etablissement)s) : celui-ci doit d’abord clore "
                               "son parcours (date de départ). Rien n’a été importé.") % {
                    "ine": existant.ine, "etablissement": ailleurs.etablissement.nom})
        if not existant:
            self._verifier_compte(champs)
        try:
            placements, self.places = placer(self.parcours.get("referentiels", []),
                                             self._pointeurs())
        except ErreurDeRegle as erreur:
            raise _Refus(_("La correspondance des versions de référentiel a échoué : le "
                           "plugin %(plugin)s (%(detail)s).") % {
                "plugin": erreur.plugin.name, "detail": erreur.detail}) from None
        refus = [p.refus() for p in placements.values() if p.cible is None or p.non_places]
        if refus:
            raise _Refus(_("Des évaluations ou des données portent sur un référentiel que "
                           "cette installation ne peut pas placer : %(refus)s.")
                         % {"refus": " — ".join(refus)})
        self.apercu.referentiels = [p.description() for p in placements.values()]
        for spec in SPECS:
            for f in spec.champs_exportes():
                if not isinstance(f, models.FileField):
                    continue
                for rec in self.records.get(spec.label, []):
                    chemin = rec["champs"].get(f.name)
                    if not chemin:
                        continue
                    if chemin not in self.archive.fichiers:
                        raise _Refus(_("Le fichier « %(nom)s » manque dans l’archive.")
                                     % {"nom": chemin})
                    if type_detecte(self.archive.fichiers[chemin]) is None:
                        raise _Refus(_("Le fichier « %(nom)s » n’est ni une image (JPEG, PNG, "
                                       "WebP) ni un PDF : refusé.") % {"nom": chemin})

    def _verifier_compte(self, champs: dict) -> None:
        """The new learner's account is matched by e-mail like anyone's, but only to an
        account that is nobody else's learner account and holds no staff role here: an
        archive never turns a colleague's account into a learner's."""
        ref = champs.get("user")
        compte = next((r["champs"] for r in self.records.get("auth.user", [])
                       if r.get("ref") == ref), None)
        if not compte or not compte.get("email"):
            return
        local = User.objects.filter(email__iexact=compte["email"]).order_by("pk").first()
        if local is None:
            return
        autre = Apprenant.objects.filter(user=local).first()
        if autre or local.is_staff or local.is_superuser or local.roles.exists():
            raise _Refus(_("Le compte de l’apprenant (%(email)s) est ici celui %(qui)s : "
                           "changez l’adresse électronique du compte dans l’installation "
                           "d’origine, ou ici. Rien n’a été importé.") % {
                "email": compte["email"],
                "qui": (_("d’un autre apprenant (%(nom)s)") % {"nom": autre.nom_complet})
                if autre else _("d’un membre du personnel")})

    # --- writing ------------------------------------------------------------------------

    def _valeur(self, f, valeur):
        """The archive's value of field ``f`` as the model takes it (attname → value)."""
        if valeur is None:
            return None
        if f.is_relation:
            if f.related_model._meta.label_lower in REFERENTIELS:
                return self.places[canonique(valeur)]
            if valeur not in self.pks:
                raise _Refus(_("L’archive est incohérente : « %(ref)s » n’y est pas décrit.")
                             % {"ref": valeur})
            return self.pks[valeur]
        if isinstance(f, models.FileField):
            return valeur
        return f.to_python(valeur)

    def _chercher(self, spec: Spec, valeurs: dict) -> int | None:
        """The pk of the row with the same natural key, if any. Rows are read per value of
        the key's first field, once (a learner's thousands of evaluations: one query)."""
        if spec.model is User:
            qs = User.objects.filter(email__iexact=valeurs["email"]) if valeurs.get("email") \
                else User.objects.filter(email="", is_active=False,
                                         first_name=valeurs.get("first_name", ""),
                                         last_name=valeurs.get("last_name", ""))
            return qs.order_by("pk").values_list("pk", flat=True).first()
        if not spec.cle:
            return None
        attnames = self._attnames_cle(spec)
        index = self.index.setdefault(spec.label, {})
        lus = self.lus.setdefault(spec.label, set())
        premier = valeurs[attnames[0]]
        if premier not in lus:
            lus.add(premier)
            for pk, *cle in spec.model._default_manager.filter(
                    **{attnames[0]: premier}).order_by("pk").values_list("pk", *attnames):
                index.setdefault(tuple(cle), pk)
        return index.get(tuple(valeurs[a] for a in attnames))

    @staticmethod
    def _attnames_cle(spec: Spec) -> list[str]:
        return [spec.model._meta.get_field(c).attname for c in spec.cle]

    def _nouvel_utilisateur(self, valeurs: dict):
        base = (valeurs.get("email") or slugify(
            f"{valeurs.get('first_name', '')}.{valeurs.get('last_name', '')}") or "personne")
        base = base[:140]
        nom, n = base, 1
        while User.objects.filter(username=nom).exists():
            n += 1
            nom = f"{base}-{n}"
        user = User(username=nom, is_active=False, **valeurs)
        user.set_unusable_password()
        return user

    def _fichier(self, objet, f, chemin: str) -> None:
        if not chemin:
            return
        cle = (f.model._meta.label_lower + "." + f.name, chemin)
        if cle in self.fichiers_stockes:
            setattr(objet, f.name, self.fichiers_stockes[cle])
            return
        if not self.ecrire_fichiers:
            setattr(objet, f.name, chemin)  # the preview stores nothing
            return
        champ = getattr(objet, f.name)
        champ.save(chemin.rsplit("/", 1)[-1], ContentFile(self.archive.fichiers[chemin]),
                   save=False)
        self.fichiers_ecrits.append((champ.storage, champ.name))
        self.fichiers_stockes[cle] = champ.name

    def _creer(self, spec: Spec, rec: dict) -> None:
        champs = spec.champs_exportes()
        valeurs, m2m, fichiers = {}, {}, {}
        for f in champs:
            brut = rec["champs"].get(f.name)
            if f.many_to_many:
                m2m[f.name] = [self._valeur(f, v) for v in brut or []]
            elif isinstance(f, models.FileField):
                fichiers[f] = brut or ""
                valeurs[f.attname] = ""
            else:
                valeurs[f.attname] = self._valeur(f, brut)
        trouve = self._chercher(spec, valeurs)
        if trouve is not None:
            self.pks[rec["ref"]] = trouve
            self.retrouves[spec.label] += 1
            self._noter_personne_ou_etablissement(spec, trouve, True)
            return
        if spec.model is User:
            objet = self._nouvel_utilisateur(valeurs)
        else:
            objet = spec.model(**{**valeurs, **{
                spec.model._meta.get_field(n).attname: v for n, v in spec.differes.items()}})
        for f, chemin in fichiers.items():
            self._fichier(objet, f, chemin)
        self.crees[spec.label] += 1
        self.objets_crees.setdefault(spec.model, []).append(objet)
        if spec.label in en_masse():
            # Nobody points to it: its primary key waits for the bulk insert (``ecrire``);
            # the index only has to say a twin of it is already there.
            self.a_inserer.append(objet)
            self.pks[rec["ref"]] = None
            if spec.cle:
                self.index.setdefault(spec.label, {}).setdefault(
                    tuple(valeurs[a] for a in self._attnames_cle(spec)), 0)
            return
        # Saved as presented, like a fixture: the archive's timestamps are kept, and the
        # per-row signals (livret versions, audit) wait for ``terminer``.
        objet.save_base(raw=True)
        self.pks[rec["ref"]] = objet.pk
        if spec.cle and spec.model is not User:
            self.index.setdefault(spec.label, {}).setdefault(
                tuple(valeurs[a] for a in self._attnames_cle(spec)), objet.pk)
        self._noter_personne_ou_etablissement(spec, objet.pk, False)
        for nom, pks in m2m.items():
            getattr(objet, nom).set(pks)
        for enfant in spec.enfants:
            self._creer_enfants(enfant, rec["ref"])
        if spec.differes:
            spec.model._default_manager.filter(pk=objet.pk).update(**{
                spec.model._meta.get_field(n).attname:
                valeurs[spec.model._meta.get_field(n).attname] for n in spec.differes})

    def _creer_enfants(self, label: str, ref_parent: str) -> None:
        spec = next(s for s in SPECS if s.label == label)
        for rec in self.records.get(label, []):
            if rec["ref"] not in self.pks and ref_parent in rec["champs"].values():
                self._creer(spec, rec)

    def _noter_personne_ou_etablissement(self, spec: Spec, pk: int, trouve: bool) -> None:
        if spec.model is User:
            objet = User.objects.get(pk=pk)
            self.apercu.personnes.append((objet.get_full_name() or objet.get_username(),
                                          objet.email, trouve))
        elif spec.model is Etablissement:
            objet = Etablissement.objects.get(pk=pk)
            self.apercu.etablissements.append((objet.uai, objet.nom, trouve))

    def _dans_l_ordre(self, spec: Spec) -> list[dict]:
        """The model's rows, a row pointing to another of the same model after it."""
        soi = [f.name for f in spec.champs_exportes()
               if f.is_relation and not f.many_to_many and f.related_model is spec.model]
        restants = [r for r in self.records.get(spec.label, []) if r["ref"] not in self.pks]
        if not soi:
            return restants
        ordre, refs = [], {r["ref"] for r in restants}
        while restants:
            prets = [r for r in restants if all(
                r["champs"].get(n) not in refs or r["champs"].get(n) in {o["ref"] for o in ordre}
                for n in soi)]
            if not prets:
                raise _Refus(_("L’archive est incohérente : références circulaires."))
            ordre += prets
            restants = [r for r in restants if r not in prets]
        return ordre

    def ecrire(self) -> None:
        for spec in SPECS:
            for rec in self._dans_l_ordre(spec):
                if rec["ref"] not in self.pks:
                    self._creer(spec, rec)
            if self.a_inserer:
                # Like ``save_base(raw=True)``: no signal; the fields' values as they are.
                spec.model._base_manager.bulk_create(self.a_inserer, batch_size=500)
                self.a_inserer = []
        self.apercu.lignes = [
            (str(spec.model._meta.verbose_name_plural), self.crees[spec.label],
             self.retrouves[spec.label])
            for spec in SPECS if self.crees[spec.label] or self.retrouves[spec.label]]
        self._ouvrir_parcours()
        self._terminer()

    def _terminer(self) -> None:
        """What per-row signals would have done, once: the audit log gets the created rows
        (as created by the importing person), the learner's livret is recomputed."""
        for model, objets in self.objets_crees.items():
            if isinstance(getattr(model, "history", None), HistoryManager):
                model.history.bulk_history_create(
                    objets, default_user=self.auteur,
                    default_change_reason=_("Import du dossier d’un apprenant"))
        apprenant_pk = self.pks[self.parcours["apprenant"]]
        toucher([apprenant_pk])
        recalculer([apprenant_pk])

    def _ouvrir_parcours(self) -> None:
        """In the importing establishment, the learner's path continues from today."""
        if self.etablissement is None:
            return
        apprenant = Apprenant.objects.get(pk=self.pks[self.parcours["apprenant"]])
        if apprenant.parcours.filter(etablissement=self.etablissement).exists():
            return
        dernier = apprenant.parcours.order_by("-debut").first()
        statut = dernier.statut if dernier else "scolaire"
        debut = timezone.localdate()
        apprenant.changer_parcours(etablissement=self.etablissement, statut=statut, date=debut)
        self.apercu.parcours_ouvert = _(
            "%(etablissement)s à partir du %(date)s (%(statut)s)") % {
            "etablissement": self.etablissement.nom,
            "date": date_format(debut, "SHORT_DATE_FORMAT"),
            "statut": dernier.get_statut_display() if dernier else statut}


def importer(archive: ArchiveVerifiee, *, etablissement: Etablissement | None = None,
             confirmer: bool = False, auteur=None, verifie=None) -> Apercu:
    """Preview (``confirmer=False``: nothing stays) or commit the archive's import; the
    refusals are in ``Apercu.refus`` (French), and then nothing was written. ``verifie()`` is
    called once the checks that write nothing passed (the background run's progress)."""
    importeur = Importeur(archive, etablissement, auteur)
    importeur.ecrire_fichiers = confirmer
    try:
        importeur.verifier()
        if verifie:
            verifie()
        with transaction.atomic():
            importeur.ecrire()
            if not confirmer:
                raise _Annuler
    except _Annuler:
        pass
    except _Refus as refus:
        importeur.apercu.refus.append(str(refus))
    except ValidationError as erreur:
        importeur.apercu.refus.append(_("Le dossier ne peut pas être importé : %(detail)s "
                                        "Rien n’a été importé.")
                                      % {"detail": " ".join(erreur.messages)})
    except (IntegrityError, DatabaseError, KeyError, TypeError, ValueError,
            AttributeError) as erreur:
        importeur.apercu.refus.append(_(
            "L’archive n’a pas pu être importée (%(detail)s). Rien n’a été importé.")
            % {"detail": f"{type(erreur).__name__}: {erreur}"})
    else:
        importeur.apercu.fait = True
    if not importeur.apercu.fait:
        for stockage, nom in importeur.fichiers_ecrits:
            stockage.delete(nom)
    return importeur.apercu

