"""Links no longer list their sessions: each session names its link (``comptes.liens``).

Sessions opened before carry no link id, so nothing would check them any more: they are ended
here (tutors open their link again). Only for the database session engine, the default; with
another engine, clear the tutors' sessions by hand when deploying (see docs/security.md).
"""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def fermer_les_sessions_de_liens(apps, schema_editor):
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    from django.contrib.sessions.backends.db import SessionStore

    LienMagique = apps.get_model("comptes", "LienMagique")
    Session = apps.get_model("sessions", "Session")
    destinataires = {str(pk) for pk in LienMagique.objects.values_list("user_id", flat=True)}
    if not destinataires:
        return
    store = SessionStore()
    a_fermer = [s.session_key for s in Session.objects.filter(
        expire_date__gt=timezone.now()).iterator(chunk_size=2000)
        if store.decode(s.session_data).get("_auth_user_id") in destinataires]
    for start in range(0, len(a_fermer), 500):
        Session.objects.filter(session_key__in=a_fermer[start:start + 500]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("comptes", "0002_lien_magique_sessions"),
        ("etablissements", "0001_initial"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(fermer_les_sessions_de_liens, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="lienmagique",
            name="sessions",
        ),
        migrations.AddField(
            model_name="lienmagique",
            name="appareil",
            field=models.CharField(blank=True, editable=False, max_length=64,
                                   verbose_name="appareil"),
        ),
        migrations.AddField(
            model_name="lienmagique",
            name="envoye_a",
            field=models.EmailField(blank=True, max_length=254, verbose_name="envoyé à"),
        ),
        migrations.AddField(
            model_name="lienmagique",
            name="etablissement",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.CASCADE,
                                    related_name="liens_magiques",
                                    to="etablissements.etablissement",
                                    verbose_name="établissement"),
        ),
    ]
