"""Demo OPD list and programs for Kota Bandung (illustrative names, figures and amounts).

Seventeen OPDs with their singkatan; thirty programs across the six dimensions, the four Rencana
Aksi categories and the three horizons, each with a lead and supporting OPDs, partners, one or
two KPIs with yearly targets, financing per year and source, and links to the sasaran, TOWS
strategies and gap rows seeded by demo/targets.py and demo/swot.py. Five are quick wins with the
guide's planning answers; one is the Smart e-Gov integration program. The startup incubator's KPI
deliberately lacks its final-year target, so the list shows one incomplete program.

Content goes through the same services as the pages (set_kpi_targets, set_financing,
check_program). OPDs are added when missing (by name, ignoring case); programs only while the
masterplan has none, so running seed_demo twice changes nothing.
"""

from decimal import Decimal

from masterplan.models import DimensionElement
from roadmap.models import Opd, Partner, Program, ProgramKpi, QuickWin
from roadmap.program_editor import set_financing, set_kpi_targets
from roadmap.program_rules import check_program
from swot.models import GapRow, Sasaran, Strategy

from .targets import yearly_targets

OPDS = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappelitbang"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Sumber Daya Air dan Bina Marga", "DSDABM"),
    ("Dinas Penataan Ruang", "Distaru"),
    ("Dinas Kebudayaan dan Pariwisata", "Disbudpar"),
    ("Dinas Koperasi dan Usaha Kecil Menengah", "Dinas KUKM"),
    ("Dinas Perdagangan dan Perindustrian", "Disdagin"),
    ("Satuan Polisi Pamong Praja", "Satpol PP"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
]

M = 1_000_000  # amounts below are in rupiah; M keeps them readable

