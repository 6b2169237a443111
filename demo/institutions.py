"""Demo institutions, regulations and e-Gov application inventory for Kota Bandung (illustrative
names and numbers, not the city's real decrees).

* Dewan Smart City: nine members across the four unsur, decree of 2025 (valid to 2030);
* Tim Pelaksana: twelve members from the city's OPDs, decree of September 2025, so the page
  shows its one-year validity as expired;
* two forums; the guide's four regulations at different statuses (the Keputusan on the Dewan and
  Tim ditetapkan, with a small PDF rendered on the fly and stored through the upload service)
  plus one regulation of the city's own;
* fifteen applications over the government functions, none for monitoring and evaluation
  (Tabel II.3 item 17), so the summary names it; interoperable ones exchange data; gap notes;
  links to the masterplan's Smart e-Gov integration programs when the programs demo made some.

OPDs come from the programs demo when it ran first; otherwise the few needed are created here,
matched by singkatan or name, so both orders give one list. Every part is filled only while
still empty, so seeding twice changes nothing.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from masterplan import ordering
from masterplan.models import User
from roadmap import regulations as regulation_service
from roadmap.models import (
    Application,
    Institution,
    InstitutionKind,
    InstitutionMember,
    Opd,
    Program,
    Regulation,
    RegulationStatus,
)

D = datetime.date

# singkatan -> full name, spelled as in demo/programs.py so either module finds the other's OPDs
OPDS = {
    "Diskominfo": "Dinas Komunikasi dan Informatika",
    "Bappelitbang": "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
    "BPKAD": "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Bapenda": "Badan Pendapatan Daerah",
    "BKPSDM": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "DPMPTSP": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
    "Dishub": "Dinas Perhubungan",
    "Dinkes": "Dinas Kesehatan",
    "Disdik": "Dinas Pendidikan",
    "DLH": "Dinas Lingkungan Hidup",
    "Bagian Hukum": "Bagian Hukum Sekretariat Daerah",
}

COUNCIL_DECREE = ("188.45/Kep.112-Diskominfo/2025", D(2025, 3, 17), "terbuka")
# name, role, unsur, position
COUNCIL = [
    ("Drs. H. Ahmad Rusdiana, M.Si.", "ketua", "pemerintah_daerah", "Wali Kota Bandung"),
    ("Ir. Dewi Kartikasari, M.T.", "sekretaris", "pemerintah_daerah",
     "Kepala Dinas Komunikasi dan Informatika"),
    ("Dr. H. Bambang Sutrisno, M.Si.", "anggota", "pemerintah_daerah", "Sekretaris Daerah"),
    ("Rina Marlina, S.E., M.M.", "anggota", "pemerintah_daerah", "Kepala Bappelitbang"),
    ("Prof. Dr. Ir. Suhardi Wiratmaja", "anggota", "akademisi",
     "Guru Besar Sekolah Teknik Elektro dan Informatika ITB"),
    ("Dr. Nurul Hidayati, S.Sos., M.A.", "anggota", "akademisi",
     "Dosen Ilmu Administrasi Publik Universitas Padjadjaran"),
    ("Hendra Gunawan", "anggota", "industri", "Ketua KADIN Kota Bandung"),
    ("Maya Sari Putri", "anggota", "industri", "Ketua Asosiasi Startup Digital Bandung"),
    ("Yudi Permana", "anggota", "masyarakat", "Koordinator Bandung Smart City Forum"),
]

TEAM_DECREE = ("800/Kep.077-Diskominfo/2025", D(2025, 9, 15))
# name, role, OPD singkatan, position, eselon
TEAM = [
    ("Ir. Dewi Kartikasari, M.T.", "ketua", "Diskominfo", "Kepala Dinas", "II.b"),
    ("Agus Setiawan, S.Kom., M.T.", "sekretaris", "Diskominfo",
     "Kepala Bidang Aplikasi Informatika", "III.b"),
    ("Lina Herlina, S.T., M.T.", "anggota", "Bappelitbang",
     "Kepala Bidang Perencanaan Infrastruktur dan Kewilayahan", "III.b"),
    ("Rudi Hartono, S.E., Ak.", "anggota", "BPKAD", "Kepala Bidang Anggaran", "III.b"),
    ("Siti Aminah, S.Sos.", "anggota", "Bapenda", "Kepala Bidang Pendataan dan Penetapan",
     "III.b"),
    ("Dedi Kurniawan, S.IP., M.Si.", "anggota", "BKPSDM",
     "Kepala Bidang Data dan Informasi Kepegawaian", "III.b"),
    ("Fitri Handayani, S.H.", "anggota", "DPMPTSP", "Kepala Bidang Pelayanan Perizinan",
     "III.b"),
    ("Asep Saepudin, S.Kom.", "anggota", "Disdukcapil",
     "Kepala Bidang Pemanfaatan Data dan Inovasi Pelayanan", "III.b"),
    ("Ir. Tono Suprapto", "anggota", "Dishub", "Kepala Bidang Lalu Lintas", "III.b"),
    ("dr. Ratna Wulandari, M.K.M.", "anggota", "Dinkes",
     "Kepala Bidang Sumber Daya Kesehatan", "III.b"),
    ("Eko Prasetyo, S.Pd., M.Pd.", "anggota", "Disdik", "Kepala Bidang Sekolah Dasar", "III.b"),
    ("Wawan Hermawan, S.T.", "anggota", "DLH",
     "Kepala Bidang Pengelolaan Sampah dan Limbah B3", "III.b"),
]

FORUMS = [
    ("Bandung Smart City Forum", "Diskominfo",
     "Sekretariat: Bandung Command Center, Balai Kota Bandung · bscf@demo.invalid",
     [("Yudi Permana", "Koordinator, komunitas warga"),
      ("Komunitas Pengembang Bandung (BDG Dev)", "Komunitas pengembang piranti lunak"),
      ("Himpunan Mahasiswa Informatika se-Bandung", "Mahasiswa")]),
    ("Forum Bandung Kota Sehat", "Dinkes",
     "Sekretariat Forum Kota Sehat, Dinas Kesehatan Kota Bandung · forumkotasehat@demo.invalid",
     []),
]

# guide code -> (status, number, date, with a PDF)
REGULATIONS = {
    "perda_masterplan": (RegulationStatus.IN_DPRD, "", None, False),
    "perkada_quick_wins": (RegulationStatus.DRAFT, "", None, False),
    "keputusan_dewan_tim": (RegulationStatus.ENACTED, "Keputusan Wali Kota Bandung Nomor "
                            + COUNCIL_DECREE[0], COUNCIL_DECREE[1], True),
    "juklak_juknis": (RegulationStatus.NONE, "", None, False),
}
OTHER_REGULATION = "Peraturan Wali Kota tentang Satu Data Kota Bandung"

DECREE_HTML = """<!doctype html><html lang="id"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 25mm; } body { font-family: serif; font-size: 11pt; }
h1 { font-size: 13pt; text-align: center; } p.c { text-align: center; }</style></head><body>
<h1>KEPUTUSAN WALI KOTA BANDUNG<br>NOMOR 188.45/Kep.112-Diskominfo/2025</h1>
<p class="c">TENTANG<br>PEMBENTUKAN DEWAN SMART CITY DAN TIM PELAKSANA SMART CITY KOTA BANDUNG</p>
<p>Menimbang: bahwa untuk mempercepat pelaksanaan Masterplan Smart City Kota Bandung perlu
dibentuk Dewan Smart City dan Tim Pelaksana Smart City.</p>
<p>MEMUTUSKAN: Membentuk Dewan Smart City Kota Bandung dengan susunan keanggotaan sebagaimana
tercantum dalam Lampiran I, dan Tim Pelaksana Smart City Kota Bandung sebagaimana tercantum
dalam Lampiran II Keputusan ini.</p>
<p>Ditetapkan di Bandung pada tanggal 17 Maret 2025.</p>
<p><em>Dokumen contoh untuk demo aplikasi; bukan keputusan yang sebenarnya.</em></p>
</body></html>"""

# name, OPD, function, users, interoperable, works, not works, improve
APPLICATIONS = [
    ("SIPD Kota Bandung", "Bappelitbang", "perencanaan", "Perencana di semua OPD", True,
     "Usulan program OPD tercatat dalam satu sistem.",
     "Data capaian belum kembali ke sistem perencanaan.",
     "Tarik data realisasi dari sistem keuangan secara otomatis."),
    ("e-Musrenbang", "Bappelitbang", "perencanaan", "Kelurahan, kecamatan, warga", True,
     "Usulan warga dari 151 kelurahan masuk daring.",
     "Status tindak lanjut usulan tidak terlihat warga.",
     "Tampilkan status usulan dan kaitkan dengan SIPD."),
    ("SIMDA Keuangan", "BPKAD", "keuangan", "Bendahara dan PPK OPD", True,
     "Penatausahaan dan pelaporan keuangan berjalan.",
     "Rekonsiliasi dengan pendapatan masih manual.",
     "Integrasi penuh dengan sistem pajak daerah."),
    ("e-Budgeting", "BPKAD", "keuangan", "TAPD dan OPD", True,
     "Penyusunan RKA daring dan terkunci per tahap.", "",
     "Sinkronisasi otomatis ke SIPD."),
    ("Pajak Daerah Online", "Bapenda", "keuangan", "Wajib pajak, petugas Bapenda", True,
     "Pendaftaran dan pembayaran PBB serta pajak hotel/restoran daring.",
     "Data piutang berbeda dengan SIMDA.", "Rekonsiliasi harian otomatis."),
    ("e-Office (surat elektronik)", "Diskominfo", "kantor_virtual", "Seluruh ASN", True,
     "Disposisi dan tanda tangan elektronik di semua OPD.",
     "Arsip lama belum dimigrasikan.", "Migrasi arsip dan integrasi dengan SIMPEG."),
    ("Rapat Daring Pemkot", "Diskominfo", "kantor_virtual", "Pimpinan dan ASN", False,
     "Rapat koordinasi lintas OPD tanpa tatap muka.",
     "Notulen dan jadwal tidak tersambung ke e-Office.",
     "Hubungkan undangan dan notulen dengan e-Office."),
    ("SIMPEG Kota Bandung", "BKPSDM", "kepegawaian", "Pengelola kepegawaian OPD", True,
     "Data pegawai mutakhir dan tersambung ke BKN.", "",
     "Sediakan layanan data pegawai untuk aplikasi lain."),
    ("e-Kinerja", "BKPSDM", "kepegawaian", "Seluruh ASN", True,
     "Kinerja harian tercatat dan menjadi dasar TPP.",
     "Target kinerja belum selaras dengan indikator program.",
     "Kaitkan target kinerja dengan indikator masterplan."),
    ("JDIH Kota Bandung", "Bagian Hukum", "legislasi", "Publik dan perancang peraturan", False,
     "Produk hukum daerah dapat dicari dan diunduh.",
     "Proses penyusunan rancangan masih lewat surat kertas.",
     "Tambahkan alur penyusunan dan harmonisasi daring."),
    ("Perizinan Online Terpadu", "DPMPTSP", "pelayanan_publik", "Pemohon izin, petugas OPD teknis",
     True, "Izin usaha dan bangunan diajukan dan dilacak daring.",
     "Verifikasi teknis di beberapa OPD masih manual.",
     "Hubungkan verifikasi teknis OPD ke satu alur."),
    ("Salaman (adminduk daring)", "Disdukcapil", "pelayanan_publik", "Warga", True,
     "Akta dan KK dapat diajukan dari rumah.", "", "Pakai data kependudukan untuk layanan lain."),
    ("Aduan Warga Terpadu", "Diskominfo", "pelayanan_publik", "Warga, OPD", False,
     "Aduan masuk dari banyak kanal.", "Aduan diteruskan manual ke OPD; waktu tanggap lama.",
     "Integrasikan dengan sistem OPD dan tampilkan status ke warga."),
    ("Parkir Elektronik", "Dishub", "pelayanan_publik", "Pengendara, juru parkir", False,
     "Pembayaran non-tunai di 12 ruas jalan.", "Setoran belum tersambung ke pendapatan daerah.",
     "Sambungkan transaksi ke Pajak Daerah Online."),
    ("Portal Satu Data Bandung", "Diskominfo", "lainnya", "OPD, publik", True,
     "Dataset OPD terbit di satu portal.", "Banyak dataset tidak diperbarui.",
     "Tarik data otomatis dari aplikasi sumber."),
]
EXCHANGES = [
    ("SIPD Kota Bandung", "e-Musrenbang"), ("SIPD Kota Bandung", "e-Budgeting"),
    ("e-Budgeting", "SIMDA Keuangan"), ("SIMDA Keuangan", "Pajak Daerah Online"),
    ("e-Office (surat elektronik)", "SIMPEG Kota Bandung"), ("SIMPEG Kota Bandung", "e-Kinerja"),
    ("Perizinan Online Terpadu", "Salaman (adminduk daring)"),
    ("Portal Satu Data Bandung", "SIPD Kota Bandung"),
    ("Portal Satu Data Bandung", "Salaman (adminduk daring)"),
]
# Applications whose gap the masterplan's Smart e-Gov integration programs should answer.
INTEGRATE = ["Aduan Warga Terpadu", "Parkir Elektronik", "Rapat Daring Pemkot",
             "JDIH Kota Bandung", "Portal Satu Data Bandung"]


def opd(region, short_name):
    """The region's OPD with this singkatan (or its full name), created at the end if missing."""
    name = OPDS[short_name]
    found = (Opd.objects.filter(region=region, short_name__iexact=short_name).first()
             or Opd.objects.filter(region=region, name__iexact=name).first())
    if found is None:
        found = Opd.objects.create(region=region, name=name, short_name=short_name,
                                   position=ordering.next_position(Opd.objects.filter(region=region)))
    return found


