"""Demo readiness, performance and outlook content for Kota Bandung (illustrative figures)."""

from decimal import Decimal

from readiness.models import (
    BenchmarkCity,
    CompetitivenessIndicator,
    CompetitivenessValue,
    OutlookAnalysis,
    PerformanceAssessment,
)
from readiness.services import add_extra_component, ensure_rows, sub_area_by_slug

B, S, R = "baik", "sedang", "buruk"
BPS = "BPS Kota Bandung"
BKPSDM = "BKPSDM Kota Bandung"
DISKOMINFO = "Diskominfo Kota Bandung"
BPKAD = "BPKAD Kota Bandung"

# (table slug, component number): (nilai/kondisi, angka, satuan, interpretasi, sumber, tahun, catatan)
ENTRIES = {
    ("ii-2", 1): ("Komunitas kreatif aktif terdata di Bandung Creative City Forum", 214, "komunitas", B, "Disbudpar", 2025, ""),
    ("ii-2", 2): ("Ada, lebih dari 30 komunitas pengembang (mis. Bandung Dev, GDG Bandung)", 34, "komunitas", B, DISKOMINFO, 2025, ""),
    ("ii-2", 3): ("Ada, ekosistem startup digital berkembang", 180, "startup", B, "Dinas KUKM", 2025, ""),
    ("ii-2", 4): ("Ada, perguruan tinggi negeri dan swasta", 84, "perguruan tinggi", B, "LLDIKTI IV", 2024, ""),
    ("ii-2", 9): ("Program beasiswa pemerintah kota", 1250, "mahasiswa", S, "Disdik", 2025, "Kuota belum merata antar kecamatan"),
    ("ii-2", 10): ("Pelanggaran ketertiban umum tercatat Satpol PP", 3120, "kasus/tahun", S, "Satpol PP", 2025, ""),
    ("ii-2", 11): ("Angka kriminalitas", 4870, "kasus/tahun", S, "Polrestabes Bandung", 2024, ""),
    ("ii-2", 12): ("Perusakan fasilitas umum (vandalisme)", 410, "kasus/tahun", R, "DSDABM", 2025, "Vandalisme halte dan taman meningkat"),
    ("ii-2", 13): ("Tawuran antar kelompok warga", 12, "kejadian/tahun", S, "Polrestabes Bandung", 2024, ""),
    ("ii-3", 1): ("Pegawai berpendidikan S2/S3", Decimal("14.6"), "%", S, BKPSDM, 2025, ""),
    ("ii-3", 2): ("Pegawai berlatar belakang ilmu komputer", 212, "orang", S, BKPSDM, 2025, ""),
    ("ii-3", 3): ("Relawan TIK terdaftar", 320, "orang", B, "Relawan TIK Kota Bandung", 2025, ""),
    ("ii-3", 4): ("Rasio komputer terhadap pegawai", Decimal("78.5"), "%", S, DISKOMINFO, 2025, ""),
    ("ii-3", 5): ("Pegawai berusia 50 tahun ke atas", Decimal("38.2"), "%", R, BKPSDM, 2025, "Gelombang pensiun 5 tahun ke depan"),
    ("ii-3", 6): ("Pegawai berusia 40–50 tahun", Decimal("31.4"), "%", S, BKPSDM, 2025, ""),
    ("ii-3", 7): ("Pegawai berusia 25–40 tahun", Decimal("28.9"), "%", S, BKPSDM, 2025, ""),
    ("ii-3", 8): ("Sistem informasi yang digunakan pemerintah kota", 412, "aplikasi", S, DISKOMINFO, 2025, "Banyak aplikasi belum terintegrasi"),
    ("ii-3", 9): ("Kantor pemerintahan terlayani broadband", Decimal("96"), "%", B, DISKOMINFO, 2025, ""),
    ("ii-3", 10): ("Kantor dengan LAN/WAN", Decimal("92"), "%", B, DISKOMINFO, 2025, ""),
    ("ii-3", 11): ("Titik hotspot di kawasan perkantoran", 260, "titik", B, DISKOMINFO, 2025, ""),
    ("ii-3", 12): ("Ada, pusat data pemerintah kota dan co-location", None, "", B, DISKOMINFO, 2025, ""),
    ("ii-3", 13): ("Belum ada SOP mitigasi bencana data (DRP)", None, "", R, DISKOMINFO, 2025, "Belum ada situs cadangan"),
    ("ii-3", 14): ("Ada, SIPD terhubung dengan sistem nasional", None, "", B, "Bappelitbang", 2025, ""),
    ("ii-3", 15): ("Ada, sistem keuangan daerah terintegrasi", None, "", B, BPKAD, 2025, ""),
    ("ii-3", 16): ("Kantor virtual berjalan, integrasi sebagian", None, "", S, DISKOMINFO, 2025, ""),
    ("ii-3", 17): ("Monev pembangunan masih semi-manual", None, "", R, "Bappelitbang", 2025, ""),
    ("ii-3", 18): ("SIMPEG terintegrasi dengan BKN", None, "", B, BKPSDM, 2025, ""),
    ("ii-3", 19): ("JDIH ada, belum interoperabel", None, "", S, "Bagian Hukum", 2025, ""),
    ("ii-3", 20): ("Layanan publik daring tersedia di 60% layanan", None, "", S, "DPMPTSP", 2025, ""),
    ("ii-4", 1): ("PAD terhadap total pendapatan", Decimal("52.3"), "%", B, BPKAD, 2025, ""),
    ("ii-4", 2): ("SILPA tahun lalu", Decimal("512000000000"), "rupiah", S, BPKAD, 2025, ""),
    ("ii-4", 3): ("Belanja pegawai terhadap total belanja", Decimal("38.7"), "%", S, BPKAD, 2025, ""),
    ("ii-4", 4): ("Belanja infrastruktur terhadap total belanja", Decimal("17.4"), "%", S, BPKAD, 2025, ""),
    ("ii-4", 5): ("Anggaran smart city yang dapat dialokasikan (tahun pertama)", Decimal("85000000000"), "rupiah", S, BPKAD, 2025, ""),
    ("ii-4", 6): ("Anggaran smart city yang dapat dialokasikan (tahun kedua)", Decimal("95000000000"), "rupiah", S, BPKAD, 2025, ""),
    ("ii-4", 7): ("Program pembangunan pendukung smart city", 46, "program", B, "Bappelitbang", 2025, ""),
    ("ii-4", 8): ("Investasi masuk", Decimal("7400000000000"), "rupiah", B, "DPMPTSP", 2024, ""),
    ("ii-4", 9): ("Sumber pendanaan alternatif (CSR, KPBU, hibah)", 5, "sumber", S, "Bappelitbang", 2025, ""),
    ("ii-5", 1): ("Jalan kota dalam kondisi baik", Decimal("71.5"), "%", S, "DSDABM", 2025, ""),
    ("ii-5", 2): ("Panjang trotoar per panjang jalan beraspal", Decimal("34"), "%", R, "DSDABM", 2025, "Trotoar terputus di banyak ruas"),
    ("ii-5", 4): ("Lampu jalan berfungsi baik", Decimal("88"), "%", B, "DSDABM", 2025, ""),
    ("ii-5", 5): ("Rambu dan petunjuk jalan dalam kondisi baik", Decimal("76"), "%", S, "Dishub", 2025, ""),
    ("ii-5", 6): ("Ada, kawasan perkantoran di pusat kota dan Gedebage", None, "", B, "DPKP", 2025, ""),
    ("ii-5", 7): ("Ada, pusat perbelanjaan dan pasar tradisional", None, "", B, "Disdagin", 2025, ""),
    ("ii-5", 8): ("Sarana pendidikan dalam kondisi baik", Decimal("82"), "%", B, "Disdik", 2025, ""),
    ("ii-5", 9): ("Sarana kesehatan dalam kondisi baik", Decimal("85"), "%", B, "Dinkes", 2025, ""),
    ("ii-6", 1): ("Luas area terjangkau 4G/3G", Decimal("99"), "%", B, DISKOMINFO, 2025, ""),
    ("ii-6", 2): ("Ada, jaringan broadband untuk masyarakat", None, "", B, DISKOMINFO, 2025, ""),
    ("ii-6", 3): ("Wifi publik", 1100, "titik", B, DISKOMINFO, 2025, ""),
    ("ii-6", 4): ("Rumah tangga terlayani listrik", Decimal("99.9"), "%", B, "PLN UP3 Bandung", 2025, ""),
    ("ii-6", 5): ("Pemadaman listrik", Decimal("1.5"), "jam/bulan", B, "PLN UP3 Bandung", 2025, ""),
    ("ii-6", 6): ("Sekolah dengan akses internet", 1480, "sekolah", B, "Disdik", 2025, ""),
    ("ii-6", 7): ("Rumah sakit dengan layanan daring", 29, "rumah sakit", S, "Dinkes", 2025, ""),
    ("ii-7", 1): ("Ada PKBM di sebagian kelurahan", None, "", S, "Disdik", 2025, ""),
    ("ii-7", 2): ("Taman tematik dan RTP di sebagian RW", None, "", S, "DPKP", 2025, ""),
    ("ii-7", 3): ("Ada balai warga di setiap kelurahan", None, "", B, "Kecamatan", 2025, ""),
    ("ii-7", 4): ("Fasilitas olahraga tingkat kelurahan", 310, "fasilitas", S, "Dispora", 2025, ""),
    ("ii-7", 5): ("Ada perpustakaan umum kota dan pojok baca", None, "", B, "Dispusip", 2025, ""),
    ("ii-8", 1): ("Belum ada Perda tentang Dewan Smart City", None, "", R, "Bagian Hukum", 2025, ""),
    ("ii-8", 2): ("Ada Perwal tentang Tim Pelaksana", None, "", B, "Bagian Hukum", 2025, ""),
    ("ii-8", 3): ("Masterplan sedang disusun", None, "", S, DISKOMINFO, 2025, ""),
    ("ii-8", 4): ("Belum ada Perda masterplan", None, "", R, "Bagian Hukum", 2025, ""),
    ("ii-8", 5): ("Visi smart city selaras dengan RPJMD", None, "", B, "Bappelitbang", 2025, ""),
    ("ii-8", 6): ("Keberlanjutan program belum dijamin regulasi", None, "", S, "Bappelitbang", 2025, ""),
    ("ii-8", 7): ("Ada penghargaan inovasi tahunan", None, "", B, "Bagian Organisasi", 2025, ""),
    ("ii-9", 1): ("Ada Dewan Smart City", None, "", B, DISKOMINFO, 2025, ""),
    ("ii-9", 2): ("Ada Tim Pelaksana Smart City", None, "", B, DISKOMINFO, 2025, ""),
    ("ii-9", 3): ("SOP smart city sebagian", None, "", S, DISKOMINFO, 2025, ""),
    ("ii-9", 4): ("Belum semua OPD menunjuk anggota tim", None, "", R, DISKOMINFO, 2025, ""),
    ("ii-10", 1): ("Ada LPPM dari beberapa perguruan tinggi", None, "", B, "LLDIKTI IV", 2025, ""),
    ("ii-10", 2): ("Ada forum pendukung smart city", None, "", B, DISKOMINFO, 2025, ""),
    ("ii-10", 3): ("Forum swadaya pendukung smart city", 7, "forum", S, DISKOMINFO, 2025, ""),
    ("ii-10", 4): ("Dukungan operasional berupa fasilitasi kegiatan", None, "", S, DISKOMINFO, 2025, ""),
    ("ii-10", 5): ("Forum dengan sekretariat definitif", 2, "forum", R, DISKOMINFO, 2025, ""),
    ("ii-10", 6): ("Pakar perguruan tinggi lokal di Dewan Smart City", None, "", B, DISKOMINFO, 2025, ""),
}
EXTRA = ("ii-6", "Jumlah menara telekomunikasi bersama", (
    "Menara bersama yang dikelola dengan izin pemerintah kota", 640, "menara", S, "DPMPTSP", 2025, ""))

