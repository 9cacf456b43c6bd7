"""The web UI's addresses, in Swedish."""

from django.contrib.auth import views as auth_views
from django.urls import path

from styrkedja.web.views import activities, budget, goals, history, indicators, organisations, plans

urlpatterns = [
    path("", organisations.home, name="home"),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("organisationer/<slug:code>/", organisations.organisation_detail, name="organisation"),
    path("planer/<int:pk>/", plans.plan_detail, name="plan"),
    path("planer/<int:plan_pk>/nytt-mal/", goals.goal_create, name="goal_create"),
    path("planer/<int:pk>/ekonomi/", budget.economy, name="economy"),
    path("planer/<int:pk>/intaktskrav/andra/", budget.requirements_edit, name="requirements_edit"),
    path("mal/<int:pk>/", goals.goal_detail, name="goal"),
    path("mal/<int:pk>/andra/", goals.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/nytt-delmal/", goals.goal_create_child, name="goal_create_child"),
    path("mal/<int:goal_pk>/ny-indikator/", indicators.target_create, name="target_create"),
    path("mal/<int:goal_pk>/ny-aktivitet/", activities.activity_create, name="activity_create"),
    path("indikatorer/<int:pk>/andra/", indicators.target_edit, name="target_edit"),
    path("aktiviteter/<int:pk>/andra/", activities.activity_edit, name="activity_edit"),
    path("omraden/<int:pk>/budget/andra/", budget.area_budget_edit, name="area_budget_edit"),
    path("historik/<slug:kind>/<int:pk>/", history.history, name="history"),
]
