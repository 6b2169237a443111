"""SWOT worksheet pages (under wilayah/<region_code>/, included from swot/urls.py)."""

from django.urls import path

from .views import worksheets as views

WORKSHEET = "swot/<int:worksheet_pk>/"
ITEM = WORKSHEET + "butir/<int:item_pk>/"
STRATEGY = WORKSHEET + "strategi/<int:strategy_pk>/"

urlpatterns = [
    path("swot/", views.OverviewView.as_view(), name="swot_overview"),
    path("swot/tambah/", views.WorksheetAddView.as_view(), name="swot_worksheet_add"),
    path(WORKSHEET, views.WorksheetView.as_view(), name="swot_worksheet"),
    path(WORKSHEET + "hapus/", views.WorksheetDeleteView.as_view(), name="swot_worksheet_delete"),
    path(WORKSHEET + "butir/tambah/", views.ItemAddView.as_view(), name="swot_item_add"),
    path(ITEM, views.ItemEditView.as_view(), name="swot_item_edit"),
    path(ITEM + "bukti/", views.ItemEvidenceView.as_view(), name="swot_item_evidence"),
    path(ITEM + "pindah/", views.ItemMoveView.as_view(), name="swot_item_move"),
    path(ITEM + "hapus/", views.ItemDeleteView.as_view(), name="swot_item_delete"),
    path(WORKSHEET + "strategi/tambah/", views.StrategyAddView.as_view(), name="swot_strategy_add"),
    path(STRATEGY, views.StrategyEditView.as_view(), name="swot_strategy_edit"),
    path(STRATEGY + "hapus/", views.StrategyDeleteView.as_view(), name="swot_strategy_delete"),
]
