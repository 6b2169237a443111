"""Demo gap analysis, vision and mission, checklists and sasaran for Kota Bandung.

Figures are illustrative. One indicator (startup digital aktif) deliberately lacks its final-year
target so the sasaran warnings have something to show. Each part is seeded only when it is still
empty, so running seed_demo twice changes nothing."""

from decimal import ROUND_HALF_UP, Decimal

from readiness.models import ReadinessEntry
from swot.models import (
    GapRow,
    Indicator,
    IndicatorTarget,
    Mission,
    Sasaran,
    Strategy,
    Vision,
    VisionCheck,
)
from swot.services import ensure_rows

# subject (dimension or readiness element code), to be, as is, action, [(table slug, component no)]
GAP_ROWS = [
    ("governance",
     "Seluruh perizinan dan layanan administrasi kependudukan dapat diajukan dan dipantau secara daring dari satu portal kota.",
     "Layanan daring baru mencakup sekitar 60% layanan; 412 aplikasi OPD belum terintegrasi; monev pembangunan masih semi-manual.",
     "Program Portal Layanan Terpadu: inventarisasi aplikasi (2026), integrasi bertahap ke portal tunggal (2027–2029), dasbor monev daring di Bappelitbang (2027).",
     [("ii-3", 20), ("ii-3", 8), ("ii-3", 17)]),
    ("branding",
     "Bandung dikenal luas sebagai kota kreatif dan tujuan wisata dengan identitas digital kota yang seragam.",
     "Promosi wisata dan produk kreatif tersebar di banyak kanal OPD tanpa identitas bersama.",
     "Program City Branding Digital: panduan identitas kota, satu kanal promosi wisata, katalog produk kreatif lokal.",
     [("ii-2", 1)]),
    ("economy",
     "UMKM dan pasar tradisional terhubung ke pasar digital dan pembayaran non-tunai.",
     "Pembayaran non-tunai di pasar tradisional masih terbatas; pendampingan UMKM digital belum merata.",
     "Program Pasar dan UMKM Digital: QRIS di semua pasar kota, pendampingan onboarding marketplace per kecamatan.",
     [("ii-4", 9)]),
    ("living",
     "Warga bergerak dengan transportasi umum terintegrasi dan trotoar yang tersambung di seluruh pusat kota.",
     "Kemacetan di jam sibuk; panjang trotoar baru 34% dari panjang jalan beraspal dan terputus di banyak ruas.",
     "Program Mobilitas Terpadu: koridor BRT, informasi perjalanan waktu nyata, penyambungan trotoar di koridor utama.",
     [("ii-5", 2), ("ii-5", 1)]),
    ("society",
     "Ruang publik aman, terawat dan dijaga bersama komunitas warga.",
     "Perusakan fasilitas umum tercatat 410 kasus per tahun, terutama halte dan taman.",
     "Program Ruang Publik Aman: CCTV terhubung Command Center di taman dan halte, aplikasi aduan warga, gerakan adopsi taman oleh komunitas.",
     [("ii-2", 12), ("ii-7", 2)]),
    ("environment",
     "Sampah terpilah dari sumber dan timbulan yang dibuang ke TPA terus berkurang.",
     "Timbulan sampah melampaui kapasitas TPA; pemilahan di sumber masih rendah.",
     "Program Kang Pisman Digital: bank sampah terdata daring, pemantauan armada angkut, insentif pemilahan per RW.",
     []),
    ("structure",
     "Aparatur yang cakap digital dengan regenerasi terencana dan pusat data yang siap pulih dari bencana.",
     "38% pegawai berusia 50 tahun ke atas menjelang gelombang pensiun; belum ada SOP pemulihan bencana data (DRP).",
     "Program ASN Digital dan Ketahanan Data: rencana suksesi jabatan TIK, pelatihan berjenjang, penyusunan DRP dan situs cadangan (2027).",
     [("ii-3", 5), ("ii-3", 13)]),
    ("infrastructure",
     "Semua fasilitas kesehatan melayani pendaftaran dan rekam medis secara daring.",
     "Baru 29 rumah sakit yang melayani secara daring; puskesmas belum seluruhnya memakai rekam medis elektronik.",
     "Program Layanan Kesehatan Daring: jaringan dan perangkat untuk puskesmas, integrasi rekam medis elektronik.",
     [("ii-6", 7)]),
    ("superstructure",
     "Dewan Smart City dan masterplan berkekuatan hukum Perda; setiap OPD menunjuk anggota Tim Pelaksana.",
     "Belum ada Perda Dewan Smart City maupun Perda masterplan; belum semua OPD menunjuk anggota tim.",
     "Penyusunan naskah akademik dan Raperda (2026), pengesahan (2027); surat edaran Sekda tentang penunjukan anggota tim dari setiap OPD.",
     [("ii-8", 1), ("ii-8", 4), ("ii-9", 4)]),
    ("superstructure",
     "Forum masyarakat pendukung smart city berjalan mandiri dengan sekretariat tetap.",
     "Hanya 2 forum yang memiliki sekretariat definitif.",
     "Fasilitasi sekretariat bersama forum di gedung kreatif kota dan kalender kegiatan bersama.",
     [("ii-10", 5)]),
]

