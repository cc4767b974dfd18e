from django.urls import include, path

app_name = "certification"
urlpatterns = [
    path("", include("cpro_platform.certification.urls_planification")),
    path("", include("cpro_platform.certification.urls_grilles")),
    path("", include("cpro_platform.certification.urls_commission")),
]
