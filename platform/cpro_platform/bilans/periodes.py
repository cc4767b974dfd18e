"""Notes de période: on a campaign (a period, e.g. « Bilan de 1re période »), a mark /20 per
learner from their validated bilan of that campaign — the épreuves' marks at that bilan
weighted by their certification coefficients (the gateway's ``noter_periode``; default
``core_plugins.default_note_periode``).

Optional and explicit: the teacher asks for them for the whole class
(:func:`calculer_campagne`); nothing computes them on its own. They are stored append-only
and modulated within ±2 points with a reason like an épreuve's mark (``bilans.modulation``).

An épreuve counts with its mark **retained** at the bilan (the team's, modulation included).
One without a mark yet gets it computed and stored on the way (``notes.arreter_note``, not
modulated: the team may modulate it afterwards and ask again); one that cannot be marked (no
weighted compétence assessed at the bilan's date) is left aside, and the explanation says
so. Each period mark records the ``Note`` rows it combined: when they are no longer the
bilan's current marks, the mark shows as « à recalculer », and asking again recomputes it —
only it: up-to-date marks, and their modulations, are kept.
"""
from collections import defaultdict
from decimal import Decimal
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from cpro_platform.etablissements.models import Apprenant
from cpro_platform.referentials.models import Epreuve
from cpro_platform.regles import EpreuveNotee, NotePeriode, regles

from .bareme import bareme_de, ponderations_propres
from .lecture import profil
from .models import Bilan, Campagne, NiveauBilan, Note, NoteDePeriode
from .modulation import arreter
from .notes import arreter_note


def bilans_de_la_periode(campagne: Campagne) -> list[Bilan]:
    """Each learner's validated bilan of the campaign that no correction replaces."""
    return list(Bilan.objects.en_vigueur().filter(campagne=campagne)
                .select_related("apprenant", "referentiel")
                .order_by("apprenant__nom", "apprenant__prenom", "pk"))


def en_vigueur_parmi(bilans: list[Bilan]) -> list[Bilan]:
    """:func:`bilans_de_la_periode` from a campaign's bilans already read (corrections are
    in the campaign of the bilan they replace), by learner's name."""
    remplaces = {b.remplace_id for b in bilans if b.valide and b.remplace_id}
    return sorted((b for b in bilans if b.valide and b.pk not in remplaces),
                  key=lambda b: (b.apprenant.nom, b.apprenant.prenom, b.pk))


def _notes_d_epreuve(bilan_ids) -> dict[int, dict[int, Note]]:
    """bilan id → épreuve id → its current mark, for the top-level épreuves (one query)."""
    out: dict[int, dict[int, Note]] = defaultdict(dict)
    for note in Note.objects.filter(bilan_id__in=bilan_ids, courante=True,
                                    epreuve__parent__isnull=True):
        out[note.bilan_id][note.epreuve_id] = note
    return out


def a_jour(periode: NoteDePeriode, derniere_note: int | None) -> bool:
    """Does ``periode`` combine the bilan's current épreuve marks? ``derniere_note``: the
    newest current one's id. Marks are only ever added (a change is a new row, with a higher
    id), so any change since the period mark shows as a newer current mark than those it
    recorded."""
    explication = periode.explication if isinstance(periode.explication, dict) else {}
    combinees = [i for i in explication.get("notes_combinees") or () if isinstance(i, int)]
    return max(combinees, default=0) >= (derniere_note or 0)


@dataclass
class EtatPeriode:
    """A learner's period mark as the pages show it."""

    bilan: Bilan
    courante: NoteDePeriode | None
    a_jour: bool = True


CENTIEME = Decimal("0.01")
_CHAMPS = ("pk", "note", "note_calculee", "modulation", "motif", "explication", "cree_le",
           "auteur_id")


def avec_periodes(bilans: QuerySet[Bilan]) -> QuerySet[Bilan]:
    """``bilans`` with their current period mark (``periode_<field>``) and the id of their
    newest current épreuve mark (``derniere_note``), read in the same query — the class
    view's budget has no room for another one."""
    courante = NoteDePeriode.objects.filter(bilan=OuterRef("pk"), courante=True)
    champs = {f"periode_{c}": Subquery(courante.values(c)[:1], output_field=(
        NoteDePeriode._meta.get_field(c) if c != "pk" else IntegerField()))
        for c in _CHAMPS}
    return bilans.annotate(**champs, derniere_note=Subquery(
        Note.objects.filter(bilan=OuterRef("pk"), courante=True, epreuve__parent__isnull=True)
        .order_by("-pk").values("pk")[:1]))


def etat_de(bilan: Bilan) -> EtatPeriode:
    """The period mark of a bilan read through :func:`avec_periodes`."""
    if getattr(bilan, "periode_pk", None) is None:
        return EtatPeriode(bilan, None)
    valeurs = {c: getattr(bilan, f"periode_{c}") for c in _CHAMPS}
    for c in ("note", "note_calculee", "modulation"):   # a subquery's decimals are not
        valeurs[c] = Decimal(valeurs[c]).quantize(CENTIEME)   # quantized on every backend
    courante = NoteDePeriode(bilan=bilan, courante=True, **valeurs)
    return EtatPeriode(bilan, courante, a_jour(courante, bilan.derniere_note))


