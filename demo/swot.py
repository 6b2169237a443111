"""Demo SWOT worksheets and TOWS strategies for Kota Bandung (illustrative content).

Every worksheet of the demo masterplan gets 3–5 items per factor and at least one strategy per
quadrant. Items cite the readiness entries seeded by demo/readiness.py as (table, component
number): strengths cite components judged baik, weaknesses mostly ones judged buruk. Content goes
through the same services as the pages, so the demo obeys the quadrant rule.
"""

from swot import services, worksheets

# Worksheet key -> {factor: [(text, [(table slug, component number), ...])]} and its strategies
# as (quadrant, text, [item codes]).
WORKSHEETS = {
    ("dimension", "governance"): {
        "S": [
            ("Layanan kepegawaian sudah digital; SIMPEG terintegrasi dengan BKN", [("ii-3", 18)]),
            ("Hampir semua kantor pemerintahan terlayani broadband dan LAN/WAN", [("ii-3", 9), ("ii-3", 10)]),
            ("Pusat data pemerintah kota tersedia dan dikelola Diskominfo", [("ii-3", 12)]),
            ("Sistem perencanaan (SIPD) dan keuangan daerah sudah interoperabel", [("ii-3", 14), ("ii-3", 15)]),
        ],
        "W": [
            ("Monitoring dan evaluasi pembangunan masih semi-manual", [("ii-3", 17)]),
            ("Belum ada rencana dan SOP pemulihan bencana data (DRP) maupun situs cadangan", [("ii-3", 13)]),
            ("38% pegawai berusia 50 tahun ke atas; gelombang pensiun dalam lima tahun ke depan", [("ii-3", 5)]),
            ("Lebih dari 400 aplikasi OPD berjalan sendiri-sendiri dan belum terintegrasi", [("ii-3", 8)]),
        ],
        "O": [
            ("Kebijakan nasional SPBE dan Satu Data Indonesia mendorong integrasi aplikasi dan data", []),
            ("Warga, terutama generasi muda, terbiasa mengurus layanan lewat ponsel", []),
            ("Perguruan tinggi dan komunitas pengembang lokal siap bermitra", [("ii-2", 2), ("ii-2", 4)]),
        ],
        "T": [
            ("Serangan siber dan kebocoran data pribadi yang makin sering menimpa instansi pemerintah", []),
            ("Ketergantungan pada satu penyedia teknologi dan kenaikan biaya lisensi", []),
            ("Pergantian kepemimpinan dapat menghentikan program yang sedang berjalan", []),
        ],
        "strategies": [
            ("SO", "Membangun platform integrasi layanan dan data di atas pusat data kota sesuai arsitektur SPBE", ["S3", "S4", "O1"]),
            ("SO", "Membuka layanan publik digital berbasis ponsel memanfaatkan jaringan kantor yang sudah terhubung", ["S1", "S2", "O2"]),
            ("WO", "Menggandeng perguruan tinggi dan komunitas pengembang membangun sistem monev terintegrasi", ["W1", "O3"]),
            ("WO", "Merasionalisasi aplikasi OPD mengikuti katalog dan arsitektur SPBE nasional", ["W4", "O1"]),
            ("ST", "Menerapkan standar keamanan informasi dan pusat operasi keamanan (SOC) di pusat data kota", ["S3", "T1"]),
            ("WT", "Menyusun DRP dan menyiapkan situs cadangan untuk data pemerintahan", ["W2", "T1"]),
            ("WT", "Mempercepat alih pengetahuan dari pegawai senior dan memakai standar terbuka agar tidak bergantung pada satu vendor", ["W3", "T2"]),
        ],
    },
    ("dimension", "branding"): {
        "S": [
            ("Identitas Bandung sebagai kota kreatif dan kota desain sudah dikenal luas", []),
            ("Ekosistem komunitas kreatif yang besar dan aktif (214 komunitas)", [("ii-2", 1)]),
            ("Kawasan perbelanjaan, kuliner dan wisata yang menjadi tujuan wisatawan", [("ii-5", 7)]),
        ],
        "W": [
            ("Trotoar terputus dan kurang nyaman bagi wisatawan pejalan kaki", [("ii-5", 2)]),
            ("Vandalisme pada halte dan taman merusak citra ruang kota", [("ii-2", 12)]),
            ("Promosi wisata antar-OPD belum terpadu dan data kunjungan belum mutakhir", []),
        ],
        "O": [
            ("Tren wisata berbasis pengalaman yang dibagikan di media sosial", []),
            ("Agenda event nasional dan internasional (MICE) yang mencari kota tuan rumah", []),
            ("Kereta cepat Jakarta–Bandung memperpendek waktu tempuh wisatawan", []),
        ],
        "T": [
            ("Persaingan citra dengan kota kreatif lain seperti Yogyakarta dan Surabaya", []),
            ("Kemacetan akhir pekan yang menurunkan pengalaman wisatawan", []),
            ("Ulasan negatif di media sosial yang cepat menyebar", []),
        ],
        "strategies": [
            ("SO", "Mengemas kalender event kreatif kota dan memasarkannya lewat kanal digital terpadu", ["S1", "S2", "O1", "O2"]),
            ("WO", "Menata koridor pejalan kaki di kawasan wisata yang terhubung dengan stasiun kereta cepat", ["W1", "O3"]),
            ("ST", "Membangun merek kota kreatif yang khas bersama komunitas dan pelaku usaha lokal", ["S1", "S2", "T1"]),
            ("WT", "Membangun dasbor data kunjungan dan sentimen wisatawan untuk menanggapi keluhan dengan cepat", ["W3", "T3"]),
        ],
    },
    ("dimension", "economy"): {
        "S": [
            ("Ekosistem startup digital yang berkembang (±180 startup)", [("ii-2", 3)]),
            ("Nilai investasi masuk yang tinggi", [("ii-4", 8)]),
            ("PAD menyumbang lebih dari separuh pendapatan daerah", [("ii-4", 1)]),
            ("Industri kreatif menjadi penggerak ekonomi kota", []),
        ],
        "W": [
            ("Pembayaran non-tunai di pasar tradisional masih terbatas", []),
            ("Akses pembiayaan bagi UMKM kreatif masih sulit", []),
            ("Sumber pendanaan alternatif (KPBU, CSR, hibah) belum banyak dimanfaatkan", [("ii-4", 9)]),
        ],
        "O": [
            ("Pertumbuhan transaksi digital dan QRIS secara nasional", []),
            ("Minat investor pada ekonomi digital dan kawasan Gedebage", []),
            ("Program pemerintah pusat untuk digitalisasi UMKM", []),
        ],
        "T": [
            ("Persaingan produk impor di lokapasar daring", []),
            ("Perlambatan ekonomi global yang menekan ekspor produk kreatif", []),
            ("Kesenjangan digital antara pelaku usaha besar dan kecil", []),
        ],
        "strategies": [
            ("SO", "Menghubungkan startup lokal dengan investor melalui inkubator kota di kawasan Gedebage", ["S1", "S2", "O2"]),
            ("WO", "Mempercepat pembayaran non-tunai di pasar tradisional bersama perbankan dan program digitalisasi UMKM", ["W1", "O1", "O3"]),
            ("ST", "Memperkuat merek produk kreatif Bandung di lokapasar dengan kurasi dan sertifikasi", ["S4", "T1"]),
            ("WT", "Membuka skema pembiayaan bersama (KPBU, CSR) untuk pelatihan digital UMKM kecil", ["W2", "W3", "T3"]),
        ],
    },
    ("dimension", "living"): {
        "S": [
            ("Sarana kesehatan dalam kondisi baik dan layanan daring di puskesmas", [("ii-5", 9)]),
            ("Sarana pendidikan dalam kondisi baik", [("ii-5", 8)]),
            ("Lampu jalan berfungsi baik di hampir semua ruas", [("ii-5", 4)]),
        ],
        "W": [
            ("Kemacetan di jam sibuk dan transportasi massal yang terbatas", []),
            ("Trotoar tidak menerus sehingga warga enggan berjalan kaki", [("ii-5", 2)]),
            ("Baru sebagian rumah sakit memakai layanan elektronik", [("ii-6", 7)]),
        ],
        "O": [
            ("Pembangunan angkutan massal dan kereta cepat oleh pemerintah pusat", []),
            ("Layanan telemedisin yang makin diterima masyarakat", []),
            ("Tren gaya hidup sehat dan bersepeda di kalangan muda", []),
        ],
        "T": [
            ("Pertumbuhan kendaraan pribadi lebih cepat daripada penambahan jalan", []),
            ("Risiko banjir cileuncang saat hujan deras", []),
            ("Polusi udara dari kendaraan bermotor", []),
        ],
        "strategies": [
            ("SO", "Mengembangkan layanan telemedisin yang menghubungkan puskesmas dan rumah sakit", ["S1", "O2"]),
            ("WO", "Mengintegrasikan angkutan kota dengan angkutan massal melalui aplikasi perjalanan terpadu", ["W1", "O1"]),
            ("WO", "Membangun jalur pejalan kaki dan sepeda yang menerus di pusat kota", ["W2", "O3"]),
            ("ST", "Memanfaatkan jaringan lampu jalan untuk sensor lalu lintas dan kualitas udara", ["S3", "T1", "T3"]),
            ("WT", "Menerapkan manajemen lalu lintas adaptif dan pembatasan kendaraan pribadi di kawasan padat", ["W1", "T1"]),
        ],
    },
    ("dimension", "society"): {
        "S": [
            ("Partisipasi komunitas warga yang tinggi", [("ii-2", 1)]),
            ("Relawan TIK aktif mendampingi warga (320 orang)", [("ii-3", 3)]),
            ("Perpustakaan umum kota dan pojok baca tersedia", [("ii-7", 5)]),
            ("Balai warga tersedia di setiap kelurahan", [("ii-7", 3)]),
        ],
        "W": [
            ("Perusakan fasilitas umum (vandalisme) meningkat", [("ii-2", 12)]),
            ("Forum warga pendukung smart city belum memiliki sekretariat definitif", [("ii-10", 5)]),
            ("Pusat kegiatan belajar masyarakat baru ada di sebagian kelurahan", [("ii-7", 1)]),
        ],
        "O": [
            ("Internet seluler menjangkau hampir seluruh wilayah kota", [("ii-6", 1)]),
            ("Program literasi digital nasional", []),
            ("Perguruan tinggi dengan program pengabdian masyarakat", [("ii-10", 1)]),
        ],
        "T": [
            ("Penyebaran hoaks dan ujaran kebencian di media sosial", []),
            ("Kesenjangan digital pada warga lanjut usia dan berpenghasilan rendah", []),
            ("Tawuran antar kelompok warga", []),
        ],
        "strategies": [
            ("SO", "Menjadikan balai warga dan perpustakaan pusat literasi digital yang didampingi relawan TIK", ["S2", "S3", "S4", "O2"]),
            ("WO", "Menggandeng LPPM perguruan tinggi membina forum warga hingga memiliki sekretariat", ["W2", "O3"]),
            ("ST", "Menggerakkan komunitas dan relawan TIK melawan hoaks melalui kanal informasi resmi kota", ["S1", "S2", "T1"]),
            ("WT", "Membangun kanal aduan warga untuk vandalisme dan gangguan ketertiban yang terhubung dengan Command Center", ["W1", "T3"]),
        ],
    },
    ("dimension", "environment"): {
        "S": [
            ("Listrik menjangkau hampir seluruh rumah tangga dengan pemadaman rendah", [("ii-6", 4), ("ii-6", 5)]),
            ("Taman tematik dan ruang terbuka publik sudah ada di banyak RW", []),
            ("Komunitas peduli lingkungan dan bank sampah yang aktif", []),
        ],
        "W": [
            ("Timbulan sampah melampaui kapasitas TPA", []),
            ("Pemilahan sampah di sumber masih rendah", []),
            ("Baru sebagian penerangan jalan memakai lampu hemat energi", []),
        ],
        "O": [
            ("Teknologi pengolahan sampah menjadi energi dengan skema KPBU", []),
            ("Pendanaan iklim dan program kota rendah karbon", []),
            ("Tren ekonomi sirkular dan bank sampah digital", []),
        ],
        "T": [
            ("Perubahan iklim yang memperbesar risiko banjir dan longsor", []),
            ("Penolakan warga sekitar terhadap lokasi pengolahan sampah", []),
            ("Krisis TPA regional bila TPA bersama penuh", []),
        ],
        "strategies": [
            ("SO", "Memperluas bank sampah berbasis komunitas dengan aplikasi pencatatan setoran", ["S3", "O3"]),
            ("WO", "Membangun fasilitas pengolahan sampah menjadi energi melalui KPBU", ["W1", "O1"]),
            ("WO", "Mengganti penerangan jalan ke lampu LED dengan pendanaan program kota rendah karbon", ["W3", "O2"]),
            ("ST", "Menjadikan ruang terbuka publik kolam retensi dan area resapan air", ["S2", "T1"]),
            ("WT", "Mewajibkan pemilahan sampah di rumah tangga dan kawasan komersial untuk mengurangi beban TPA", ["W1", "W2", "T3"]),
        ],
    },
    ("readiness", "structure"): {
        "S": [
            ("84 perguruan tinggi menjadi sumber SDM berkualitas", [("ii-2", 4)]),
            ("Lebih dari 30 komunitas pengembang perangkat lunak", [("ii-2", 2)]),
            ("46 program pembangunan sudah mendukung smart city", [("ii-4", 7)]),
            ("PAD kuat, lebih dari separuh pendapatan daerah", [("ii-4", 1)]),
        ],
        "W": [
            ("38% pegawai berusia 50 tahun ke atas; regenerasi keahlian TIK mendesak", [("ii-3", 5)]),
            ("Pegawai berlatar belakang ilmu komputer masih sedikit (212 orang)", [("ii-3", 2)]),
            ("Belanja pegawai menyerap hampir 40% belanja daerah", [("ii-4", 3)]),
        ],
        "O": [
            ("Program beasiswa dan talenta digital nasional", []),
            ("Kerja sama pendanaan dengan BUMN dan swasta (CSR, KPBU)", []),
            ("Lulusan perguruan tinggi lokal tertarik bekerja di sektor publik digital", []),
        ],
        "T": [
            ("Brain drain: SDM TIK berkualitas pindah ke Jakarta atau ke luar negeri", []),
            ("Kebijakan efisiensi anggaran pusat yang menekan belanja daerah", []),
            ("Gaji sektor swasta digital jauh di atas gaji aparatur", []),
        ],
        "strategies": [
            ("SO", "Program magang dan rekrutmen talenta digital dari perguruan tinggi dan komunitas pengembang", ["S1", "S2", "O1", "O3"]),
            ("WO", "Membiayai pelatihan TIK aparatur lewat kerja sama CSR dan program talenta digital nasional", ["W2", "O1", "O2"]),
            ("ST", "Melibatkan SDM lokal berkualitas dalam proyek kota melalui komunitas pengembang", ["S2", "T1", "T3"]),
            ("WT", "Menyusun rencana suksesi dan alih pengetahuan bagi jabatan TIK yang segera pensiun", ["W1", "T1"]),
        ],
    },
    ("readiness", "infrastructure"): {
        "S": [
            ("Jaringan 4G/3G menjangkau 99% wilayah kota", [("ii-6", 1)]),
            ("1.100 titik wifi publik", [("ii-6", 3)]),
            ("Hampir semua sekolah memiliki akses internet", [("ii-6", 6)]),
            ("Listrik andal dengan pemadaman rata-rata 1,5 jam per bulan", [("ii-6", 5)]),
        ],
        "W": [
            ("Fasilitas pejalan kaki baru 34% dari panjang jalan beraspal", [("ii-5", 2)]),
            ("Jalan kota dalam kondisi baik baru 71,5%", [("ii-5", 1)]),
            ("Ruang terbuka publik belum ada di setiap RW", [("ii-7", 2)]),
        ],
        "O": [
            ("Operator telekomunikasi memperluas jaringan serat optik", []),
            ("Skema menara dan ducting bersama untuk menata jaringan kabel", []),
            ("Dana alokasi khusus infrastruktur dari pemerintah pusat", []),
        ],
        "T": [
            ("Kabel udara semrawut dan galian berulang yang merusak jalan", []),
            ("Banjir dan longsor yang merusak infrastruktur", []),
            ("Harga perangkat dan lisensi jaringan yang naik mengikuti kurs", []),
        ],
        "strategies": [
            ("SO", "Memperluas wifi publik dan layanan digital sekolah di atas jaringan serat optik operator", ["S1", "S2", "S3", "O1"]),
            ("WO", "Memprioritaskan DAK untuk trotoar dan perbaikan jalan di koridor utama", ["W1", "W2", "O3"]),
            ("ST", "Memanfaatkan jangkauan jaringan untuk sistem peringatan dini banjir dan longsor", ["S1", "S4", "T2"]),
            ("WT", "Menata kabel udara dan galian lewat ducting bersama dalam program perbaikan jalan", ["W2", "T1"]),
        ],
    },
    ("readiness", "superstructure"): {
        "S": [
            ("Sudah ada Perwal tentang Tim Pelaksana Smart City", [("ii-8", 2)]),
            ("Dewan Smart City dan Tim Pelaksana sudah terbentuk", [("ii-9", 1), ("ii-9", 2)]),
            ("Visi smart city selaras dengan RPJMD", [("ii-8", 5)]),
            ("Pakar perguruan tinggi lokal duduk di Dewan Smart City", [("ii-10", 6)]),
        ],
        "W": [
            ("Belum ada Perda tentang Dewan Smart City", [("ii-8", 1)]),
            ("Belum ada Perda tentang masterplan smart city", [("ii-8", 4)]),
            ("Belum semua OPD menunjuk anggota Tim Pelaksana", [("ii-9", 4)]),
            ("Baru dua forum pendukung yang memiliki sekretariat definitif", [("ii-10", 5)]),
        ],
        "O": [
            ("Gerakan Menuju 100 Smart City dan pendampingan Kominfo", []),
            ("Forum warga dan LPPM perguruan tinggi siap terlibat", [("ii-10", 1), ("ii-10", 2)]),
            ("Dukungan DPRD terhadap program kota cerdas", []),
        ],
        "T": [
            ("Pergantian kepala daerah yang dapat mengubah prioritas program", []),
            ("Ego sektoral antar-OPD", []),
            ("Perubahan regulasi pusat tentang kewenangan daerah di bidang TIK", []),
        ],
        "strategies": [
            ("SO", "Dewan Smart City bersama pakar dan LPPM mengawal pelaksanaan masterplan dengan evaluasi tahunan", ["S2", "S4", "O2"]),
            ("WO", "Menyusun dan mengusulkan Perda masterplan dan Perda Dewan Smart City bersama DPRD", ["W1", "W2", "O3"]),
            ("ST", "Mengikat visi smart city dalam RPJMD dan Perwal agar program berlanjut lintas periode", ["S1", "S3", "T1"]),
            ("WT", "Mewajibkan setiap OPD menunjuk anggota Tim Pelaksana dan memasukkannya dalam penilaian kinerja OPD", ["W3", "T2"]),
        ],
    },
}


def _key(worksheet):
    if worksheet.dimension_id:
        return ("dimension", worksheet.dimension.code)
    if worksheet.readiness_element_id:
        return ("readiness", worksheet.readiness_element.code)
    return None


def seed(full, empty):
    """Fill every standard worksheet of `full` that is still empty; give `empty` its nine
    empty worksheets only."""
    for masterplan in (full, empty):
        services.ensure_rows(masterplan)
    entries = {(entry.sub_area.slug, entry.component.number): entry
               for entry in full.readiness_entries.filter(component__isnull=False)
               .select_related("component", "sub_area")}
    for worksheet in worksheets.worksheets_of(full):
        content = WORKSHEETS.get(_key(worksheet))
        if content is None or worksheet.items.exists() or worksheet.strategies.exists():
            continue  # a topic worksheet, or seeded already
        items = {}
        for factor in worksheets.FACTORS:
            for text, evidence in content[factor]:
                item = worksheets.add_item(worksheet, factor=factor, text=text,
                                           evidence=[entries[key] for key in evidence])
                items[item.code] = item
        for quadrant, text, codes in content["strategies"]:
            worksheets.add_strategy(worksheet, quadrant=quadrant, text=text,
                                    items=[items[code] for code in codes])
