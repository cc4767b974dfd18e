"""Demo step: the platform administrator (Django superuser, also the Wagtail admin)."""
from django.contrib.auth import get_user_model

USERNAME = "admin"
PASSWORD = "cpro-demo"


def build(stdout) -> list[tuple[str, str, str]]:
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=USERNAME,
        defaults={"first_name": "Camille", "last_name": "Admin", "email": "admin@cpro.example",
                  "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return [("Administrateur de la plateforme (CMS /cms/)", USERNAME, PASSWORD)]


