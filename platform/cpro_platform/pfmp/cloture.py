"""The closing delay of a placement: its tutor keeps access for ``DELAI_CLOTURE`` days after
its last day, to finish the grid, sign the attestation and the bilan and review the last
activity sheets — the usual way a PFMP ends. After that the tutor's link gives nothing, and the
placement is closed to new sheets. One delay for all three, so the reminders, the tutor's pages
and the sheets agree.
"""
import datetime

DELAI_CLOTURE = 15  # days


def fin_d_acces(fin_du_stage: datetime.date) -> datetime.date:
    """The last day the tutor of a placement ending on ``fin_du_stage`` may act on it."""
    return fin_du_stage + datetime.timedelta(days=DELAI_CLOTURE)