PERFORMANCE = {
    "public_service": (S, "Layanan daring belum mencakup semua perizinan"),
    "bureaucracy": (S, "E-office berjalan, integrasi data kepegawaian baik"),
    "public_policy": (B, "Perencanaan berbasis data melalui satu data"),
    "tourism": (B, "Kunjungan wisata pulih dan naik"),
    "business": (S, "Kawasan Gedebage berkembang"),
    "city_appearance": (S, "Penataan taman dan trotoar belum merata"),
    "industry": (B, "Industri kreatif menjadi penggerak ekonomi"),
    "welfare": (S, ""),
    "transaction": (S, "Pembayaran non-tunai di pasar masih terbatas"),
    "harmony": (S, ""),
    "health": (B, "Layanan kesehatan daring di puskesmas"),
    "mobility": (R, "Kemacetan di jam sibuk, transportasi massal terbatas"),
    "community": (B, "Partisipasi komunitas tinggi"),
    "learning": (S, ""),
    "security": (S, "CCTV terhubung Command Center"),
    "protection": (S, ""),
    "waste": (R, "Timbulan sampah melampaui kapasitas TPA"),
    "energy": (S, "PJU hemat energi sebagian"),
}

OUTLOOK = {
    "trends": (
        "Digitalisasi layanan publik dan ekonomi bergerak cepat: transaksi non-tunai, layanan "
        "kependudukan daring, dan kerja jarak jauh menjadi kebiasaan baru. Regulasi nasional SPBE "
        "dan Satu Data Indonesia menuntut integrasi aplikasi dan data antar OPD."),
    "stakeholder_expectations": (
        "Warga, terutama generasi muda, mengharapkan layanan yang cepat, transparan dan dapat "
        "diakses dari ponsel, serta ruang partisipasi dalam perencanaan kota."),
    "competitiveness": (
        "Bandung bersaing dengan kota-kota besar di Indonesia sebagai kota kreatif dan tujuan "
        "investasi digital; sebagai pembanding internasional dipilih kota kreatif UNESCO di Asia."),
    "institutions": (
        "Perlu penguatan Dewan Smart City dan Tim Pelaksana dengan mandat yang jelas, serta "
        "tata kelola data lintas OPD di bawah Diskominfo."),
}
COMPETITIVENESS = {
    "cities": [("Kota Surabaya", "nasional"), ("Kota Yogyakarta", "nasional"),
               ("Kota Seoul", "internasional")],
    # indicator, unit, {city name or "own": (value, year)}
    "indicators": [
        ("Indeks Pembangunan Manusia", "indeks", {
            "own": ("82.5", 2024), "Kota Surabaya": ("83.0", 2024),
            "Kota Yogyakarta": ("88.6", 2024)}),
        ("Indeks SPBE", "indeks", {
            "own": ("3.95", 2024), "Kota Surabaya": ("4.1", 2024),
            "Kota Yogyakarta": ("3.8", 2024)}),
        ("Layanan publik daring", "%", {
            "own": ("60", 2025), "Kota Surabaya": ("75", 2025), "Kota Seoul": ("95", 2024)}),
    ],
}