VISION = {
    "statement": "Bandung 2035: kota kreatif yang cerdas, nyaman dan berkelanjutan bagi seluruh warganya.",
    "explanation": (
        "Bandung memiliki modal kreatif yang kuat (214 komunitas kreatif, ekosistem startup dan 84 "
        "perguruan tinggi), tetapi menghadapi kemacetan, timbulan sampah yang melampaui kapasitas TPA, "
        "dan layanan publik daring yang belum terintegrasi. Visi ini mengarahkan teknologi untuk "
        "menjawab masalah tersebut: layanan yang terpadu (cerdas), kota yang mudah dan aman dijalani "
        "(nyaman), serta pengelolaan sampah dan energi yang bertanggung jawab (berkelanjutan)."),
    "rpjpd_vision": "Bandung Kota Jasa yang Bermartabat (Bersih, Makmur, Taat dan Bersahabat).",
    "rpjpd_mission": "Mengembangkan sumber daya manusia yang handal dan religius; mengembangkan perekonomian kota yang berdaya saing; mewujudkan tata kelola pemerintahan yang baik.",
    "rpjmd_vision": "Terwujudnya Kota Bandung yang unggul, nyaman, sejahtera dan agamis.",
    "rpjmd_mission": "Membangun masyarakat yang humanis, agamis, berkualitas dan berdaya saing; mewujudkan tata kelola pemerintahan yang melayani, efektif, efisien dan bersih; membangun perekonomian yang mandiri, kokoh dan berkeadilan; mewujudkan Bandung nyaman melalui perencanaan tata ruang yang berwawasan lingkungan.",
    "national_vision": "RPJPN 2025–2045: Negara Kesatuan Republik Indonesia yang bersatu, berdaulat, maju dan berkelanjutan (Indonesia Emas 2045), dengan transformasi digital sebagai salah satu penggerak.",
    "community_expectations": "Forum warga dan survei kepuasan 2025: layanan yang cepat dan dapat diakses dari ponsel, transportasi umum yang andal, kota yang bersih dari sampah, ruang terbuka yang aman untuk keluarga.",
    "external_factors": "Kebijakan SPBE dan Satu Data Indonesia, pertumbuhan ekonomi digital nasional, persaingan antarkota dalam menarik investasi dan wisatawan, serta risiko perubahan iklim terhadap banjir dan pengelolaan sampah.",
}

MISSIONS = [
    "Mewujudkan tata kelola pemerintahan yang terpadu, terbuka dan berbasis data.",
    "Mengembangkan ekonomi kreatif dan UMKM yang terhubung dengan pasar digital.",
    "Menyediakan mobilitas dan layanan kesehatan yang nyaman dan terjangkau bagi warga.",
    "Membangun masyarakat yang cakap digital, aman dan peduli ruang publik.",
    "Mengelola sampah, energi dan lingkungan kota secara berkelanjutan.",
]

