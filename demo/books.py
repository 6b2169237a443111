"""Demo narrative sections and cover for Kota Bandung's books."""

from datetime import date

from books.models import BookCover, NarrativeSection
from books.narrative import strategy_key
from books.services import ensure_rows

TEXTS = {
    "sambutan_kepala_daerah": (
        "Puji syukur kita panjatkan atas tersusunnya Masterplan Smart City Kota Bandung. "
        "Dokumen ini menjadi pegangan bersama seluruh perangkat daerah, dunia usaha, akademisi "
        "dan masyarakat untuk mewujudkan kota yang **cerdas, nyaman dan berkelanjutan**.\n\n"
        "Saya mengajak semua pihak untuk mengawal pelaksanaannya."),
    "sambutan_sekretaris_dewan": (
        "Dewan Smart City Kota Bandung menyambut baik masterplan ini sebagai hasil kerja bersama "
        "Tim Pelaksana dan para pemangku kepentingan selama empat kali bimbingan teknis."),
    "latar_belakang": (
        "Kota Bandung dengan penduduk sekitar 2,5 juta jiwa menghadapi tantangan kemacetan, "
        "pengelolaan sampah dan pelayanan publik yang terus meningkat.\n\n"
        "Teknologi informasi dan komunikasi dimanfaatkan untuk:\n"
        "- mempercepat layanan publik;\n- memperkuat ekonomi kreatif;\n"
        "- meningkatkan kualitas lingkungan hidup."),
    "tujuan": ("Masterplan ini bertujuan menjadi acuan pembangunan smart city Kota Bandung "
               "selama sepuluh tahun, menyelaraskan program antar perangkat daerah, dan menjadi "
               "dasar penganggaran."),
    "kerangka_pikir": ("Kerangka pikir mengikuti panduan Kementerian Kominfo: kesiapan daerah "
                       "(struktur, infrastruktur, suprastruktur) menjadi dasar enam dimensi smart "
                       "city, yang diwujudkan melalui program prioritas dan quick win."),
    "literasi": ("Penguatan literasi dilakukan melalui kelas digital di setiap kecamatan, "
                 "kemitraan dengan perguruan tinggi dan komunitas, serta kampanye layanan daring."),
    "penutup": ("Masterplan ini adalah dokumen hidup yang ditinjau setiap tahun dan dievaluasi "
                "menyeluruh setiap lima tahun."),
    "ringkasan_latar_belakang": (
        "Kota Bandung menyusun masterplan smart city untuk menjawab tantangan kemacetan, sampah "
        "dan pelayanan publik, dengan bertumpu pada kekuatan ekonomi kreatif dan komunitasnya."),
}
STRATEGIES = {
    "governance": "Mengintegrasikan aplikasi layanan dan data antar perangkat daerah.",
    "branding": "Memperkuat citra Bandung sebagai kota kreatif dan tujuan wisata.",
    "economy": "Mendorong ekonomi digital dan transaksi non-tunai di pasar rakyat.",
    "living": "Meningkatkan mobilitas dan layanan kesehatan berbasis data.",
    "society": "Membangun masyarakat yang cakap digital dan peduli keamanan kota.",
    "environment": "Mengurangi timbulan sampah dan memantau kualitas lingkungan.",
}

# The Kata Sambutan's signature block: a made-up signatory.
SIGNATURE = {"signatory_name": "Dr. H. Ahmad Nugraha, M.Si.", "signatory_title": "Wali Kota Bandung",
             "signing_place": "Bandung", "signing_date": date(2026, 3, 2)}


def seed(full, empty):
    for masterplan in (full, empty):
        ensure_rows(masterplan)
    texts = dict(TEXTS)
    texts.update({strategy_key(code): text for code, text in STRATEGIES.items()})
    for key, text in texts.items():
        NarrativeSection.objects.filter(masterplan=full, key=key, text="").update(text=text)
    # The empty region keeps the placeholders a draft shows.
    BookCover.objects.filter(masterplan=full, signatory_name="").update(**SIGNATURE)