def seed(full, empty):
    """Fill every readiness table, the performance assessment and the outlook of `full`;
    give `empty` its blank rows only."""
    for masterplan in (full, empty):
        ensure_rows(masterplan)
    if full.readiness_entries.exclude(interpretation="").exists():
        return  # already seeded
    entries = {(entry.sub_area_slug, entry.component.number): entry for entry in
               _with_slug(full.readiness_entries.filter(component__isnull=False)
                          .select_related("component", "sub_area"))}
    for key, (text, number, unit, judgement, source, year, note) in ENTRIES.items():
        entry = entries[key]
        entry.value_text, entry.value_number, entry.value_unit = text, number, unit
        entry.interpretation, entry.source, entry.source_year, entry.note = (
            judgement, source, year, note)
        entry.save()
    slug, label, values = EXTRA
    extra = add_extra_component(masterplan=full, sub_area=sub_area_by_slug(full.edition_id, slug),
                                text=label, user=None)
    (extra.value_text, extra.value_number, extra.value_unit, extra.interpretation, extra.source,
     extra.source_year, extra.note) = values
    extra.save()
    for assessment in PerformanceAssessment.objects.filter(masterplan=full).select_related("element"):
        assessment.rating, assessment.note = PERFORMANCE[assessment.element.code]
        assessment.save()
    OutlookAnalysis.objects.filter(masterplan=full).update(**OUTLOOK)
    cities = {"own": None}
    for order, (name, scope) in enumerate(COMPETITIVENESS["cities"]):
        cities[name] = BenchmarkCity.objects.create(masterplan=full, name=name, scope=scope,
                                                    order=order)
    for order, (name, unit, cells) in enumerate(COMPETITIVENESS["indicators"]):
        indicator = CompetitivenessIndicator.objects.create(masterplan=full, name=name, unit=unit,
                                                            order=order)
        for city, (value, year) in cells.items():
            CompetitivenessValue.objects.create(indicator=indicator, city=cities[city],
                                                value=Decimal(value), year=year)


def _with_slug(entries):
    for entry in entries:
        entry.sub_area_slug = entry.sub_area.slug
        yield entry

