"""Demo Bimtek visits and Tim Pembimbing reports (illustrative content).

Kota Bandung: the four sessions planned in 2026, #1–#3 held and reported with a keterangan per
activity, #1 and #2 signed by `pembimbing` and `ketua.bandung`, #3 written but unsigned, #4
planned; #1 carries a small PDF (the meeting notes) rendered on the fly. Kabupaten Banyuwangi:
#1 planned only. Signatures and the attachment go through the same services as the pages;
every step runs only where its data is still missing, so seeding twice changes nothing.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from bimtek import attachments, reports
from bimtek.models import ReportItemNote
from bimtek.visits import visits_of
from masterplan.models import User

D = datetime.date

ATTENDEES_BANDUNG = """Sekretaris Daerah Kota Bandung
Dewan Smart City Kota Bandung (5 orang)
Tim Pelaksana Smart City: Diskominfo, Bappelitbang, Dinas Perhubungan, DPMPTSP
OPD terkait (18 orang)
Perwakilan ITB dan komunitas Bandung Smart City Forum"""

# number -> (planned, held, location)
VISITS_BANDUNG = {
    1: (D(2026, 2, 10), D(2026, 2, 10), "Ruang Rapat Bappelitbang, Balai Kota Bandung"),
    2: (D(2026, 4, 14), D(2026, 4, 15), "Bandung Command Center, Balai Kota Bandung"),
    3: (D(2026, 7, 7), D(2026, 7, 8), "Aula Diskominfo Kota Bandung"),
    4: (D(2026, 12, 8), None, "Bandung Command Center, Balai Kota Bandung"),
}

# number -> (keterangan per report item position: (held, notes)), output text
REPORTS_BANDUNG = {
    1: ([
        (True, "Dibuka oleh Sekda; seluruh unsur Dewan Smart City, Tim Pelaksana dan 18 OPD hadir "
               "dan memperkenalkan diri."),
        (True, "Jadwal empat Bimtek disepakati; Direktorat e-Gov memaparkan kebijakan SPBE."),
        (True, "Diskusi kelembagaan: Dewan Smart City diketuai Wali Kota, Tim Pelaksana di bawah "
               "Diskominfo."),
        (True, "Kerangka isi masterplan dibagi per bab; penanggung jawab tiap bab ditunjuk."),
        (True, "Analisis kesenjangan awal: infrastruktur kuat, suprastruktur (perwal, SOP) masih "
               "lemah."),
        (True, "Prioritas 5–10 tahun: layanan publik terintegrasi, mobilitas, dan pengelolaan "
               "sampah."),
        (True, "Visi RPJMD dipetakan ke enam dimensi; kesiapan struktur, infrastruktur dan "
               "suprastruktur dibahas."),
        (True, "Tiga kandidat quick win: perizinan daring terpadu, parkir elektronik, aduan warga "
               "terpadu."),
        (True, "Jadwal penyusunan draf: bab I–III selesai sebelum Bimtek #2."),
        (False, "Audiensi dengan Wali Kota diundur karena agenda DPRD; diganti audiensi dengan Sekda."),
    ], """1. Struktur organisasi Dewan Smart City dan Tim Pelaksana Smart City Kota Bandung disepakati dan akan ditetapkan dengan Keputusan Wali Kota.
