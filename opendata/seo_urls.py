"""The addresses crawlers read: ``/robots.txt``, the sitemap index and its sections. Kept
apart from the open data pages' addresses; included at the site's root."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from essmap.cache import cached_for_visitors
from opendata.robots import robots_txt
from opendata.sitemaps import SITEMAPS

urlpatterns = [
    path("robots.txt", cached_for_visitors(robots_txt), name="robots_txt"),
    path(
        "sitemap.xml",
        cached_for_visitors(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        cached_for_visitors(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]