def _institutions(masterplan, user):
    region = masterplan.region
    council = Institution.objects.get(masterplan=masterplan, kind=InstitutionKind.COUNCIL)
    if not council.decree_number and not council.members.exists():
        council.decree_number, council.decree_date, council.selection_process = COUNCIL_DECREE
        council.updated_by = user
        council.save()
        for position, (name, role, unsur, title) in enumerate(COUNCIL):
            InstitutionMember.objects.create(institution=council, name=name, role=role,
                                             unsur=unsur, position_title=title, position=position)
    team = Institution.objects.get(masterplan=masterplan, kind=InstitutionKind.TEAM)
    if not team.decree_number and not team.members.exists():
        team.decree_number, team.decree_date = TEAM_DECREE
        team.updated_by = user
        team.save()
        for position, (name, role, short_name, title, eselon) in enumerate(TEAM):
            InstitutionMember.objects.create(institution=team, name=name, role=role,
                                             opd=opd(region, short_name), position_title=title,
                                             eselon=eselon, position=position)
    for name, short_name, contact, members in FORUMS:
        forum, created = Institution.objects.get_or_create(
            masterplan=masterplan, kind=InstitutionKind.FORUM, name=name,
            defaults={"managing_opd": opd(region, short_name), "contact": contact,
                      "updated_by": user})
        if created:
            for position, (member, note) in enumerate(members):
                InstitutionMember.objects.create(institution=forum, name=member,
                                                 position_title=note, position=position)


