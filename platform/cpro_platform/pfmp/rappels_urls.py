"""The reminders' URL, included in the ``pfmp`` namespace by ``pfmp.urls``."""
from django.urls import path

from . import rappels_vues

urlpatterns = [
    path("stages/<int:pk>/relancer/", rappels_vues.relancer, name="relancer"),
]
