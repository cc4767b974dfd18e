from . import rappels_urls

app_name = "pfmp"
urlpatterns = [
    *rappels_urls.urlpatterns,
]
