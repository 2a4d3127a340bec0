from django.contrib import admin
from django.urls import include, path

from essmap import views
from territories.views import coverage_map

admin.site.site_header = "essmap — administration"
admin.site.site_title = "essmap"
admin.site.index_title = "Gestion de l’annuaire"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("", include("programmes.urls")),
    path("carte/", coverage_map, name="coverage_map"),
    path("territoires/", include("territories.urls")),
]

handler404 = "essmap.views.page_not_found"
handler500 = "essmap.views.server_error"
handler400 = "essmap.views.bad_request"
