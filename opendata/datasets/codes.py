"""The reference code lists columns take their values from: the Kemendagri region codes and the
guide's own lists (dimensions, horizons, categories, financing sources, judgements, ...).

A list is either the choices of a model field (the same codes the app stores) or read from the
reference data (the guide edition's catalogue), so it can never disagree with the data."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from masterplan.models import Dimension, DimensionElement, MasterplanStatus, RegionKind
from portal.models import LICENCES
from readiness.models import Interpretation, ReadinessElement, SubArea
from roadmap.models import (
    Category,
    FundingSource,
    GovernmentFunction,
    Horizon,
    InfrastructureKind,
    InstitutionKind,
    MonitoringFrequency,
    RegulationStatus,
    SelectionProcess,
)
from swot.models import Direction

APP = _("Aplikasi Masterplan Smart City Daerah")
LEGAL_KINDS = [("perda", _("Peraturan Daerah")), ("perkada", _("Peraturan Kepala Daerah"))]
LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/deed.id",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/deed.id",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/deed.id",
    "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}


@dataclass(frozen=True)
class CodeList:
    name: str
    title: str
    source: str
    choices: object = None  # [(code, label)] or a callable answering them
    # Too long to list in the dictionary (the region codes): described, with where to find it.
    external: bool = False

    def codes(self):
        choices = self.choices() if callable(self.choices) else self.choices
        return [(str(code), str(label)) for code, label in choices or []]

    def code_set(self):
        return {code for code, _label in self.codes()}


def _catalogue(model, *fields):
    def read():
        return list(dict.fromkeys(model.objects.order_by(*fields[2:]).values_list(*fields[:2])))
    return read


CODE_LISTS = {code_list.name: code_list for code_list in [
    CodeList("wilayah", _("Kode wilayah Kemendagri"),
             _("Kode wilayah administrasi pemerintahan Kemendagri, mis. 32.73 = Kota Bandung "
               "(provinsi 2 digit, kabupaten/kota 2.2 digit). Daftar lengkap: API /api/wilayah/."),
             external=True),
    CodeList("jenis_wilayah", _("Jenis wilayah"), APP, RegionKind.choices),
    CodeList("status_masterplan", _("Status masterplan"), APP, MasterplanStatus.choices),
    CodeList("jenis_penetapan", _("Jenis penetapan masterplan"), APP, LEGAL_KINDS),
    CodeList("lisensi", _("Lisensi data"), APP, LICENCES),
    CodeList("dimensi", _("Dimensi smart city"), _("Buku Panduan 2017, enam dimensi"),
             _catalogue(Dimension, "code", "title", "edition__year", "number")),
    CodeList("elemen", _("Elemen dimensi smart city"), _("Buku Panduan 2017, tiga elemen per dimensi"),
             _catalogue(DimensionElement, "code", "title", "dimension__edition__year",
                        "dimension__number", "letter")),
    CodeList("elemen_kesiapan", _("Elemen kesiapan"),
             _("Buku Panduan 2017: struktur, infrastruktur, suprastruktur"),
             _catalogue(ReadinessElement, "code", "title", "edition__year", "number")),
    CodeList("tabel_kesiapan", _("Tabel analisis kesiapan"), _("Buku Panduan 2017, Tabel II.2–II.10"),
             _catalogue(SubArea, "code", "table_title", "element__edition__year",
                        "element__number", "letter")),
    CodeList("kategori", _("Kategori rencana aksi"), _("Buku Panduan 2017"), Category.choices),
    CodeList("jenis_infrastruktur", _("Jenis infrastruktur"), APP,
             InfrastructureKind.choices),
    CodeList("jangka", _("Jangka program"), _("Buku Panduan 2017"), Horizon.choices),
    CodeList("frekuensi_monev", _("Frekuensi monitoring dan evaluasi"), APP,
             MonitoringFrequency.choices),
    CodeList("arah_kpi", _("Arah KPI"), APP, Direction.choices),
    CodeList("triwulan", _("Triwulan"), _("Kalender"), [(q, label) for q, label in
                                                        ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))]),
    CodeList("sumber_dana", _("Sumber pembiayaan"), _("Buku Panduan 2017"), FundingSource.choices),
    CodeList("penilaian", _("Penilaian kesiapan"), _("Buku Panduan 2017: baik, sedang, buruk"),
             Interpretation.choices),
    CodeList("jenis_lembaga", _("Jenis kelembagaan"), _("Buku Panduan 2017"),
             InstitutionKind.choices),
    CodeList("proses_pemilihan", _("Proses pemilihan anggota"), APP,
             SelectionProcess.choices),
    CodeList("status_regulasi", _("Status regulasi"), APP, RegulationStatus.choices),
    CodeList("fungsi_pemerintahan", _("Fungsi pemerintahan"), _("Buku Panduan 2017, Tabel II.3"),
             GovernmentFunction.choices),
]}
