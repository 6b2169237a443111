"""Open data files (/data/...), the REST API (/api/...) and the profile page with the personal
API tokens (/profil/). Mounted by masterplan/urls.py at the root."""

from django.urls import path, register_converter

from .api import docs
from .api import views as api
from .datasets import DATASETS
from .views import data, profile


class FormatConverter:
    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class DatasetConverter:
    regex = "|".join(DATASETS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "format")
register_converter(DatasetConverter, "dataset")

data_patterns = [
    path("data/", data.IndexView.as_view(), name="opendata_index"),
    path("data/kamus/", data.DictionaryView.as_view(), name="opendata_dictionary"),
    path("data/kamus.json", data.DictionaryFileView.as_view(fmt="json"),
         name="opendata_dictionary_file"),
    path("data/kamus.csv", data.DictionaryFileView.as_view(fmt="csv"),
         name="opendata_dictionary_csv"),
    path("data/semua.json", data.BundleView.as_view(), name="opendata_bundle"),
    path("data/<dataset:dataset>.<format:fmt>", data.DownloadView.as_view(),
         name="opendata_download"),
    path("data/wilayah/<str:region_code>/", data.RegionIndexView.as_view(),
         name="opendata_region"),
    path("data/wilayah/<str:region_code>/semua.json", data.BundleView.as_view(),
         name="opendata_region_bundle"),
    path("data/wilayah/<str:region_code>/<dataset:dataset>.<format:fmt>",
         data.DownloadView.as_view(), name="opendata_region_download"),
]

profile_patterns = [
    path("profil/", profile.ProfileView.as_view(), name="profile"),
    path("profil/token/<int:token_pk>/cabut/", profile.TokenRevokeView.as_view(),
         name="profile_token_revoke"),
]

dataset_patterns = []
for _name, _dataset in DATASETS.items():
    _view = api.MonitoringListView if _name == "monev" else api.DatasetListView
    dataset_patterns += [
        path(f"api/{_name}/", _view.as_view(dataset=_dataset), name=f"api_{_name}_list"),
    ]
    if _name != "masterplan":
        dataset_patterns.append(
            path(f"api/wilayah/<str:region_code>/{_name}/",
                 _view.as_view(dataset=_dataset, region_scoped=True),
                 name=f"api_region_{_name}_list"))

api_patterns = [
    path("api/", api.ApiRootView.as_view(), name="api_root"),
    path("api/schema/", docs.SchemaView.as_view(), name="api_schema"),
    path("api/docs/", docs.DocsView.as_view(), name="api_docs"),
    path("api/wilayah/", api.RegionListView.as_view(), name="api_region_list"),
    path("api/wilayah/<str:region_code>/", api.RegionDetailView.as_view(),
         name="api_region_detail"),
    path("api/masterplan/<int:pk>/", api.MasterplanDetailView.as_view(),
         name="api_masterplan_detail"),
    *dataset_patterns,
    path("api/monev/<int:pk>/", api.RecordDetailView.as_view(), name="api_monev_detail"),
    path("api/monev/<int:pk>/realisasi/<int:kpi_pk>/", api.KpiActualView.as_view(),
         name="api_kpi_actual"),
]

urlpatterns = data_patterns + profile_patterns + api_patterns
