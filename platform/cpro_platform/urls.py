"""URL map of the host: the application, the CMS spaces and the admin."""
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from resources_site import views as resources_views

# A grid posted whole without JavaScript past the field limit: a French page saying why.
handler400 = "cpro_platform.securite.erreurs.demande_incorrecte"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("referentiels/", include("cpro_platform.referentials.urls")),
    path("recherche/", resources_views.recherche, name="recherche_espaces"),
    path("comptes/", include("cpro_platform.comptes.urls")),
    path("gestion/", include("cpro_platform.etablissements.gestion.urls")),
    path("gestion/", include("cpro_platform.etablissements.imports.urls")),
    path("gestion/", include("cpro_platform.securite.urls")),
    path("api/", include("cpro_platform.etablissements.api")),
    path("suivi/", include("cpro_platform.suivi.urls")),
    path("livret/", include("cpro_platform.livret.urls")),
    path("bilans/documents/", include("cpro_platform.bilans.urls_documents")),
    path("bilans/", include("cpro_platform.bilans.urls")),
    path("certification/", include("cpro_platform.certification.urls")),
    path("exports/", include("cpro_platform.exports.urls")),
    path("pfmp/", include("cpro_platform.pfmp.urls")),
    path("", include("cpro_platform.etablissements.urls")),
    path("", include("cpro_platform.home.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the Formation (/formation/) and Ressources (/ressources/) page trees; last.
urlpatterns.append(path("", include(wagtail_urls)))
