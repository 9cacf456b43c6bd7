"""The web UI's addresses, in Swedish."""

from django.urls import path, re_path

from styrkedja.web.views import (
    accounts,
    activities,
    api_tokens,
    budget,
    checks,
    city,
    followup,
    followup_cover,
    followup_economy,
    followup_excel,
    followup_goals,
    followup_indicators,
    followup_part,
    goals,
    history,
    indicators,
    kolada,
    notices,
    open_data,
    organisations,
    people,
    plan_life,
    plan_texts,
    plans,
    profiles,
    reports,
    table_import,
)

urlpatterns = [
    path("", organisations.home, name="home"),
    path("logga-in/", accounts.Login.as_view(), name="login"),
    path("logga-ut/", accounts.logout, name="logout"),
    path("organisationer/<slug:code>/", organisations.organisation_detail, name="organisation"),
    path("organisationer/<slug:code>/profil/", profiles.profile_page, name="profile"),
    path("stad/<slug:code>/<str:period>/", city.city_office_page, name="city_office"),
    path("organisationer/<slug:code>/personer/", people.people, name="people"),
    path("organisationer/<slug:code>/personer/<int:user_pk>/", people.person_role, name="person_role"),
    path("planer/<int:pk>/", plans.plan_detail, name="plan"),
    path("planer/<int:pk>/kapitel/", plan_texts.plan_texts, name="plan_texts"),
    path("planer/<int:pk>/kapitel/andra/", plan_texts.plan_texts_edit, name="plan_texts_edit"),
    path("planer/<int:pk>/faststall/", plan_life.plan_adopt, name="plan_adopt"),
    path("planer/<int:pk>/revidering/", plan_life.plan_revision, name="plan_revision"),
    path("planer/beslut/<int:pk>/", plan_life.plan_decision, name="plan_decision"),
    path("planer/<int:plan_pk>/nytt-mal/", goals.goal_create, name="goal_create"),
    path("planer/<int:pk>/ekonomi/", budget.economy, name="economy"),
    path("planer/<int:pk>/ekonomi/texter/", budget.economy_texts_edit, name="economy_texts_edit"),
    path("planer/<int:pk>/intaktskrav/andra/", budget.requirements_edit, name="requirements_edit"),
    path("mal/<int:pk>/", goals.goal_detail, name="goal"),
    path("mal/<int:pk>/andra/", goals.goal_edit, name="goal_edit"),
    path("mal/<int:pk>/nytt-delmal/", goals.goal_create_child, name="goal_create_child"),
    path("mal/<int:goal_pk>/ny-indikator/", indicators.target_create, name="target_create"),
    path("mal/<int:goal_pk>/ny-aktivitet/", activities.activity_create, name="activity_create"),
    path("indikatorer/<int:pk>/andra/", indicators.target_edit, name="target_edit"),
    path("indikatorer/<int:pk>/varden/", indicators.indicator_values, name="indicator_values"),
    path("indikatorer/<int:pk>/kolada/", kolada.indicator_kolada, name="indicator_kolada"),
    path("organisationer/<slug:code>/kolada/", kolada.organisation_kolada, name="organisation_kolada"),
    path("organisationer/<slug:code>/oppna-data/", open_data.switch, name="open_data_switch"),
    path("oppna-data/<slug:code>/", open_data.public_page, name="open_data"),
    path("oppna-data/<slug:code>/<str:name>", open_data.public_file, name="open_data_file"),
    path("aktiviteter/<int:pk>/andra/", activities.activity_edit, name="activity_edit"),
    path("omraden/<int:pk>/budget/andra/", budget.area_budget_edit, name="area_budget_edit"),
    path("historik/<slug:kind>/<int:pk>/", history.history, name="history"),
    # Follow-up: rounds, their workflow, the parts' values, the economics.
    path("organisationer/<slug:code>/uppfoljningar/", followup.round_list, name="rounds"),
    path("organisationer/<slug:code>/tabellimport/", table_import.table_import, name="table_import"),
    path("tabellimport/<int:pk>/", table_import.table_mapping, name="table_mapping"),
    path("organisationer/<slug:code>/uppfoljningar/ny/", followup.round_open, name="round_open"),
    path("att-gora/", followup.todo, name="todo"),
    path("uppfoljningar/<int:pk>/", followup.round_detail, name="round"),
    path(
        "uppfoljningar/<int:pk>/indikatorer/", followup_indicators.round_indicators, name="round_indicators"
    ),
    path("uppfoljningar/<int:pk>/godkann/", followup.round_approve, name="round_approve"),
    path("uppfoljningar/<int:pk>/oppna-igen/", followup.round_reopen, name="round_reopen"),
    path("uppfoljningar/<int:pk>/sista-dag/", followup.round_deadline, name="round_deadline"),
    path(
        "uppfoljningar/<int:round_pk>/mal/<int:goal_pk>/bedomning/",
        followup_goals.assessment,
        name="assessment",
    ),
    path("uppfoljningar/<int:pk>/forsattsblad/", followup_cover.cover, name="round_cover"),
    path(
        "uppfoljningar/<int:pk>/forsattsblad/<slug:section>/",
        followup_cover.cover_rows,
        name="round_cover_rows",
    ),
    path("uppfoljningar/<int:pk>/ekonomi/", followup_economy.economy, name="round_economy"),
    path(
        "uppfoljningar/<int:pk>/ekonomi/texter/", followup_economy.economy_texts, name="round_economy_texts"
    ),
    path(
        "uppfoljningar/<int:pk>/ekonomi/omraden/",
        followup_economy.area_forecasts,
        name="round_area_forecasts",
    ),
    path(
        "uppfoljningar/<int:pk>/ekonomi/omraden/<int:area_pk>/",
        followup_economy.area_forecast,
        name="round_area_forecast",
    ),
    path(
        "uppfoljningar/<int:pk>/ekonomi/intaktskrav/",
        followup_economy.requirement_forecasts,
        name="round_requirement_forecasts",
    ),
    path(
        "uppfoljningar/<int:pk>/ekonomi/investeringar/",
        followup_economy.investment_forecasts,
        name="round_investment_forecasts",
    ),
    path(
        "uppfoljningar/<int:pk>/ekonomi/prestationer/",
        followup_economy.volume_forecasts,
        name="round_volume_forecasts",
    ),
    path(
        "uppfoljningar/<int:pk>/ekonomi/omslutning/ny/",
        followup_economy.turnover_create,
        name="turnover_create",
    ),
    path("omslutning/<int:pk>/andra/", followup_economy.turnover_edit, name="turnover_edit"),
    path("omslutning/<int:pk>/ta-bort/", followup_economy.turnover_delete, name="turnover_delete"),
    path(
        "uppfoljningar/<int:pk>/ekonomi/budgetjusteringar/ny/",
        followup_economy.adjustment_create,
        name="adjustment_create",
    ),
    path("budgetjusteringar/<int:pk>/andra/", followup_economy.adjustment_edit, name="adjustment_edit"),
    path("budgetjusteringar/<int:pk>/ta-bort/", followup_economy.adjustment_delete, name="adjustment_delete"),
    path("uppfoljningar/<int:pk>/excel/", followup_excel.excel_page, name="round_excel"),
    path("uppfoljningar/<int:pk>/excel/arbetsbok.xlsx", followup_excel.workbook, name="round_workbook"),
    path("excel/granska/<int:pk>/", followup_excel.workbook_review, name="workbook_review"),
    path("delar/<int:pk>/", followup_part.part_detail, name="part"),
    path("delar/<int:part_pk>/utfall/<int:target_pk>/", followup_part.outcome_save, name="outcome_save"),
    path("delar/<int:pk>/indikatorer/", followup_part.part_outcomes_save, name="part_outcomes_save"),
    path("delar/<int:pk>/aktiviteter/", followup_goals.activities, name="part_activities"),
    path("delar/<int:pk>/klar/", followup.part_ready, name="part_ready"),
    path("delar/<int:pk>/godkann/", followup.part_approve, name="part_approve"),
    path("delar/<int:pk>/skicka-tillbaka/", followup.part_return, name="part_return"),
    path("delar/<int:pk>/tilldela/", followup.part_assign, name="part_assign"),
]

