"""Who may do what with registrations in the CMS."""
from wagtail.permission_policies import ModelPermissionPolicy


class InscriptionPermissionPolicy(ModelPermissionPolicy):
    """Places change only through the registration rules (capacity, waiting list, promotion
    on cancellation): nobody adds or deletes a registration by hand in the CMS, not even a
    superuser. Viewing, exporting and correcting a name stay with the usual permissions."""

    HORS_DES_REGLES = frozenset({"add", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.HORS_DES_REGLES and super().user_has_permission(user, action)