def decree_pdf():
    from weasyprint import HTML  # loaded only when the document is made

    def refuse(url, *args, **kwargs):
        raise ValueError(f"The demo decree embeds nothing external ({str(url)[:80]!r}).")

    return HTML(string=DECREE_HTML, base_url=None, url_fetcher=refuse).write_pdf()


def _regulations(masterplan, user):
    for code, (status, number, date, with_pdf) in REGULATIONS.items():
        regulation = Regulation.objects.get(masterplan=masterplan, code=code)
        if regulation.status == RegulationStatus.NONE and status != RegulationStatus.NONE:
            regulation.status, regulation.number, regulation.date = status, number, date
            regulation.updated_by = user
            regulation.save()
        if with_pdf and not regulation.document:
            upload = SimpleUploadedFile("keputusan-dewan-tim-smart-city-2025.pdf", decree_pdf(),
                                        content_type="application/pdf")
            regulation_service.replace_document(regulation, upload, user)
    Regulation.objects.get_or_create(
        masterplan=masterplan, code="", title=OTHER_REGULATION,
        defaults={"status": RegulationStatus.DRAFT, "updated_by": user,
                  "position": ordering.next_position(Regulation.objects.filter(
                      masterplan=masterplan))})


def _applications(masterplan, user):
    region = masterplan.region
    apps = {}
    for name, short_name, function, users, interoperable, works, not_works, improve in APPLICATIONS:
        apps[name], _created = Application.objects.get_or_create(
            masterplan=masterplan, name=name,
            defaults={"owner_opd": opd(region, short_name), "function": function, "users": users,
                      "is_interoperable": interoperable, "works": works, "not_works": not_works,
                      "improve": improve, "updated_by": user})
    for first, second in EXCHANGES:
        a, b = apps[first], apps[second]
        if a.is_interoperable and b.is_interoperable:  # the inventory's rule, kept by the demo
            a.exchanges_with.add(b)  # symmetric: b exchanges with a too
    programs = list(Program.objects.filter(masterplan=masterplan, is_egov_integration=True)
                    .order_by("pk")[:2])
    if programs:
        for name in INTEGRATE:
            if not apps[name].integration_programs.exists():
                apps[name].integration_programs.add(*programs)


def seed(full, empty):
    user = User.objects.get(username="anggota.bandung")
    _institutions(full, user)
    _regulations(full, user)
    _applications(full, user)
