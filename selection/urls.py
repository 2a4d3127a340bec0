from django.urls import path

from selection import views

app_name = "selection"

# Not in the page cache: the sheet is personal and sets the cookie that remembers it.
urlpatterns = [
    path("selection/", views.sheet, name="sheet"),
    path("selection/ajouter/", views.add, name="add"),
]
