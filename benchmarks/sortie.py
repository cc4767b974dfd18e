"""One line per figure: ``name: value unit (target …) OK|MISS``; a miss says by how much.

Figures without a target end with ``(no target) INFO``; details follow after `` — ``.
"""


def _nombre(valeur: float, chiffres: int, unite: str = "") -> str:
    texte = f"{valeur:.{chiffres}f}"
    return f"{texte}{unite}" if unite in ("", "×") else f"{texte} {unite}"


def ligne(nom: str, valeur: float, unite: str, cible: float | None = None, *,
          au_plus: bool = True, chiffres: int = 1, details: str = "") -> str:
    texte = f"{nom}: {_nombre(valeur, chiffres, unite)}"
    if cible is None:
        texte += " (no target) INFO"
    else:
        signe = "≤" if au_plus else "≥"
        texte += f" (target {signe} {_nombre(cible, chiffres, unite)})"
        ok = valeur <= cible if au_plus else valeur >= cible
        if ok:
            texte += " OK"
        else:
            ecart = abs(valeur - cible)
            facteur = (valeur / cible if au_plus else cible / valeur) if valeur and cible else 0
            texte += f" MISS by {_nombre(ecart, chiffres, unite)}"
            if facteur:
                texte += f" ({facteur:.1f}× off)"
    return texte + (f" — {details}" if details else "")


def figure(say, nom: str, valeur: float, unite: str, cible: float | None = None,
           **options) -> None:
    say(ligne(nom, valeur, unite, cible, **options))


def echec(say, nom: str, pourquoi: str, cible: str) -> None:
    """A figure that could not be measured (an HTTP error, no such page): a MISS, said why."""
    say(f"{nom}: none (target {cible}) MISS — {pourquoi}")
