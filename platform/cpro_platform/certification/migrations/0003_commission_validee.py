"""The database itself refuses to change anything of a session whose commission validated,
and to rewrite a commission's adjustment (append-only: it may only stop being current).

Frozen: the session, its situations d'évaluation and their learners, candidates' statuses,
grids, degrees, reopenings, the commission, its members and its adjustments. SQLite: INSERT
and UPDATE (before and after the change: nothing moves out of a frozen session). PostgreSQL:
the same and DELETE too. (SQLite has no TRUNCATE: Django's test flush deletes rows one by
one, so a DELETE trigger there would make the test database impossible to empty; the model
layer refuses deletes on both, see ``certification.gel``.)
"""
from django.db import migrations

MESSAGE = "commission validee : la session est figee et archivee"
MESSAGE_AJUSTEMENT = "ajustement de la commission : ajout seul (enregistrez-en un nouveau)"
VALIDEE = "validee"

#: table → SQL giving the session of row ``{r}`` (NEW or OLD).
SESSION_DE = {
    "certification_sessionexamen": "{r}.id",
    "certification_situationevaluation": "{r}.session_id",
    "certification_candidature": "{r}.session_id",
    "certification_grilleccf": "{r}.session_id",
    "certification_commission": "{r}.session_id",
    "certification_degregrille":
        "(SELECT session_id FROM certification_grilleccf WHERE id = {r}.grille_id)",
    "certification_reouverturegrille":
        "(SELECT session_id FROM certification_grilleccf WHERE id = {r}.grille_id)",
    "certification_situationevaluation_apprenants":
        "(SELECT session_id FROM certification_situationevaluation "
        "WHERE id = {r}.situationevaluation_id)",
    "certification_commission_membres":
        "(SELECT session_id FROM certification_commission WHERE id = {r}.commission_id)",
    "certification_ajustementcommission":
        "(SELECT session_id FROM certification_commission WHERE id = {r}.commission_id)",
}


def _figee(session: str) -> str:
    # Evaluated before the row changes: validating the commission itself is allowed.
    return (f"EXISTS (SELECT 1 FROM certification_commission WHERE session_id = {session} "
            f"AND etat = '{VALIDEE}')")


def _sqlite() -> tuple[list[str], list[str]]:
    creer, annuler = [], []
    for table, session in SESSION_DE.items():
        nouveau, ancien = _figee(session.format(r="NEW")), _figee(session.format(r="OLD"))
        creer += [
            f"""CREATE TRIGGER {table}_fige_insert BEFORE INSERT ON {table}
            WHEN {nouveau} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
            f"""CREATE TRIGGER {table}_fige_update BEFORE UPDATE ON {table}
            WHEN {ancien} OR {nouveau} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
        ]
        annuler += [f"DROP TRIGGER IF EXISTS {table}_fige_insert;",
                    f"DROP TRIGGER IF EXISTS {table}_fige_update;"]
    creer.append(f"""CREATE TRIGGER certification_ajustement_ajout_seul
        BEFORE UPDATE ON certification_ajustementcommission
        WHEN NEW.note_apres IS NOT OLD.note_apres OR NEW.note_avant IS NOT OLD.note_avant
          OR NEW.motif IS NOT OLD.motif OR NEW.grille_id IS NOT OLD.grille_id
          OR NEW.commission_id IS NOT OLD.commission_id OR (NEW.courant AND NOT OLD.courant)
        BEGIN SELECT RAISE(ABORT, '{MESSAGE_AJUSTEMENT}'); END;""")
    annuler.append("DROP TRIGGER IF EXISTS certification_ajustement_ajout_seul;")
    return creer, annuler


def _postgres() -> tuple[list[str], list[str]]:
    creer, annuler = [], []
    for table, session in SESSION_DE.items():
        fonction = f"{table}_fige"
        creer += [
            f"""CREATE FUNCTION {fonction}() RETURNS trigger AS $$
            BEGIN
              IF TG_OP <> 'INSERT' AND {_figee(session.format(r="OLD"))}
                 OR TG_OP <> 'DELETE' AND {_figee(session.format(r="NEW"))}
              THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;""",
            f"""CREATE TRIGGER {table}_fige BEFORE INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {fonction}();""",
        ]
        annuler = [f"DROP TRIGGER IF EXISTS {table}_fige ON {table};",
                   f"DROP FUNCTION IF EXISTS {fonction}();"] + annuler
    creer += [
        f"""CREATE FUNCTION certification_ajustement_ajout_seul() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' OR NEW.note_apres IS DISTINCT FROM OLD.note_apres
             OR NEW.note_avant IS DISTINCT FROM OLD.note_avant
             OR NEW.motif IS DISTINCT FROM OLD.motif OR NEW.grille_id IS DISTINCT FROM OLD.grille_id
             OR NEW.commission_id IS DISTINCT FROM OLD.commission_id
             OR (NEW.courant AND NOT OLD.courant)
          THEN RAISE EXCEPTION '{MESSAGE_AJUSTEMENT}'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql;""",
        """CREATE TRIGGER certification_ajustement_ajout_seul
        BEFORE UPDATE OR DELETE ON certification_ajustementcommission
        FOR EACH ROW EXECUTE FUNCTION certification_ajustement_ajout_seul();""",
    ]
    annuler = ["DROP TRIGGER IF EXISTS certification_ajustement_ajout_seul "
               "ON certification_ajustementcommission;",
               "DROP FUNCTION IF EXISTS certification_ajustement_ajout_seul();"] + annuler
    return creer, annuler


def _executer(vers: int):
    """``vers``: 0 creates, 1 drops."""
    def executer(apps, schema_editor):
        moteurs = {"sqlite": _sqlite, "postgresql": _postgres}
        if schema_editor.connection.vendor in moteurs:
            for sql in moteurs[schema_editor.connection.vendor]()[vers]:
                schema_editor.execute(sql)
    return executer


class Migration(migrations.Migration):
    dependencies = [("certification", "0002_grilles_signees")]
    operations = [migrations.RunPython(_executer(0), _executer(1))]
