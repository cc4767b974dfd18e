"""The project's URLs plus a view that fails, to see the 500 page a user would get."""
from django.urls import path

from cpro_platform.urls import urlpatterns as projet


def boum(request):
    raise RuntimeError("panne simulée")


urlpatterns = [path("boum/", boum), *projet]
