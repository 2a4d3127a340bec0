from django.urls import path

from audience import views

app_name = "audience"

# Not in the page cache: each request counts.
urlpatterns = [
    path("structures/<slug:slug>/contact/<str:kind>/", views.contact, name="contact"),
]
