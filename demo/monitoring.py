"""Demo monitoring and evaluation for Kota Bandung: records for 2026 TW I and TW II of every
program running then (the programs come from demo/programs.py), each with its progress, the
guide's three evaluation questions, a follow-up workplan and an actual value per KPI.

Actuals move from the KPI's baseline towards its 2026 target: about a quarter of the way in
TW I and a bit more than half in TW II, with a few programs lagging so the achievement per
dimension is not uniform. Figures are illustrative. A record is added only when its program has
none for that quarter, so running seed_demo twice changes nothing; a masterplan without programs
gets nothing.
"""

from decimal import ROUND_HALF_UP, Decimal

from masterplan.models import User
from roadmap.models import KpiActual, KpiTarget, MonitoringRecord, Program
from roadmap.monitoring import within

PERIODS = [(2026, 1), (2026, 2)]
# The share of the way from baseline to the year's target reached in each quarter; programs
# named here lag behind (their KPIs move slower and their progress is lower).
SHARE = {1: Decimal("0.25"), 2: Decimal("0.55")}
LAGGING = {"QRIS di Seluruh Pasar Tradisional": Decimal("0.5"),
           "Pusat Data Kota dan Situs Pemulihan Bencana (DRP)": Decimal("0.4")}

# Notes for some programs by name; the others get notes built from their lead OPD.
NOTES = {
    "Mal Pelayanan Publik Digital": {
        1: ("Portal dan aplikasi ponsel sudah melayani 42 jenis izin; antrean loket turun.",
            "Integrasi data kependudukan untuk verifikasi otomatis belum berjalan.",
            "Tetapkan SOP verifikasi daring bersama Disdukcapil.",
            "Uji coba verifikasi NIK otomatis untuk izin usaha mikro", "Mei 2026",
            "DPMPTSP dan Disdukcapil"),
        2: ("Verifikasi NIK otomatis berjalan untuk izin usaha mikro; 58 jenis izin daring.",
            "Sebagian izin bangunan masih perlu unggah berkas fisik.",
            "Digitalisasi berkas PBG dan integrasi tanda tangan elektronik.",
            "Integrasi tanda tangan elektronik BSrE untuk PBG", "Agustus 2026", "DPMPTSP"),
    },
    "QRIS di Seluruh Pasar Tradisional": {
        1: ("Sosialisasi QRIS selesai di 12 pasar bersama Bank Indonesia.",
            "Banyak pedagang lansia belum memiliki rekening bank.",
            "Pendampingan pembukaan rekening langsung di pasar.",
            "Layanan jemput bola pembukaan rekening di 10 pasar", "April–Juni 2026",
            "Disdagin dan Bank BJB"),
        2: ("QRIS aktif di 16 pasar; retribusi non-tunai mulai di 5 pasar.",
            "Penggunaan harian masih rendah karena pembeli terbiasa tunai.",
            "Promosi cashback bersama bank dan kampanye pembeli.",
            "Kampanye Pasar Non-Tunai di 20 pasar", "Juli–September 2026", "Disdagin"),
    },
    "Integrasi Aplikasi Smart e-Gov Kota Bandung": {
        1: ("Inventarisasi 412 aplikasi OPD selesai; API gateway terpasang di pusat data.",
            "Sebagian besar aplikasi OPD belum memiliki API.",
            "Standar API dan katalog layanan wajib bagi pengembang aplikasi OPD.",
            "Perwal standar interoperabilitas dan katalog API", "Juni 2026", "Diskominfo"),
        2: ("23 aplikasi prioritas terhubung ke API gateway, termasuk kepegawaian dan keuangan.",
            "Pertukaran data kependudukan masih menunggu perjanjian kerja sama.",
            "Percepat PKS pemanfaatan data dengan Ditjen Dukcapil.",
            "Penandatanganan PKS data kependudukan", "Agustus 2026",
            "Diskominfo dan Disdukcapil"),
    },
}


def _notes(program, quarter):
    if program.name in NOTES:
        return NOTES[program.name][quarter]
    lead = program.lead_opd.short_name if program.lead_opd else "Tim pelaksana"
    if quarter == 1:
        return ("Rencana kerja dan tim program sudah ditetapkan; kegiatan awal berjalan sesuai "
                "jadwal.",
                "Pengadaan barang dan jasa baru dimulai, sehingga sebagian kegiatan tertunda.",
                "Percepat proses pengadaan dan perjelas pembagian tugas dengan OPD pendukung.",
                "Rapat koordinasi percepatan bersama OPD pendukung", "April 2026", lead)
    return ("Kegiatan utama triwulan II berjalan; capaian KPI bergerak ke arah target.",
            "Data capaian dari OPD pendukung belum dilaporkan tepat waktu.",
            "Laporan capaian bulanan melalui format monev yang sama untuk semua OPD.",
            "Penyusunan laporan capaian semester I", "Juli 2026", lead)


def _actual(kpi, target, quarter, lag):
    """The KPI's value in `quarter` of 2026: part of the way from its baseline to the target."""
    baseline = kpi.baseline_value if kpi.baseline_value is not None else Decimal(0)
    value = baseline + (target - baseline) * SHARE[quarter] * lag
    whole = baseline == baseline.to_integral_value() and target == target.to_integral_value()
    return value.quantize(Decimal(1) if whole else Decimal("0.01"), rounding=ROUND_HALF_UP)


def seed(full, empty):
    """Monitoring records of `full` (Kota Bandung) for 2026 TW I and TW II; `empty` gets none."""
    programs = list(Program.objects.filter(masterplan=full).select_related("lead_opd")
                    .prefetch_related("kpis").order_by("pk"))
    if not programs:
        return
    author = User.objects.filter(username="anggota.bandung").first()
    targets = {(kpi_id, year): value for kpi_id, year, value in KpiTarget.objects.filter(
        kpi__program__masterplan=full).values_list("kpi_id", "year", "value")}
    have = set(MonitoringRecord.objects.filter(program__masterplan=full)
               .values_list("program_id", "year", "quarter"))
    for number, program in enumerate(programs):
        lag = LAGGING.get(program.name, Decimal(1))
        for year, quarter in PERIODS:
            if not within(program, year, quarter) or (program.pk, year, quarter) in have:
                continue
            works, not_works, improve, what, when, who = _notes(program, quarter)
            progress = int((15 if quarter == 1 else 40) * lag) + number % 4 * 5
            record = MonitoringRecord.objects.create(
                program=program, year=year, quarter=quarter, progress_percent=progress,
                works=works, not_works=not_works, improve=improve, followup_what=what,
                followup_when=when, followup_who=who, updated_by=author)
            for kpi in program.kpis.all():
                target = targets.get((kpi.pk, year))
                if target is not None:
                    KpiActual.objects.create(record=record, kpi=kpi,
                                             value=_actual(kpi, target, quarter, lag))