2. Kerangka isi masterplan dan pembagian penanggung jawab tiap bab.
3. Daftar awal kesenjangan kesiapan (struktur, infrastruktur, suprastruktur).
4. Tiga kandidat program quick win untuk dikaji lebih lanjut.
5. Jadwal kerja penyusunan draf masterplan sampai Bimtek #2."""),
    2: ([
        (True, "Pendahuluan draf dipaparkan Bappelitbang; latar belakang perlu data kependudukan 2025."),
        (True, "Program jangka pendek dirinci per dimensi; beberapa program belum punya indikator."),
        (True, "Program jangka menengah disesuaikan dengan RPJMD 2025–2029."),
        (True, "Program jangka panjang dikaitkan dengan RPJPD; perlu skenario pembiayaan."),
        (True, "Perizinan daring terpadu sudah uji coba di 3 kecamatan."),
        (True, "Parkir elektronik terkendala integrasi pembayaran; Bapenda dilibatkan."),
        (True, "Aduan warga terpadu memakai kanal yang sudah ada; SOP tindak lanjut disusun."),
        (True, "Penugasan perbaikan draf per OPD disepakati, tenggat akhir Juni."),
    ], """1. Draf awal masterplan bab I–IV dengan catatan perbaikan per bab.
2. Indikator keberhasilan program jangka pendek untuk dilengkapi setiap OPD.
3. Status tiga program quick win dan langkah tindak lanjutnya.
4. Penugasan perbaikan draf dan program kerja quick win dengan tenggat."""),
    3: ([
        (True, "Roadmap jangka pendek dan menengah dipaparkan; urutan program integrasi data disusun ulang."),
        (True, "Roadmap jangka panjang disepakati sebagai arah, dengan tinjauan setiap lima tahun."),
        (True, "Quick win perizinan daring diperluas ke 30 kecamatan."),
        (True, "Parkir elektronik berjalan di 12 ruas jalan; pendapatan parkir naik."),
        (True, "Inventaris aplikasi e-Gov: 412 aplikasi OPD, banyak yang tumpang tindih."),
        (True, "Usulan platform integrasi layanan dan satu data di pusat data kota."),
        (None, ""),
        (True, "Penyempurnaan draf final dijadwalkan sebelum Bimtek #4."),
        (True, "Audiensi dengan Wali Kota: dukungan anggaran integrasi aplikasi pada APBD 2027."),
    ], """1. Roadmap implementasi jangka pendek, menengah dan panjang disepakati.
2. Hasil inventarisasi aplikasi e-Gov dan usulan program integrasi "Smart e-Gov".
3. Komitmen anggaran integrasi aplikasi pada APBD 2027.
4. Jadwal penyempurnaan draf final masterplan sebelum Bimtek #4."""),
}
SIGNED_BANDUNG = (1, 2)

MINUTES_HTML = """<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm; } body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 14pt; } li { margin-bottom: 2mm; }</style></head><body>
<h1>Notulen Bimtek #1 Kota Bandung</h1>
<p>Tanggal: 10–11 Februari 2026 · Tempat: Ruang Rapat Bappelitbang, Balai Kota Bandung</p>
<ol>
<li>Pembukaan oleh Sekretaris Daerah dan perkenalan Dewan Smart City, Tim Pelaksana, dan Tim Pembimbing.</li>
<li>Kesepakatan jadwal empat Bimtek dan kerangka isi masterplan.</li>
<li>Kandidat program quick win: perizinan daring terpadu, parkir elektronik, aduan warga terpadu.</li>
</ol>
<p>Notulis: Sekretariat Tim Pelaksana Smart City Kota Bandung</p>
</body></html>"""


def minutes_pdf():
    from weasyprint import HTML  # loaded only when the attachment is made

    from bimtek.pdf import DataOnlyFetcher  # loads WeasyPrint too

    return HTML(string=MINUTES_HTML, base_url=None, url_fetcher=DataOnlyFetcher()).write_pdf()


def _fill_visit(visit, planned, held, location, attendees, team):
    if visit.planned_date is not None:
        return
    visit.planned_date, visit.actual_date, visit.location = planned, held, location
    visit.attendees = attendees if held else ""
    visit.save()
    visit.pembimbing.set(team)


def _fill_report(visit, notes, output):
    report = reports.ensure_report(visit)
    if reports.signed_sides(report):
        return report
    if not report.output:
        report.output = output
        report.visit_date = report.visit_date or visit.actual_date
        report.save()
    items = list(visit.session.report_items.all())
    for item, (held, text) in zip(items, notes, strict=True):
        if held is None and not text:
            continue
        ReportItemNote.objects.get_or_create(report=report, item=item,
                                             defaults={"held": held, "notes": text})
    return report


def seed(full, empty):
    pembimbing = User.objects.get(username="pembimbing")
    ketua = User.objects.get(username="ketua.bandung")
    visits = {visit.session.number: visit for visit in visits_of(full)}
    for number, (planned, held, location) in VISITS_BANDUNG.items():
        _fill_visit(visits[number], planned, held, location, ATTENDEES_BANDUNG, [pembimbing])
    for number, (notes, output) in REPORTS_BANDUNG.items():
        report = _fill_report(visits[number], notes, output)
        if number == 1 and not report.attachments.exists() and not reports.signed_sides(report):
            attachments.add_attachment(report, SimpleUploadedFile(
                "notulen-bimtek-1-kota-bandung.pdf", minutes_pdf(), "application/pdf"), pembimbing)
        if number in SIGNED_BANDUNG:
            for user, side in ((pembimbing, reports.PEMBIMBING), (ketua, reports.KETUA)):
                report.refresh_from_db()
                if getattr(report, f"{side}_signed_at") is None:
                    reports.sign(report, user)
    first_empty = visits_of(empty).get(session__number=1)
    _fill_visit(first_empty, D(2026, 12, 15), None, "Kantor Bupati Banyuwangi", "", [pembimbing])
