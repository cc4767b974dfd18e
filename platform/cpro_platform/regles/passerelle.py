"""The gateway: the only code that calls the plugins' hooks at run time.

Views, PDFs, exports, the API and the sync ask a :class:`Regles` instead of ``pm.hook``: it
passes the rules frozen values and a :class:`ReferentielRef`, checks what they answer, and
turns any failure into an :class:`ErreurDeRegle` naming the plugin, its distribution and its
version. With ``incidents=`` a failed rule answers ``None`` and is recorded there (the page
renders what it can and says which plugin failed); without it the error is raised.

Cheap per call (the class view asks the positioning rule hundreds of times per page): hook
callers are looked up once, and the failing plugin is found only when something fails, from
the traceback (no per-call introspection).
"""
from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

from cpro_platform.plugins import CproPluginManager, PluginInfo

from .erreurs import ErreurDeRegle, Incidents
from .exports import (
    DemandeExport, Fichier, FormatEnregistre, FormatExport, Production, RienAExporter)
from .valeurs import (
    Agregat, BilanSuggere, CompetenceObservee, Degre, EpreuveNotee, EpreuveObservee,
    EtatCompetence, EvaluationObservee, GrilleStructure, Groupe, LigneGrille, NiveauCompetence,
    NoteEpreuve, NotePeriode, Ponderation, Projection, ReferentielRef, SituationObservee,
    Suggestion, Transfert)

logger = logging.getLogger(__name__)

#: Marks are out of 20.
NOTE_SUR = 20
#: The jury may move a computed mark by at most this many points, up or down. The mark rule
#: does not apply it: the host applies it and checks it against this limit.
MODULATION_MAX = Decimal(2)

Verifier = Callable[[object, dict], "str | None"]