CRITERION_REASONS = {
    1: "Menyebut kondisi yang ingin dicapai pada 2035, akhir periode masterplan sepuluh tahun.",
    2: "Menjawab isu strategis kemacetan, sampah dan layanan publik yang belum terintegrasi.",
    3: "Dijabarkan ke lima misi dan sasaran per dimensi dengan indikator terukur.",
    5: "Penjelasan visi menguraikan kebutuhan, masalah dan potensi kreatif kota.",
    6: "Selaras dengan RPJMD (unggul, nyaman, sejahtera) dan visi Indonesia Emas 2045.",
}
QUALITY_REASONS = {
    1: "Warga dapat membayangkan kota yang lancar, bersih dan layanannya dalam genggaman.",
    2: "Diangkat dari harapan warga dalam forum dan survei kepuasan.",
    3: "Didukung kapasitas fiskal dan ekosistem kreatif yang sudah ada.",
    4: "Berfokus pada tiga isu utama: layanan terpadu, mobilitas dan sampah.",
    5: "Kata kunci cerdas, nyaman dan berkelanjutan dapat diisi program yang berganti sesuai zaman.",
    6: "Pendek dan mudah diucapkan dalam kampanye publik.",
    7: "Satu kalimat yang tajam dengan tiga kata kunci.",
}

ALL = ("specific", "measurable", "appropriate", "relevant", "continuously_improved", "cost_effective")
# dimension code: [(sasaran, criteria met, [(indicator, unit, direction, baseline, final, source,
#                                            note, last year with a target or None for all)])]
SASARAN = {
    "governance": [
        ("Meningkatnya layanan publik yang dapat diakses secara daring dan terpadu.", ALL, [
            ("Layanan publik yang tersedia daring", "%", "naik", "60", "100", "DPMPTSP dan Diskominfo", "", None),
            ("Indeks SPBE Kota Bandung", "indeks", "naik", "3.95", "4.6", "KemenPANRB", "", None),
        ]),
        ("Terwujudnya perencanaan dan pengendalian pembangunan berbasis data.", ALL[:5], [
            ("OPD yang menyetor data ke portal Satu Data", "%", "naik", "45", "100", "Diskominfo", "", None),
        ]),
    ],
    "branding": [
        ("Meningkatnya daya tarik Bandung sebagai tujuan wisata kota kreatif.", ALL, [
            ("Kunjungan wisatawan mancanegara", "ribu orang/tahun", "naik", "190", "320", "Disbudpar", "", None),
        ]),
        ("Menguatnya identitas digital kota dan produk kreatif lokal.", ALL[:4], [
            ("Produk kreatif lokal di katalog digital kota", "produk", "naik", "1200", "6000", "Disbudpar dan Dinas KUKM", "", None),
        ]),
    ],
    "economy": [
        ("Meningkatnya transaksi non-tunai di pasar tradisional dan UMKM.", ALL, [
            ("Pasar tradisional yang menerima QRIS", "%", "naik", "35", "100", "Disdagin", "", None),
            ("UMKM yang berjualan di marketplace", "unit usaha", "naik", "18000", "60000", "Dinas KUKM", "", None),
        ]),
        ("Tumbuhnya ekonomi kreatif digital.", ALL[:3], [
            # Deliberately incomplete: no target yet for the final year (warning in the demo).
            ("Startup digital aktif", "startup", "naik", "180", "300", "Dinas KUKM", "", 2030),
        ]),
    ],
    "living": [
        ("Meningkatnya mobilitas warga dengan transportasi umum terintegrasi.", ALL, [
            ("Perjalanan dengan angkutan umum", "% perjalanan", "naik", "18", "35", "Dishub", "", None),
            ("Waktu tempuh jam sibuk koridor utama", "menit", "turun", "55", "35", "Dishub", "", None),
        ]),
        ("Meningkatnya layanan kesehatan daring.", ALL, [
            ("Puskesmas dengan rekam medis elektronik", "%", "naik", "70", "100", "Dinkes", "", None),
        ]),
    ],
    "society": [
        ("Meningkatnya keamanan dan ketertiban ruang publik.", ALL, [
            ("Perusakan fasilitas umum", "kasus/tahun", "turun", "410", "150", "DSDABM dan Satpol PP", "", None),
        ]),
        ("Meningkatnya literasi digital warga.", ALL[:5], [
            ("Warga yang mengikuti pelatihan literasi digital", "orang/tahun", "naik", "12000", "30000", "Diskominfo", "", None),
        ]),
    ],
    "environment": [
        ("Berkurangnya sampah yang dibuang ke TPA.", ALL, [
            ("Sampah yang diangkut ke TPA", "ton/hari", "turun", "1200", "800", "DLH", "", None),
            ("Sampah terpilah dari sumber", "%", "naik", "15", "50", "DLH", "", None),
        ]),
        ("Meningkatnya efisiensi energi penerangan jalan umum.", ALL, [
            ("PJU hemat energi yang terpantau daring", "%", "naik", "40", "100", "DSDABM",
             "Penggantian lampu mengikuti umur pakai lampu lama.", None),
        ]),
    ],
}
BASELINE_YEAR = 2025


