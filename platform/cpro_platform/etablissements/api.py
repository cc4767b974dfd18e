"""Read-only REST API over classes and learners, filtered by the same access policy."""
from django.db.models import Prefetch
from django.urls import include, path
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

from cpro_platform.acces import perimetres as p
from cpro_platform.acces.vues import PolitiqueAPI

from .models import Apprenant, Classe, Parcours


class ClasseSerializer(serializers.ModelSerializer):
    annee = serializers.CharField(source="annee.code")
    referentiel = serializers.CharField(source="referentiel.code")
    referentiel_version = serializers.CharField(source="referentiel.version")
    uai = serializers.CharField(source="etablissement.uai")

    class Meta:
        model = Classe
        fields = ["id", "nom", "annee", "niveau", "referentiel", "referentiel_version", "uai"]


class ParcoursSerializer(serializers.ModelSerializer):
    uai = serializers.CharField(source="etablissement.uai")

    class Meta:
        model = Parcours
        fields = ["statut", "uai", "debut", "fin"]


class ApprenantSerializer(serializers.ModelSerializer):
    parcours = ParcoursSerializer(many=True)

    class Meta:
        model = Apprenant
        fields = ["id", "ine", "nom", "prenom", "parcours"]


class ClasseViewSet(viewsets.ReadOnlyModelViewSet):
    """Classes the user may read (teacher, DDFPT, inspector)."""

    serializer_class = ClasseSerializer
    permission_classes = [PolitiqueAPI]
    action_politique = "etablissements.view_classe"

    def get_queryset(self):
        return (p.classes_visibles(self.request.user)
                .select_related("annee", "referentiel", "etablissement").order_by("pk"))


class ApprenantViewSet(viewsets.ReadOnlyModelViewSet):
    """Learners the user may read (see ``acces.perimetres.apprenants_visibles``)."""

    serializer_class = ApprenantSerializer
    permission_classes = [PolitiqueAPI]
    action_politique = "etablissements.view_apprenant"

    def get_queryset(self):
        return p.apprenants_visibles(self.request.user).prefetch_related(Prefetch(
            "parcours", queryset=Parcours.objects.select_related("etablissement")
            .order_by("debut"))).order_by("pk")


router = SimpleRouter()
router.register("classes", ClasseViewSet, basename="classe")
router.register("apprenants", ApprenantViewSet, basename="apprenant")

app_name = "etablissements-api"
urlpatterns = [path("", include(router.urls))]


def endpoints_publies(endpoints):
    """drf-spectacular hook: the schema describes our API only, not the CMS's internal one."""
    return [e for e in endpoints if e[0].startswith("/api/")]