class Regles:
    """The rules of one plugin manager. Build it once per manager (see :func:`regles`)."""

    def __init__(self, pm: CproPluginManager):
        self.pm = pm
        hook = pm.hook
        self._register_referentiels = hook.register_referentiels
        self._default_echelle = hook.default_echelle
        self._suggest_positionnement = hook.suggest_positionnement
        self._seuil_maitrise = hook.seuil_maitrise
        self._detect_transfert = hook.detect_transfert
        self._aggregate_niveaux = hook.aggregate_niveaux
        self._suggest_bilan = hook.suggest_bilan
        self._model_ponderations = hook.model_ponderations
        self._compute_note = hook.compute_note
        self._project_note = hook.project_note
        self._register_exports = hook.register_exports
        self._formats: dict[str, FormatEnregistre] | None = None
        self._grille_epreuve = hook.grille_epreuve
        self._compute_note_periode = hook.compute_note_periode
        self._correspondance_versions = hook.correspondance_versions

    # --- Referentials (used by the sync and the authoring kit) ----------------------------

    def referentiels_enregistres(self) -> list[tuple[PluginInfo, Path]]:
        """Every ``(plugin, data file)`` the plugins register, each file with who sent it.

        :raises ErreurDeRegle: naming the plugin whose ``register_referentiels`` raised.
        """
        found: list[tuple[PluginInfo, Path]] = []
        for impl in self._register_referentiels.get_hookimpls():
            info = self.info(impl.plugin_name)

            def register(path, _info=info):
                found.append((_info, Path(path)))

            try:
                impl.function(**({"register": register} if "register" in impl.argnames
                                 else {}))
            except Exception as exc:
                raise ErreurDeRegle(info, "register_referentiels",
                                    f"{type(exc).__name__}: {exc}") from exc
        return found

    def echelle_par_defaut(self, referentiel) -> tuple:
        """The scale (``referentiel.schema.Niveau`` values) of a referential declaring none;
        ``referentiel`` is the validated ``referentiel.schema.Referentiel``."""
        niveaux = self._appeler(self._default_echelle, (list, tuple), None,
                                {"referentiel": referentiel})
        return tuple(niveaux or ())

    # --- Tracking -------------------------------------------------------------------------

    def suggerer_positionnement(self, referentiel: ReferentielRef, competence: str,
                                evaluations: Sequence[EvaluationObservee],
                                echelle: Sequence[int], *,
                                incidents: Incidents | None = None) -> Suggestion | None:
        """The suggested level on one compétence (``evaluations`` oldest first)."""
        return self._appeler(
            self._suggest_positionnement, Suggestion, incidents,
            {"referentiel": referentiel, "competence": competence,
             "evaluations": tuple(evaluations), "echelle": tuple(echelle)},
            _niveau_sur_l_echelle)

    def seuil_maitrise(self, referentiel: ReferentielRef, echelle: Sequence[int], *,
                       incidents: Incidents | None = None) -> int | None:
        """The lowest level that counts as mastered."""
        return self._appeler(self._seuil_maitrise, int, incidents,
                             {"referentiel": referentiel, "echelle": tuple(echelle)},
                             _seuil_sur_l_echelle)

    def transfert(self, referentiel: ReferentielRef, competence: str,
                  situations: Sequence[SituationObservee], seuil: int | None, *,
                  incidents: Incidents | None = None) -> Transfert | None:
        """Whether the compétence transfers (``seuil`` from :meth:`seuil_maitrise`)."""
        return self._appeler(self._detect_transfert, Transfert, incidents,
                             {"referentiel": referentiel, "competence": competence,
                              "situations": tuple(situations), "seuil": seuil})

    def agreger(self, referentiel: ReferentielRef, groupe: Groupe,
                niveaux: Sequence[NiveauCompetence], echelle: Sequence[int], *,
                incidents: Incidents | None = None) -> Agregat | None:
        """A bloc's or a unit's level from its compétences' levels."""
        return self._appeler(self._aggregate_niveaux, Agregat, incidents,
                             {"referentiel": referentiel, "groupe": groupe,
                              "niveaux": tuple(niveaux), "echelle": tuple(echelle)},
                             _agregat_dans_l_echelle)

    # --- Bilans, marks, projections -------------------------------------------------------

    def suggerer_bilan(self, referentiel: ReferentielRef, date: datetime.date,
                       competences: Sequence[EtatCompetence], echelle: Sequence[int], *,
                       incidents: Incidents | None = None) -> BilanSuggere | None:
        """A level per compétence for a bilan at ``date``."""
        return self._appeler(self._suggest_bilan, BilanSuggere, incidents,
                             {"referentiel": referentiel, "date": date,
                              "competences": tuple(competences), "echelle": tuple(echelle)})

    def ponderation_modele(self, referentiel: ReferentielRef, epreuve: EpreuveObservee,
                           declarees: Mapping[str, Decimal] | None = None, *,
                           incidents: Incidents | None = None) -> Ponderation | None:
        """The model pondérations of an épreuve (``declarees``: the referential's own)."""
        return self._appeler(self._model_ponderations, Ponderation, incidents,
                             {"referentiel": referentiel, "epreuve": epreuve,
                              "ponderations": MappingProxyType(dict(declarees or {}))},
                             _ponderation_a_100)

    def noter(self, referentiel: ReferentielRef, epreuve: EpreuveObservee,
              profil: Mapping[str, int | None], ponderation: Ponderation,
              echelle: Sequence[int], *,
              incidents: Incidents | None = None) -> NoteEpreuve | None:
        """The mark out of :data:`NOTE_SUR` of a profile (compétence code → level)."""
        return self._appeler(self._compute_note, NoteEpreuve, incidents,
                             {"referentiel": referentiel, "epreuve": epreuve,
                              "profil": MappingProxyType(dict(profil)),
                              "ponderation": ponderation, "echelle": tuple(echelle)},
                             _note_sur_20)

    def projeter(self, referentiel: ReferentielRef, epreuve: EpreuveObservee,
                 profil: Mapping[str, int | None], ponderation: Ponderation,
                 couverture: Mapping[str, int], echelle: Sequence[int], *,
                 incidents: Incidents | None = None) -> Projection | None:
        """The mark range still reachable, and what is left to assess that weighs most
        (``couverture``: compétence code → situations in which it was assessed)."""
        echelle = tuple(echelle)

        def noter(autre_profil: Mapping[str, int | None]) -> NoteEpreuve | None:
            # The mark rule in force, so a projection agrees with the marks.
            return self.noter(referentiel, epreuve, autre_profil, ponderation, echelle)

        return self._appeler(self._project_note, Projection, incidents,
                             {"referentiel": referentiel, "epreuve": epreuve,
                              "profil": MappingProxyType(dict(profil)),
                              "ponderation": ponderation,
                              "couverture": MappingProxyType(dict(couverture)),
                              "echelle": echelle, "noter": noter},
                             _projection_ordonnee)

    # --- Export formats -------------------------------------------------------------------

    def formats_export(self) -> dict[str, FormatEnregistre]:
        """Every registered export format by code, in registration order (core plugins
        first), each with the plugin that sent it. Asked once per manager.

        :raises ErreurDeRegle: naming the plugin whose ``register_exports`` raised, registered
            something else than a valid ``FormatExport``, or reused another plugin's code.
        """
        if self._formats is not None:
            return self._formats
        formats: dict[str, FormatEnregistre] = {}
        for impl in self._register_exports.get_hookimpls():  # registration order
            info = self.info(impl.plugin_name)

            def register(format_, _info=info):
                if not isinstance(format_, FormatExport):
                    raise TypeError(f"register() takes a FormatExport, not a "
                                    f"{type(format_).__name__}")
                probleme = format_.probleme()
                if probleme:
                    raise ValueError(probleme)
                deja = formats.get(format_.code)
                if deja:
                    raise ValueError(f"format code {format_.code!r} is already registered by "
                                     f"{deja.plugin}")
                formats[format_.code] = FormatEnregistre(format_, _info)

            try:
                impl.function(**({"register": register} if "register" in impl.argnames
                                 else {}))
            except Exception as exc:
                raise ErreurDeRegle(info, "register_exports",
                                    f"{type(exc).__name__}: {exc}") from exc
        self._formats = formats
        return formats

    def produire_export(self, enregistre: FormatEnregistre,
                        demande: DemandeExport) -> Production:
        """Run a format's producer. ``RienAExporter`` passes through (its message is for
        the user); any other failure, or an answer that is not a ``Production`` of files,
        becomes an ``ErreurDeRegle`` naming the plugin."""
        nom = f"register_exports ({enregistre.code})"
        try:
            production = enregistre.format.produire(demande)
        except RienAExporter:
            raise
        except Exception as exc:
            raise ErreurDeRegle(enregistre.plugin, nom,
                                f"{type(exc).__name__}: {exc}") from exc
        probleme = _production_utilisable(enregistre.format, production)
        if probleme:
            raise ErreurDeRegle(enregistre.plugin, nom, probleme)
        return production

    # --- Certification --------------------------------------------------------------------

    def grille(self, referentiel: ReferentielRef, epreuve: EpreuveObservee,
               competences: Sequence[CompetenceObservee], echelle: Sequence[Degre], *,
               incidents: Incidents | None = None) -> GrilleStructure | None:
        """The layout of the (sous-)épreuve's CCF evaluation grid."""
        return self._appeler(self._grille_epreuve, GrilleStructure, incidents,
                             {"referentiel": referentiel, "epreuve": epreuve,
                              "competences": tuple(competences), "echelle": tuple(echelle)},
                             _grille_utilisable)

    def noter_periode(self, referentiel: ReferentielRef, epreuves: Sequence[EpreuveNotee], *,
                      incidents: Incidents | None = None) -> NotePeriode | None:
        """A period's mark out of :data:`NOTE_SUR` from the épreuves' marks at a bilan."""
        return self._appeler(self._compute_note_periode, NotePeriode, incidents,
                             {"referentiel": referentiel, "epreuves": tuple(epreuves)},
                             _note_sur_20)

    # --- Referential versions -------------------------------------------------------------

    def correspondance(self, source: ReferentielRef, cible: ReferentielRef, nature: str,
                       codes: Sequence[str], codes_cibles: Sequence[str]
                       ) -> dict[str, str | None]:
        """Where each of ``codes`` (of ``nature``: "competence", "critere", "epreuve",
        "activite") of ``source`` goes in ``cible``: a target code, or None when it has no
        place. Every code of ``codes`` is a key of the answer.

        :raises ErreurDeRegle: naming the plugin whose mapping raised or answered a code that
            is not one of ``codes_cibles``.
        """
        codes = tuple(dict.fromkeys(codes))
        reponse = self._appeler(
            self._correspondance_versions, Mapping, None,
            {"referentiel_source": source, "referentiel_cible": cible, "nature": nature,
             "codes": codes, "codes_cibles": tuple(codes_cibles)}, _codes_cibles_connus)
        reponse = reponse or {}
        return {code: reponse.get(code) for code in codes}

    # --- Calling and naming the culprit ---------------------------------------------------

    def info(self, name: str) -> PluginInfo:
        return self.pm.infos.get(name) or PluginInfo(name, "unknown distribution", "?")

    def _appeler(self, caller, attendu, incidents: Incidents | None, kwargs: dict,
                 verifier: Verifier | None = None):
        try:
            resultat = caller(**kwargs)
        except ErreurDeRegle as erreur:  # a rule another rule called (``noter``) failed
            return _echec(erreur, incidents)
        except Exception as exc:
            erreur = ErreurDeRegle(self._auteur_de(caller, exc), caller.name,
                                   f"{type(exc).__name__}: {exc}")
            erreur.__cause__ = exc
            return _echec(erreur, incidents)
        if resultat is None:
            return None
        if not isinstance(resultat, attendu):
            noms = attendu if isinstance(attendu, tuple) else (attendu,)
            probleme = (f"returned a {type(resultat).__name__}, expected "
                        f"{' or '.join(t.__name__ for t in noms)}")
        else:
            probleme = verifier(resultat, kwargs) if verifier else None
        if probleme:
            return _echec(ErreurDeRegle(self._auteur_du_resultat(caller, kwargs),
                                        caller.name, probleme), incidents)
        return resultat

    def _auteur_de(self, caller, exc: BaseException) -> PluginInfo:
        """The plugin whose implementation the exception went through (outermost first)."""
        par_code = {}
        for impl in caller.get_hookimpls():
            fonction = getattr(impl.function, "__func__", impl.function)
            code = getattr(fonction, "__code__", None)
            if code is not None:
                par_code.setdefault(code, impl.plugin_name)
        tb = exc.__traceback__
        while tb is not None:
            nom = par_code.get(tb.tb_frame.f_code)
            if nom is not None:
                return self.info(nom)
            tb = tb.tb_next
        return PluginInfo(f"? ({caller.name})", "unknown distribution", "?")

    def _auteur_du_resultat(self, caller, kwargs: dict) -> PluginInfo:
        """The plugin that gave a firstresult hook its answer: ask each implementation
        again, in pluggy's order (rules are pure; this runs only when an answer is bad)."""
        for impl in reversed(caller.get_hookimpls()):
            if impl.hookwrapper or impl.wrapper:
                continue
            try:
                if impl.function(*[kwargs[nom] for nom in impl.argnames]) is not None:
                    return self.info(impl.plugin_name)
            except Exception:
                continue
        return PluginInfo(f"? ({caller.name})", "unknown distribution", "?")