def yearly_targets(baseline, final, years):
    """Evenly spaced targets from the baseline to the final value, rounded as people write them."""
    baseline, final = Decimal(baseline), Decimal(final)
    places = Decimal("1") if abs(final - baseline) >= 100 else Decimal("0.1")
    step = (final - baseline) / len(years)
    return {year: (baseline + step * (n + 1)).quantize(places, rounding=ROUND_HALF_UP)
            for n, year in enumerate(years)}


def _gap_rows(masterplan):
    if masterplan.gap_rows.exists():
        return
    dimensions = {d.code: d for d in masterplan.edition.dimensions.all()}
    elements = {e.code: e for e in masterplan.edition.readiness_elements.all()}
    entries = {(entry.sub_area.slug, entry.component.number): entry for entry in
               ReadinessEntry.objects.filter(masterplan=masterplan, component__isnull=False)
               .select_related("sub_area", "component")}
    for position, (subject, to_be, as_is, action, evidence) in enumerate(GAP_ROWS):
        row = GapRow.objects.create(masterplan=masterplan, position=position, to_be=to_be,
                                    as_is=as_is, action=action, dimension=dimensions.get(subject),
                                    readiness_element=elements.get(subject))
        row.evidence.set([entries[key] for key in evidence if key in entries])
        # Cite the first TOWS strategy of the subject's SWOT worksheet, when the demo has one.
        strategy = Strategy.objects.filter(
            worksheet__masterplan=masterplan, worksheet__dimension=row.dimension,
            worksheet__readiness_element=row.readiness_element).order_by("quadrant", "position").first()
        if strategy is not None:
            row.strategies.add(strategy)


def _vision(masterplan):
    vision = Vision.objects.get(masterplan=masterplan)
    if not vision.statement:
        Vision.objects.filter(pk=vision.pk).update(**VISION)
    if not masterplan.missions.exists():
        Mission.objects.bulk_create([Mission(masterplan=masterplan, position=n, text=text)
                                     for n, text in enumerate(MISSIONS)])
    if not masterplan.vision_checks.filter(met=True).exists():
        reasons = {"criterion": CRITERION_REASONS, "quality": QUALITY_REASONS}
        for check in VisionCheck.objects.filter(masterplan=masterplan):
            reason = reasons[check.kind].get(check.number, "")
            check.met, check.justification = bool(reason), reason
            check.save(update_fields=["met", "justification"])


def _sasaran(masterplan):
    if masterplan.sasaran.exists():
        return
    dimensions = {d.code: d for d in masterplan.edition.dimensions.all()}
    years = list(masterplan.years)
    for code, items in SASARAN.items():
        for position, (text, criteria, indicators) in enumerate(items):
            sasaran = Sasaran.objects.create(masterplan=masterplan, dimension=dimensions[code],
                                             position=position, text=text,
                                             **{name: name in criteria for name in ALL})
            for number, (name, unit, direction, baseline, final, source, note, last) in enumerate(indicators):
                indicator = Indicator.objects.create(
                    sasaran=sasaran, position=number, name=name, unit=unit, direction=direction,
                    baseline_year=BASELINE_YEAR, baseline_value=Decimal(baseline),
                    data_source=source, note=note)
                targets = yearly_targets(baseline, final, years)
                IndicatorTarget.objects.bulk_create([
                    IndicatorTarget(indicator=indicator, year=year, value=value)
                    for year, value in targets.items() if last is None or year <= last])


def seed(full, empty):
    """Fill the gap analysis, vision, missions, checklists and sasaran of `full`; give `empty`
    its blank vision and checklist rows only."""
    for masterplan in (full, empty):
        ensure_rows(masterplan)
    _gap_rows(full)
    _vision(full)
    _sasaran(full)