def lire_periodes(bilans: list[Bilan]) -> dict[int, EtatPeriode]:
    """bilan id → its current period mark and whether it is up to date (one query)."""
    lus = {b.pk: b for b in avec_periodes(Bilan.objects.filter(pk__in=[b.pk for b in bilans]))}
    out = {}
    for bilan in bilans:
        for c in _CHAMPS + ("derniere_note",):
            nom = c if c == "derniere_note" else f"periode_{c}"
            setattr(bilan, nom, getattr(lus[bilan.pk], nom, None) if bilan.pk in lus else None)
        out[bilan.pk] = etat_de(bilan)
    return out


def historique(bilan: Bilan) -> list[NoteDePeriode]:
    return list(bilan.notes_periode.select_related("auteur").order_by("-cree_le", "-pk"))


def explication(periode: NotePeriode, epreuves: dict[str, tuple[str, Note | None]]) -> dict:
    """The rule's answer as stored ("pourquoi cette note"), each part with the épreuve mark
    it came from (``epreuves``: code → (title, current ``Note`` or None))."""
    def part(p) -> dict:
        intitule, note = epreuves.get(p.epreuve, ("", None))
        return {"epreuve": p.epreuve, "intitule": intitule, "note": str(p.note),
                "coefficient": str(p.coefficient), "points": str(p.points),
                "note_id": note.pk if note else None,
                "note_calculee": str(note.note_calculee) if note else None,
                "modulation": str(note.modulation) if note else "0"}
    return {"parts": [part(p) for p in periode.parts],
            "laissees": [{"epreuve": code, "intitule": epreuves.get(code, ("", None))[0]}
                         for code in periode.laissees],
            "formule": periode.formule, "calcul": periode.calcul, "regle": periode.regle,
            "sur": periode.sur,
            # Every épreuve mark the rule was given, even one a plugin left out of ``parts``.
            "notes_combinees": sorted(note.pk for _i, note in epreuves.values() if note)}


@dataclass
class CalculDePeriode:
    """What asking for the period marks of a class did."""

    calculees: list[NoteDePeriode] = field(default_factory=list)
    inchangees: int = 0
    notes_epreuve: int = 0                    # épreuve marks computed on the way
    sans_note: list[Apprenant] = field(default_factory=list)


def calculer_campagne(campagne: Campagne, auteur) -> CalculDePeriode:
    """The period mark of every learner of the campaign whose bilan is validated, where it is
    missing or no longer up to date. All or nothing: ``ValidationError`` (French) without any
    validated bilan, ``ErreurDeRegle`` when a plugin's rule fails — nothing is written then.
    Constant queries per class for the reading, a few per mark written."""
    bilans = bilans_de_la_periode(campagne)
    if not bilans:
        raise ValidationError(_("Aucun bilan validé dans cette campagne : une note de période "
                                "se calcule sur le bilan validé de chaque apprenant."))
    referentiel = bilans[0].referentiel
    bareme = bareme_de(referentiel)
    par_code = {e.code: e for e in Epreuve.objects.filter(referentiel=referentiel,
                                                           parent__isnull=True)}
    propres = ponderations_propres([b.apprenant_id for b in bilans], referentiel)
    lignes = defaultdict(list)
    for ligne in NiveauBilan.objects.filter(bilan__in=bilans).select_related("competence"):
        lignes[ligne.bilan_id].append(ligne)
    notes = _notes_d_epreuve([b.pk for b in bilans])
    etats = lire_periodes(bilans)
    resultat = CalculDePeriode()
    with transaction.atomic():
        for bilan in bilans:
            courantes = notes[bilan.pk]
            profil_ = profil(bilan, lignes[bilan.pk])
            for observee in bareme.epreuves:
                epreuve = par_code.get(observee.code)
                if epreuve is None or epreuve.pk in courantes:
                    continue
                ponderation = bareme.ponderation(observee, propres.get(bilan.apprenant_id, {}),
                                                 None)
                note = ponderation and regles().noter(bareme.ref, observee, profil_,
                                                      ponderation, bareme.echelle)
                if note and note.note is not None:
                    courantes[epreuve.pk] = arreter_note(bilan, epreuve, note, ponderation,
                                                         auteur)
                    resultat.notes_epreuve += 1
            etat = etats[bilan.pk]
            if etat.courante is not None and a_jour(etat.courante, max(
                    (n.pk for n in courantes.values()), default=None)):
                resultat.inchangees += 1
                continue
            epreuves = {o.code: (o.intitule, courantes.get(par_code[o.code].pk)
                                 if o.code in par_code else None) for o in bareme.epreuves}
            periode = regles().noter_periode(bareme.ref, [
                EpreuveNotee(o.code, o.intitule, o.coefficient,
                             epreuves[o.code][1].note if epreuves[o.code][1] else None)
                for o in bareme.epreuves])
            if periode is None or periode.note is None:
                resultat.sans_note.append(bilan.apprenant)
                continue
            resultat.calculees.append(arreter(
                NoteDePeriode, bilan, {}, auteur=auteur, note_calculee=periode.note,
                note=periode.note, explication=explication(periode, epreuves)))
    return resultat