# Each program: dimension, element, name, description, category, infrastructure kind, horizon,
# start, end, lead OPD, supporting OPDs, partners [(kind, name)], KPIs [(name, unit, direction,
# baseline, final, last year with a target or None)], financing {source: rupiah per program
# year}, readiness element, sasaran [(dimension, position)], TOWS strategies [code in the
# dimension's worksheet], gap rows [position], monitoring (frequency, responsible), quick win key.
PROGRAMS = [
    # --- Smart Governance ---
    ("governance", "public_service", "Mal Pelayanan Publik Digital",
     "Satu portal dan aplikasi ponsel untuk mengajukan dan memantau perizinan serta layanan administrasi kependudukan.",
     "aplikasi", "", "pendek", 2026, 2026, "DPMPTSP", ["Diskominfo", "Disdukcapil"],
     [("swasta", "PT Telkom Indonesia")],
     [("Layanan perizinan yang dapat diajukan daring", "%", "naik", "60", "80", None)],
     {"apbd": 2_500 * M}, "", [("governance", 0)], ["SO2"], [0], ("bulanan", "Bidang Monev Bappelitbang"), "mpp"),
    ("governance", "bureaucracy", "Integrasi Aplikasi Smart e-Gov Kota Bandung",
     "Platform integrasi dan pertukaran data (API gateway) yang menghubungkan aplikasi seluruh OPD sesuai arsitektur SPBE, didukung Bandung Command Center.",
     "aplikasi", "", "menengah", 2026, 2030, "Diskominfo", ["Bappelitbang", "BPKAD", "BKPSDM"],
     [("pemerintah_pusat", "Kementerian PANRB"), ("perguruan_tinggi", "Institut Teknologi Bandung")],
     [("Aplikasi OPD yang terhubung ke platform integrasi", "%", "naik", "10", "100", None),
      ("Indeks SPBE Kota Bandung", "indeks", "naik", "3.95", "4.4", None)],
     {"apbd": 4_000 * M, "apbn": 1_000 * M}, "structure", [("governance", 0)], ["SO1", "WO2"], [0],
     ("triwulanan", "Bidang Monev Bappelitbang"), None),
    ("governance", "bureaucracy", "Pusat Data Kota dan Situs Pemulihan Bencana (DRP)",
     "Penguatan pusat data kota, penyusunan DRP dan pembangunan situs cadangan untuk layanan kritikal.",
     "infrastruktur", "noc", "menengah", 2026, 2028, "Diskominfo", ["BPBD", "BPKAD"],
     [("swasta", "Penyedia layanan pusat data bersertifikat")],
     [("Layanan kritikal dengan cadangan di situs DRP", "%", "naik", "0", "100", None)],
     {"apbd": 6_000 * M}, "infrastructure", [("governance", 0)], ["WT1", "ST1"], [6],
     ("triwulanan", "Diskominfo"), None),
    ("governance", "public_policy", "Dasbor Monev Pembangunan Terpadu",
     "Dasbor capaian program dan anggaran seluruh OPD yang diperbarui setiap bulan.",
     "aplikasi", "", "menengah", 2027, 2029, "Bappelitbang", ["Diskominfo", "BPKAD"],
     [("perguruan_tinggi", "Universitas Padjadjaran")],
     [("OPD yang melaporkan capaian melalui dasbor", "%", "naik", "20", "100", None)],
     {"apbd": 1_200 * M}, "", [("governance", 1)], ["WO1"], [0], ("bulanan", "Bappelitbang"), None),
    ("governance", "public_policy", "Peraturan Wali Kota tentang Satu Data Bandung",
     "Perwal yang menetapkan walidata, standar data dan kewajiban OPD menyetor data ke portal Satu Data.",
     "kebijakan", "", "pendek", 2026, 2026, "Bappelitbang", ["Diskominfo"],
     [("pemerintah_pusat", "Sekretariat Satu Data Indonesia (Bappenas)")],
     [("OPD yang menyetor data ke portal Satu Data", "%", "naik", "45", "60", None)],
     {"apbd": 350 * M}, "superstructure", [("governance", 1)], ["SO1"], [8], ("semesteran", "Bappelitbang"), None),
    ("governance", "public_service", "Bandung Command Center Generasi Kedua",
     "Ruang kendali kota yang memadukan CCTV, aduan warga, lalu lintas dan kebencanaan dalam satu layar operasi.",
     "infrastruktur", "coc", "panjang", 2026, 2035, "Diskominfo", ["Dishub", "Satpol PP", "BPBD"],
     [("swasta", "Konsorsium operator seluler"), ("perguruan_tinggi", "Institut Teknologi Bandung")],
     [("Aduan warga yang ditindaklanjuti dalam 3 hari", "%", "naik", "55", "95", None)],
     {"apbd": 5_000 * M, "kpbu": 3_000 * M}, "infrastructure", [("governance", 0)], ["SO2"], [0],
     ("triwulanan", "Diskominfo"), None),
    ("governance", "bureaucracy", "Pelatihan ASN Digital Berjenjang",
     "Kurikulum kompetensi digital bertingkat bagi ASN dan rencana suksesi jabatan TIK.",
     "literasi", "", "menengah", 2026, 2030, "BKPSDM", ["Diskominfo"],
     [("perguruan_tinggi", "Universitas Telkom"), ("pemerintah_pusat", "Digital Talent Scholarship Kominfo")],
     [("ASN yang lulus pelatihan kompetensi digital", "orang", "naik", "800", "6000", None)],
     {"apbd": 900 * M, "csr": 200 * M}, "structure", [("governance", 1)], ["WT2"], [6],
     ("semesteran", "BKPSDM"), None),
    # --- Smart Branding ---
    ("branding", "tourism", "Kalender Event Kreatif Bandung Daring",
     "Satu kalender daring untuk seluruh event kreatif dan wisata kota, terhubung ke kanal promosi resmi.",
     "aplikasi", "", "pendek", 2026, 2026, "Disbudpar", ["Diskominfo"],
     [("komunitas", "Bandung Creative City Forum")],
     [("Event kreatif yang terdaftar di kalender daring", "event", "naik", "40", "150", None)],
     {"apbd": 750 * M}, "", [("branding", 0)], ["SO1"], [1], ("bulanan", "Disbudpar"), "kalender"),
    ("branding", "tourism", "Dasbor Data Kunjungan dan Sentimen Wisatawan",
     "Data kunjungan, okupansi hotel dan sentimen media sosial wisatawan dalam satu dasbor.",
     "aplikasi", "", "menengah", 2027, 2030, "Disbudpar", ["Diskominfo"],
     [("perguruan_tinggi", "Universitas Telkom")],
     [("Kunjungan wisatawan mancanegara", "ribu orang/tahun", "naik", "190", "250", None)],
     {"apbd": 500 * M}, "", [("branding", 0)], ["WT1"], [1], ("triwulanan", "Disbudpar"), None),
    ("branding", "business", "Katalog Digital Produk Kreatif Bandung",
     "Katalog dan etalase daring produk kreatif lokal yang terhubung ke marketplace nasional.",
     "aplikasi", "", "menengah", 2026, 2029, "Dinas KUKM", ["Disbudpar", "Disdagin"],
     [("swasta", "Marketplace nasional"), ("komunitas", "Asosiasi perajin Bandung")],
     [("Produk kreatif lokal di katalog digital kota", "produk", "naik", "1200", "4000", None)],
     {"apbd": 600 * M, "csr": 150 * M}, "", [("branding", 1)], ["ST1"], [1], ("triwulanan", "Dinas KUKM"), None),
    ("branding", "city_appearance", "Penataan Koridor Pejalan Kaki Kawasan Wisata",
     "Trotoar tersambung, ramah difabel dan terhubung ke stasiun kereta cepat di kawasan wisata utama.",
     "infrastruktur", "lainnya", "panjang", 2027, 2035, "DSDABM", ["Distaru", "Disbudpar"],
     [("pemerintah_pusat", "Kementerian Pekerjaan Umum")],
     [("Panjang trotoar tersambung di kawasan wisata", "km", "naik", "12", "60", None)],
     {"apbd": 8_000 * M, "dak": 3_000 * M}, "infrastructure", [("branding", 0)], ["WO1"], [3],
     ("semesteran", "DSDABM"), None),
    # --- Smart Economy ---
    ("economy", "transaction", "QRIS di Seluruh Pasar Tradisional",
     "Pembayaran non-tunai QRIS untuk pedagang pasar kota, dengan pendampingan pedagang di setiap pasar.",
     "aplikasi", "", "pendek", 2026, 2026, "Disdagin", ["Dinas KUKM", "BPKAD"],
     [("swasta", "Bank BJB"), ("pemerintah_pusat", "Bank Indonesia Jawa Barat")],
     [("Pasar tradisional yang menerima QRIS", "%", "naik", "35", "70", None)],
     {"apbd": 600 * M, "csr": 400 * M}, "", [("economy", 0)], ["SO1"], [2], ("bulanan", "Disdagin"), "qris"),
    ("economy", "welfare", "Pendampingan UMKM Go Digital per Kecamatan",
     "Klinik UMKM di 30 kecamatan untuk foto produk, onboarding marketplace dan pembukuan digital.",
     "literasi", "", "menengah", 2026, 2030, "Dinas KUKM", ["Diskominfo", "Disdagin"],
     [("komunitas", "Komunitas UMKM Naik Kelas"), ("swasta", "Marketplace nasional")],
     [("UMKM yang berjualan di marketplace", "unit usaha", "naik", "18000", "40000", None)],
     {"apbd": 1_200 * M, "csr": 300 * M}, "", [("economy", 0)], ["WO1"], [2], ("triwulanan", "Dinas KUKM"), None),
    ("economy", "industry", "Inkubator Startup Digital Kota",
     "Kelembagaan inkubator bersama perguruan tinggi: ruang kerja, mentor dan akses pendanaan bagi startup lokal.",
     "kebijakan", "", "menengah", 2027, 2030, "Dinas KUKM", ["Disdagin", "Bappelitbang"],
     [("perguruan_tinggi", "Inkubator Bisnis ITB"), ("swasta", "Modal ventura lokal")],
     # Deliberately incomplete: no target yet for the program's final year.
     [("Startup digital aktif", "startup", "naik", "180", "260", 2029)],
     {"apbd": 1_000 * M}, "", [("economy", 1)], ["SO1"], [], ("semesteran", "Dinas KUKM"), None),
    ("economy", "industry", "Kawasan Industri Kreatif Digital",
     "Kawasan kerja industri kreatif digital dengan jaringan serat optik dan fasilitas produksi bersama.",
     "infrastruktur", "jaringan", "panjang", 2028, 2035, "Disdagin", ["Distaru", "Diskominfo"],
     [("swasta", "Penyedia jaringan serat optik")],
     [("Tenant industri kreatif digital di kawasan", "tenant", "naik", "0", "120", None)],
     {"apbd": 2_000 * M, "kpbu": 5_000 * M}, "infrastructure", [("economy", 1)], ["ST1"], [],
     ("semesteran", "Disdagin"), None),
    # --- Smart Living ---
    ("living", "health", "Pendaftaran Puskesmas Daring",
     "Pendaftaran dan antrean daring di seluruh puskesmas, terhubung dengan data kependudukan.",
     "aplikasi", "", "pendek", 2026, 2026, "Dinkes", ["Diskominfo", "Disdukcapil"],
     [("perguruan_tinggi", "Fakultas Kedokteran Universitas Padjadjaran")],
     [("Puskesmas dengan pendaftaran daring", "%", "naik", "40", "100", None)],
     {"apbd": 900 * M}, "", [("living", 1)], ["SO1"], [7], ("bulanan", "Dinkes"), "puskesmas"),
    ("living", "health", "Rekam Medis Elektronik Terintegrasi",
     "Rekam medis elektronik puskesmas dan RSUD yang terhubung ke platform SATUSEHAT.",
     "aplikasi", "", "menengah", 2026, 2030, "Dinkes", ["Diskominfo"],
     [("pemerintah_pusat", "Kementerian Kesehatan (SATUSEHAT)")],
     [("Puskesmas dengan rekam medis elektronik", "%", "naik", "70", "100", None)],
     {"apbd": 1_500 * M, "dak": 1_000 * M}, "infrastructure", [("living", 1)], ["WO1"], [7],
     ("triwulanan", "Dinkes"), None),
    ("living", "mobility", "Informasi Perjalanan Angkutan Umum Waktu Nyata",
     "Informasi kedatangan bus dan angkot di halte dan aplikasi, dari GPS armada.",
     "aplikasi", "", "menengah", 2026, 2029, "Dishub", ["Diskominfo"],
     [("swasta", "Operator angkutan umum kota")],
     [("Halte dengan informasi kedatangan waktu nyata", "%", "naik", "0", "80", None),
      ("Perjalanan dengan angkutan umum", "% perjalanan", "naik", "18", "26", None)],
     {"apbd": 1_800 * M}, "", [("living", 0)], ["SO1"], [3], ("triwulanan", "Dishub"), None),
    ("living", "mobility", "Koridor Bus Rapid Transit Terintegrasi",
     "Koridor BRT utara–selatan dan timur–barat yang terintegrasi dengan kereta cepat dan angkot.",
     "infrastruktur", "lainnya", "panjang", 2027, 2035, "Dishub", ["DSDABM", "Distaru"],
     [("pemerintah_pusat", "Kementerian Perhubungan")],
     [("Waktu tempuh jam sibuk koridor utama", "menit", "turun", "55", "35", None)],
     {"apbd": 10_000 * M, "apbn": 15_000 * M, "kpbu": 20_000 * M}, "infrastructure", [("living", 0)],
     ["WO1"], [3], ("triwulanan", "Dishub"), None),
    ("living", "harmony", "Sistem Informasi Tata Ruang Daring",
     "Peta rencana tata ruang dan pengajuan kesesuaian pemanfaatan ruang secara daring.",
     "aplikasi", "", "menengah", 2026, 2028, "Distaru", ["Diskominfo", "DPMPTSP"],
     [("perguruan_tinggi", "Program Studi Perencanaan Wilayah dan Kota ITB")],
     [("Izin pemanfaatan ruang yang diproses daring", "%", "naik", "30", "100", None)],
     {"apbd": 700 * M}, "", [("living", 0)], ["SO1"], [], ("triwulanan", "Distaru"), None),
    # --- Smart Society ---
    ("society", "community", "Aplikasi Aduan Warga Terpadu",
     "Satu kanal aduan warga (aplikasi, WhatsApp, web) yang diteruskan otomatis ke OPD dan dipantau Command Center.",
     "aplikasi", "", "pendek", 2026, 2026, "Diskominfo", ["Satpol PP", "DSDABM"],
     [("komunitas", "Forum RW Kota Bandung")],
     [("Aduan yang ditindaklanjuti dalam 3 hari", "%", "naik", "50", "80", None)],
     {"apbd": 800 * M}, "", [("society", 0)], ["SO1"], [4], ("bulanan", "Diskominfo"), "aduan"),
    ("society", "security", "CCTV Terhubung Command Center di Taman dan Halte",
     "Kamera di taman, halte dan ruang publik rawan vandalisme yang terhubung ke Command Center.",
     "infrastruktur", "coc", "menengah", 2026, 2029, "Diskominfo", ["Satpol PP", "Dishub"],
     [("swasta", "Penyedia perangkat CCTV")],
     [("Perusakan fasilitas umum", "kasus/tahun", "turun", "410", "250", None)],
     {"apbd": 2_200 * M}, "infrastructure", [("society", 0)], ["ST1"], [4], ("triwulanan", "Satpol PP"), None),
    ("society", "learning", "Gerakan Literasi Digital Warga",
     "Pelatihan literasi dan keamanan digital bagi warga, orang tua dan pelaku UMKM bersama relawan.",
     "literasi", "", "panjang", 2026, 2035, "Diskominfo", ["Disdik"],
     [("komunitas", "Relawan TIK Kota Bandung"), ("pemerintah_pusat", "Siberkreasi (Gerakan Nasional Literasi Digital)")],
     [("Warga yang mengikuti pelatihan literasi digital", "orang/tahun", "naik", "12000", "30000", None)],
     {"apbd": 400 * M, "hibah": 100 * M}, "", [("society", 1)], ["SO1"], [], ("semesteran", "Diskominfo"), None),
    ("society", "learning", "Sekolah Digital: Jaringan dan Perangkat Belajar",
     "Internet berkecepatan tinggi dan perangkat belajar untuk sekolah negeri kota.",
     "infrastruktur", "jaringan", "menengah", 2026, 2030, "Disdik", ["Diskominfo"],
     [("swasta", "PT Telkom Indonesia")],
     [("Sekolah negeri dengan internet minimal 100 Mbps", "%", "naik", "45", "100", None)],
     {"apbd": 3_000 * M, "dak": 1_500 * M}, "infrastructure", [("society", 1)], ["WO1"], [],
     ("semesteran", "Disdik"), None),
    ("society", "security", "Sistem Peringatan Dini Bencana Terpadu",
     "Sensor curah hujan dan muka air, sirene dan notifikasi ponsel untuk banjir dan longsor.",
     "aplikasi", "", "panjang", 2027, 2035, "BPBD", ["Diskominfo", "DSDABM"],
     [("perguruan_tinggi", "Pusat Mitigasi Bencana ITB")],
     [("Kelurahan terjangkau peringatan dini", "%", "naik", "10", "100", None)],
     {"apbd": 1_500 * M, "apbn": 500 * M}, "", [("society", 0)], ["ST1"], [], ("triwulanan", "BPBD"), None),
    # --- Smart Environment ---
    ("environment", "waste", "Kang Pisman Digital: Bank Sampah Terdata Daring",
     "Pencatatan setoran bank sampah secara daring dan insentif pemilahan per RW.",
     "aplikasi", "", "menengah", 2026, 2029, "DLH", ["Diskominfo"],
     [("komunitas", "Jaringan bank sampah RW")],
     [("Sampah terpilah dari sumber", "%", "naik", "15", "35", None)],
     {"apbd": 900 * M, "csr": 200 * M}, "", [("environment", 0)], ["SO1"], [5], ("bulanan", "DLH"), None),
    ("environment", "waste", "Pemantauan Armada Angkut Sampah",
     "GPS dan sensor muatan pada armada angkut, rute optimal dan pemantauan dari Command Center.",
     "infrastruktur", "lainnya", "menengah", 2026, 2028, "DLH", ["Dishub", "Diskominfo"],
     [("swasta", "Penyedia perangkat telematika")],
     [("Sampah yang diangkut ke TPA", "ton/hari", "turun", "1200", "1000", None)],
     {"apbd": 1_300 * M}, "", [("environment", 0)], ["WO1"], [5], ("bulanan", "DLH"), None),
    ("environment", "energy", "Penerangan Jalan Umum Pintar",
     "PJU LED hemat energi yang dipantau dan diredupkan dari jarak jauh, dengan skema KPBU.",
     "infrastruktur", "jaringan", "panjang", 2026, 2035, "DSDABM", ["Diskominfo", "BPKAD"],
     [("swasta", "Badan usaha pelaksana KPBU PJU")],
     [("PJU hemat energi yang terpantau daring", "%", "naik", "40", "100", None)],
     {"apbd": 2_000 * M, "kpbu": 6_000 * M}, "infrastructure", [("environment", 1)], ["SO1"], [],
     ("triwulanan", "DSDABM"), None),
    ("environment", "protection", "Sensor Kualitas Udara dan Air Sungai",
     "Jaringan sensor kualitas udara dan air sungai dengan data terbuka untuk warga.",
     "infrastruktur", "lainnya", "menengah", 2027, 2030, "DLH", ["DSDABM", "Diskominfo"],
     [("perguruan_tinggi", "Universitas Pendidikan Indonesia")],
     [("Titik pemantauan kualitas lingkungan daring", "titik", "naik", "5", "40", None)],
     {"apbd": 800 * M, "hibah": 250 * M}, "", [("environment", 0)], ["ST1"], [], ("triwulanan", "DLH"), None),
    ("environment", "waste", "Perwal Pengurangan Sampah Plastik dan Insentif Pemilahan",
     "Peraturan wali kota tentang pembatasan plastik sekali pakai dan insentif RW yang memilah sampah.",
     "kebijakan", "", "panjang", 2026, 2035, "DLH", ["Bappelitbang", "Disdagin"],
     [("komunitas", "Koalisi Bandung Bebas Plastik")],
     [("RW yang menerima insentif pemilahan", "RW", "naik", "50", "800", None)],
     {"apbd": 500 * M}, "superstructure", [("environment", 0)], ["WT1"], [5], ("tahunan", "DLH"), None),
]

