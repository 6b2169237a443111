from django.contrib.auth import views as auth_views
from django.urls import include, path

from bimtek import urls as bimtek_urls
from books import urls as books_urls
from readiness import analysis_urls as readiness_analysis_urls

from . import comment_urls
from .views import (
    accounts,
    auth,
    batches,
    changes,
    dashboard,
    favicon,
    health,
    masterplans,
    regions,
    render_jobs,
    stages,
    workbook,
    workflow,
)

auth_patterns = [
    path("masuk/", auth.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/ubah/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("kata-sandi/ubah/selesai/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("kata-sandi/lupa/", auth.PasswordResetView.as_view(), name="password_reset"),
    path("kata-sandi/lupa/terkirim/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("kata-sandi/atur/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("kata-sandi/atur/selesai/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]

region_patterns = [
    path("", regions.RegionDetailView.as_view(), name="region_detail"),
    path("navigasi/", regions.WorkspaceNavView.as_view(), name="workspace_nav"),
    path("ubah/", regions.RegionEditView.as_view(), name="region_edit"),
    path("tim/", regions.TeamView.as_view(), name="region_team"),
    path("tim/<int:membership_pk>/cabut/", regions.TeamRemoveView.as_view(), name="region_team_remove"),
    path("masterplan/baru/", masterplans.MasterplanCreateView.as_view(), name="masterplan_create"),
    path("masterplan/<int:masterplan_pk>/ubah/", masterplans.MasterplanEditView.as_view(),
         name="masterplan_edit"),
    path("masterplan/<int:masterplan_pk>/aktifkan/", masterplans.MasterplanSetCurrentView.as_view(),
         name="masterplan_set_current"),
    path("status/", workflow.StatusView.as_view(), name="masterplan_status"),
    path("perubahan/", changes.ChangesView.as_view(), name="masterplan_changes"),
    path("perubahan/<slug:section>/", changes.ChangesSectionView.as_view(),
         name="masterplan_changes_section"),
    path("tahapan/", stages.StagesView.as_view(), name="stages"),
    path("buku/tugas/<int:job_pk>/", render_jobs.JobStatusView.as_view(), name="render_job"),
    path("buku/tugas/<int:job_pk>/unduh/", render_jobs.JobDownloadView.as_view(),
         name="render_job_download"),
    path("", include(books_urls.region_urlpatterns)),
    path("buku-kerja/", workbook.WorkbookView.as_view(), name="workbook"),
    path("buku-kerja/unduh/", workbook.WorkbookDownloadView.as_view(), name="workbook_download"),
    path("buku-kerja/impor/<int:import_pk>/", workbook.WorkbookImportView.as_view(),
         name="workbook_import"),
    path("", include("readiness.urls")),
    path("", include("swot.urls")),
    path("", include("roadmap.urls")),
    path("", include(readiness_analysis_urls.region_urlpatterns)),
    path("", include(comment_urls.region_urlpatterns)),
    path("", include(bimtek_urls.region_urlpatterns)),
    path("", include("portal.region_urls")),
    path("", include("evaluation.region_urls")),
]

admin_patterns = [
    path("akun/", accounts.AccountListView.as_view(), name="account_list"),
    path("akun/baru/", accounts.AccountCreateView.as_view(), name="account_create"),
    path("akun/<int:account_pk>/", accounts.AccountEditView.as_view(), name="account_edit"),
    path("akun/<int:account_pk>/peran/", accounts.AccountMembershipAddView.as_view(),
         name="account_membership_add"),
    path("akun/<int:account_pk>/peran/<int:membership_pk>/cabut/",
         accounts.AccountMembershipRemoveView.as_view(), name="account_membership_remove"),
    path("angkatan/", batches.BatchListView.as_view(), name="batch_list"),
    path("angkatan/baru/", batches.BatchCreateView.as_view(), name="batch_create"),
    path("angkatan/<int:batch_pk>/", batches.BatchEditView.as_view(), name="batch_edit"),
    path("", include(books_urls.admin_urlpatterns)),
]

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("wilayah/", dashboard.region_list, name="region_list"),
    path("wilayah/<str:region_code>/", include(region_patterns)),
    path("kelola/", include(admin_patterns)),
    path("", include("readiness.analysis_urls")),
    path("", include(comment_urls.urlpatterns)),
    path("", include(bimtek_urls.urlpatterns)),
    path("", include(auth_patterns)),
    path("favicon.ico", favicon.FaviconView.as_view(), name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("publik/", include("portal.urls")),
    path("", include("opendata.urls")),
    path("", include("evaluation.urls")),
]