def _production_utilisable(format_: FormatExport, production) -> str | None:
    if not isinstance(production, Production):
        return f"returned a {type(production).__name__}, expected Production"
    if not all(isinstance(f, Fichier) and isinstance(f.contenu, bytes) and f.nom
               for f in production.fichiers):
        return "a produced file is not a Fichier with a name and bytes"
    if not format_.archive and len(production.fichiers) != 1:
        return f"produced {len(production.fichiers)} files; a .{format_.extension} format " \
               f"produces exactly one (or declare the extension 'zip')"
    return None


def _echec(erreur: ErreurDeRegle, incidents: Incidents | None):
    if incidents is None:
        raise erreur
    if incidents.signaler(erreur):
        logger.error("%s", erreur, exc_info=erreur)
    return None


def _niveau_sur_l_echelle(suggestion: Suggestion, kwargs: dict) -> str | None:
    if suggestion.niveau is None or suggestion.niveau in kwargs["echelle"]:
        return None
    return f"suggested level {suggestion.niveau} is not on the scale {kwargs['echelle']}"


def _seuil_sur_l_echelle(seuil: int, kwargs: dict) -> str | None:
    if seuil in kwargs["echelle"]:
        return None
    return f"threshold {seuil} is not on the scale {kwargs['echelle']}"