QUICK_WINS = {
    "mpp": ("berjalan", {
        "why": "Warga masih datang berkali-kali ke kantor untuk perizinan; antrean di MPP fisik mencapai 2 jam pada hari sibuk.",
        "what": "Portal dan aplikasi ponsel untuk 120 jenis perizinan dan layanan kependudukan, dengan pelacakan status.",
        "how": "Memakai aplikasi perizinan yang ada, menambah formulir daring dan tanda tangan elektronik, lalu sosialisasi di kelurahan.",
        "when": "Triwulan I–IV 2026; 60 layanan pertama daring pada triwulan II.",
        "where": "MPP Kota Bandung dan seluruh kantor kecamatan.",
        "who": "DPMPTSP (pelaksana), Diskominfo (platform), Disdukcapil (data kependudukan).",
        "impact_analysis": "Waktu pengurusan izin turun rata-rata 40%; biaya transport warga berkurang; data perizinan tersedia untuk perencanaan."}),
    "kalender": ("selesai", {
        "why": "Event kreatif tersebar di banyak akun OPD dan komunitas sehingga wisatawan sulit merencanakan kunjungan.",
        "what": "Kalender event kreatif kota yang dikurasi, dengan peta lokasi dan tautan tiket.",
        "how": "Komunitas mendaftarkan event lewat formulir; Disbudpar mengkurasi; kalender disematkan di kanal resmi kota.",
        "when": "Diluncurkan Maret 2026, diperbarui setiap minggu.",
        "where": "Situs dan media sosial resmi Kota Bandung.",
        "who": "Disbudpar bersama Bandung Creative City Forum; Diskominfo menyediakan hosting.",
        "impact_analysis": "Lebih banyak event dikunjungi wisatawan luar kota; data event menjadi dasar promosi tahunan."}),
    "qris": ("berjalan", {
        "why": "Pembayaran di pasar tradisional masih tunai, menyulitkan pembeli muda dan pencatatan retribusi.",
        "what": "QRIS untuk pedagang di 37 pasar kota dan pembayaran retribusi non-tunai.",
        "how": "Pendaftaran massal pedagang bersama bank, pendampingan dua minggu per pasar, promosi cashback.",
        "when": "Januari–Desember 2026, bertahap per pasar.",
        "where": "37 pasar tradisional milik Pemerintah Kota Bandung.",
        "who": "Disdagin (pelaksana), Bank BJB dan Bank Indonesia (mitra), Dinas KUKM (pendampingan).",
        "impact_analysis": "Transaksi non-tunai pedagang naik, retribusi tercatat rapi, pedagang mulai memiliki riwayat transaksi untuk akses kredit."}),
    "puskesmas": ("rencana", {
        "why": "Antrean pagi di puskesmas panjang dan warga tidak tahu kapan dilayani.",
        "what": "Pendaftaran dan nomor antrean daring di 80 puskesmas, terhubung NIK.",
        "how": "Modul pendaftaran pada SIMPUS, integrasi data kependudukan, layar antrean di puskesmas.",
        "when": "Uji coba 10 puskesmas triwulan II 2026, seluruh puskesmas triwulan IV 2026.",
        "where": "80 puskesmas Kota Bandung.",
        "who": "Dinkes (pelaksana), Diskominfo (integrasi), Disdukcapil (data NIK).",
        "impact_analysis": "Waktu tunggu berkurang, kunjungan tersebar lebih merata, data kunjungan tersedia harian."}),
    "aduan": ("rencana", {
        "why": "Aduan warga masuk lewat banyak kanal dan sering tidak sampai ke OPD yang berwenang.",
        "what": "Satu kanal aduan dengan penerusan otomatis ke OPD dan batas waktu tindak lanjut.",
        "how": "Menggabungkan kanal yang ada ke satu sistem tiket; OPD menunjuk petugas penanganan.",
        "when": "Triwulan II–IV 2026.",
        "where": "Seluruh wilayah kota; dipantau dari Bandung Command Center.",
        "who": "Diskominfo (pelaksana), seluruh OPD (penanganan), Forum RW (sosialisasi).",
        "impact_analysis": "Aduan lebih cepat ditangani, warga dapat memantau status aduan, OPD mendapat data masalah terbanyak."}),
}