# Reports: the verksamhetsplan and a follow-up round's report as PDF, DOCX or HTML.

urlpatterns += [
    re_path(
        r"^rapporter/plan/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx|html)$", reports.plan_report, name="plan_report"
    ),
    re_path(
        r"^rapporter/uppfoljning/(?P<pk>[0-9]+)\.(?P<fmt>pdf|docx|html)$",
        reports.round_report,
        name="round_report",
    ),
    # The archive: every approval's report of a round, as it was approved.
    path("uppfoljningar/<int:pk>/arkiv/", reports.round_archives, name="round_archives"),
    re_path(
        r"^uppfoljningar/(?P<pk>[0-9]+)/arkiv/(?P<number>[0-9]+)\.(?P<fmt>pdf|docx|html)$",
        reports.round_archive_file,
        name="round_archive_file",
    ),
]

# Consistency checks (avstämning): a round's findings with overrides, the panel the round's pages load into
# themselves, and a plan's findings.

urlpatterns += [
    path("uppfoljningar/<int:pk>/avstamning/", checks.round_checks, name="round_checks"),
    path("uppfoljningar/<int:pk>/avstamning/panel/", checks.findings_panel, name="findings_panel"),
    path("uppfoljningar/<int:pk>/avstamning/godta/", checks.finding_override, name="finding_override"),
    path("planer/<int:pk>/avstamning/", checks.plan_checks, name="plan_checks"),
]

# Accounts and security: the second factor at login, one's account, passwords, single sign-on's way out and
# back, and the administrators' security page (lockouts, the security log).

urlpatterns += [
    path("logga-in/kod/", accounts.login_code, name="login_code"),
    path("logga-in/ny-kod/", accounts.login_enrol, name="login_enrol"),
    path("logga-in/sso/", accounts.SingleSignOnStart.as_view(), name="oidc_authentication_init"),
    path(
        "logga-in/sso/tillbaka/", accounts.SingleSignOnReturn.as_view(), name="oidc_authentication_callback"
    ),
    path("konto/", accounts.account, name="account"),
    path("konto/api-nycklar/", api_tokens.api_tokens, name="api_tokens"),
    path("konto/api-nycklar/<int:pk>/aterkalla/", api_tokens.api_token_revoke, name="api_token_revoke"),
    path("konto/losenord/", accounts.PasswordChange.as_view(), name="password_change"),
    path("konto/meddelanden/", notices.notice_choices, name="notice_choices"),
    path("konto/tvastegs/", accounts.totp_enrol, name="totp_enrol"),
    path("konto/tvastegs/ta-bort/", accounts.totp_remove, name="totp_remove"),
    path("glomt-losenord/", accounts.PasswordReset.as_view(), name="password_reset"),
    path("glomt-losenord/skickat/", accounts.PasswordResetSent.as_view(), name="password_reset_sent"),
    path(
        "glomt-losenord/<uidb64>/<token>/",
        accounts.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path("glomt-losenord/klart/", accounts.PasswordResetComplete.as_view(), name="password_reset_complete"),
    path("sakerhet/", accounts.security, name="security"),
    path("sakerhet/sparrar/<int:pk>/las-upp/", accounts.unlock, name="unlock"),
]