def _agregat_dans_l_echelle(agregat: Agregat, kwargs: dict) -> str | None:
    echelle = kwargs["echelle"]
    if agregat.niveau is None or not echelle or echelle[0] <= agregat.niveau <= echelle[-1]:
        return None
    return f"level {agregat.niveau} is outside the scale {echelle}"


def _ponderation_a_100(ponderation: Ponderation, kwargs: dict) -> str | None:
    if not ponderation.poids:
        return None
    if any(p.pourcentage < 0 for p in ponderation.poids):
        return "a pondération is negative"
    total = sum((p.pourcentage for p in ponderation.poids), Decimal(0))
    return None if total == 100 else f"pondérations sum to {total}, not 100"


def _note_sur_20(note: NoteEpreuve | NotePeriode, kwargs: dict) -> str | None:
    if note.note is None or 0 <= note.note <= note.sur == NOTE_SUR:
        return None
    return f"mark {note.note}/{note.sur} is not between 0 and {NOTE_SUR}"


def _projection_ordonnee(projection: Projection, kwargs: dict) -> str | None:
    bas, haut = projection.note_min, projection.note_max
    if bas is None or haut is None or bas <= haut:
        return None
    return f"projected minimum {bas} is above the maximum {haut}"


def _codes_cibles_connus(reponse: Mapping, kwargs: dict) -> str | None:
    cibles = set(kwargs["codes_cibles"])
    inconnus = sorted(str(v) for v in reponse.values() if v is not None and v not in cibles)
    if inconnus:
        return f"mapped to codes the target version does not have: {', '.join(inconnus)}"
    return None


def _grille_utilisable(grille: GrilleStructure, kwargs: dict) -> str | None:
    """Each line a compétence asked about, once; degree columns on the scale (the marks and
    the stored degrees depend on both)."""
    connues = {c.code for c in kwargs["competences"]}
    codes = [ligne.competence for ligne in grille.lignes]
    if any(not isinstance(ligne, LigneGrille) for ligne in grille.lignes):
        return "a grid line is not a LigneGrille"
    etrangeres = sorted(set(codes) - connues)
    if etrangeres:
        return f"lines for compétences the épreuve does not evaluate: {', '.join(etrangeres)}"
    if len(set(codes)) != len(codes):
        return "a compétence has several lines"
    valeurs = {d.valeur for d in kwargs["echelle"]}
    if len(grille.degres) < 2 or any(d.valeur not in valeurs for d in grille.degres):
        return f"degree columns {[d.valeur for d in grille.degres]} are not on the scale " \
               f"{sorted(valeurs)}"
    return None