def _opds(region):
    """Add the demo OPDs the region's list lacks (by name, ignoring case); {singkatan: Opd}."""
    have = {opd.name.casefold(): opd for opd in Opd.objects.filter(region=region)}
    position = len(have)
    result = {}
    for name, short_name in OPDS:
        opd = have.get(name.casefold())
        if opd is None:
            opd = Opd.objects.create(region=region, name=name, short_name=short_name,
                                     position=position)
            position += 1
        result[short_name] = opd
    return result


def _strategy(masterplan, dimension_code, code):
    return Strategy.objects.filter(
        worksheet__masterplan=masterplan, worksheet__dimension__code=dimension_code,
        quadrant=code[:2], position=int(code[2:]) - 1).first()


def _programs(masterplan, opds):
    elements = {(e.dimension.code, e.code): e for e in DimensionElement.objects.filter(
        dimension__edition=masterplan.edition_id).select_related("dimension")}
    readiness = {e.code: e for e in masterplan.edition.readiness_elements.all()}
    sasaran = {(s.dimension.code, s.position): s for s in
               Sasaran.objects.filter(masterplan=masterplan).select_related("dimension")}
    gap_rows = {row.position: row for row in GapRow.objects.filter(masterplan=masterplan)}
    positions = {}
    for (dimension, element_code, name, description, category, infrastructure_kind, horizon, start,
         end, lead, supporting, partners, kpis, financing, readiness_code, sasaran_keys,
         strategy_codes, gap_positions, (frequency, responsible), quick_win) in PROGRAMS:
        element = elements[(dimension, element_code)]
        position = positions.get(element.pk, 0)
        positions[element.pk] = position + 1
        program = Program.objects.create(
            masterplan=masterplan, name=name, description=description, element=element,
            readiness_element=readiness.get(readiness_code), category=category,
            infrastructure_kind=infrastructure_kind, horizon=horizon, start_year=start,
            end_year=end, start_quarter=1, end_quarter=4, lead_opd=opds[lead],
            is_quick_win=quick_win is not None,
            is_egov_integration=name.startswith("Integrasi Aplikasi Smart e-Gov"),
            monitoring_frequency=frequency, monitoring_responsible=responsible, position=position)
        program.supporting_opds.set([opds[short] for short in supporting])
        program.sasaran.set([sasaran[key] for key in sasaran_keys if key in sasaran])
        program.strategies.set([strategy for strategy in
                                (_strategy(masterplan, dimension, code) for code in strategy_codes)
                                if strategy is not None])
        program.gap_rows.set([gap_rows[n] for n in gap_positions if n in gap_rows])
        Partner.objects.bulk_create([Partner(program=program, kind=kind, name=partner)
                                     for kind, partner in partners])
        years = list(range(start, end + 1))
        for number, (kpi_name, unit, direction, baseline, final, last) in enumerate(kpis):
            kpi = ProgramKpi.objects.create(program=program, position=number, name=kpi_name,
                                            unit=unit, direction=direction,
                                            baseline_value=Decimal(baseline))
            set_kpi_targets(kpi, {year: value for year, value in
                                  yearly_targets(baseline, final, years).items()
                                  if last is None or year <= last})
        set_financing(program, {(year, source): Decimal(amount) for year in years
                                for source, amount in financing.items()})
        check_program(program)
        if quick_win is not None:
            status, answers = QUICK_WINS[quick_win]
            QuickWin.objects.create(program=program, status=status, **answers)


def seed(full, empty):
    """The OPD list and programs of `full` (Kota Bandung); `empty` gets nothing."""
    opds = _opds(full.region)
    if not Program.objects.filter(masterplan=full).exists():
        _programs(full, opds)
