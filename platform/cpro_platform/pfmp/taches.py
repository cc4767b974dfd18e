"""The daily PFMP reminders, run by the task worker (django-tasks; ``manage.py db_worker``).

``manage.py envoyer_rappels_pfmp`` queues it once a day (see docs/pfmp_rappels.md). Reminders
already sent are not sent again, so a task delivered twice, or two runs the same day, send
each reminder once.
"""
import logging

from django_tasks import task

from .rappels import envoyer_rappels

logger = logging.getLogger(__name__)


@task()
def envoyer_rappels_pfmp() -> dict:
    """Send the PFMP reminders due today; returns what was sent and what was refused."""
    compte = envoyer_rappels()
    for refus in compte.refuses:
        logger.warning("PFMP reminder not sent: %s", refus)
    return compte.en_dict()
