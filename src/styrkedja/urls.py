from django.contrib import admin
from django.urls import include, path

from styrkedja.api.main import api
from styrkedja.web.views.accounts import admin_login

urlpatterns = [
    # The admin logs in through our login page (lockout, second factor).
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("styrkedja.web.urls")),
]
