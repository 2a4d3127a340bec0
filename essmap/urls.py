from django.contrib import admin
from django.urls import include, path

from essmap import site_pages
from essmap.forms import BoundedAdminLoginForm
from essmap.views import health

admin.site.site_header = "essmap — administration"
admin.site.site_title = "essmap"
admin.site.index_title = "Gestion de l’annuaire"
admin.site.login_form = BoundedAdminLoginForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sante/", health, name="health"),
    # Who runs the site: the pages every French public-service site has (essmap/site_pages.py).
    path("a-propos/", site_pages.about, name="about"),
    path("mentions-legales/", site_pages.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", site_pages.personal_data, name="personal_data"),
    path("accessibilite/", site_pages.accessibility, name="accessibility"),
    path("contact/", site_pages.contact, name="contact"),
    path("favicon.ico", site_pages.favicon, name="favicon"),
    path("api/", include("opendata.api_urls")),
    # Before orientation's /territoires/<code>/, which would otherwise take "autocomplete".
    path("territoires/", include("territories.urls")),
    # /demandes/ (its map layer on /carte/ is registered, see orientation/extensions.py).
    path("", include("demand.urls")),
    path("", include("orientation.urls")),
    path("", include("selection.urls")),
    path("", include("programmes.urls")),
    path("", include("suggestions.urls")),
    path("", include("alerts.urls")),
    path("", include("opendata.urls")),
    path("", include("members.urls")),
    # « Ma structure » (/ma-structure/…), beside the members' own pages.
    path("", include("self_service.urls")),
    path("", include("audience.urls")),
    path("", include("update_requests.urls")),
    # /robots.txt and /sitemap.xml, unnamespaced as django.contrib.sitemaps expects.
    path("", include("opendata.seo_urls")),
]

handler404 = "essmap.views.page_not_found"
handler500 = "essmap.views.server_error"
handler400 = "essmap.views.bad_request"
handler403 = "essmap.views.permission_denied"
