"""Demo risk register for Kota Bandung: a few risks of some of its programs (the programs come
from demo/programs.py), with their causes, likelihood and impact (1–3), mitigation, owner and
status, spread over the three levels so the heat map has something in most of its cells.
Illustrative. Risks are added only while the masterplan has none, so running seed_demo twice
changes nothing; a program that is missing (another region's masterplan) is skipped.
"""

from masterplan.models import User
from roadmap.models import Program, ProgramRisk, RiskStatus

OPEN, MITIGATING, CLOSED = RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.CLOSED

# program name: [(risk, cause, likelihood, impact, mitigation, owner, status)]
RISKS = {
    "Mal Pelayanan Publik Digital": [
        ("Verifikasi NIK otomatis tidak tersedia saat layanan dibuka",
         "Perjanjian kerja sama pemanfaatan data kependudukan belum ditandatangani.", 2, 3,
         "Percepat PKS dengan Ditjen Dukcapil; siapkan verifikasi manual sementara di loket.",
         "DPMPTSP dan Disdukcapil", MITIGATING),
        ("Warga lansia kesulitan memakai aplikasi ponsel",
         "Literasi digital rendah dan antarmuka yang belum ramah lansia.", 2, 1,
         "Petugas pendamping di kecamatan dan menu suara pada aplikasi.", "DPMPTSP", OPEN),
    ],
    "Integrasi Aplikasi Smart e-Gov Kota Bandung": [
        ("Aplikasi OPD tidak dapat terhubung ke API gateway",
         "Sebagian besar aplikasi lama dibangun tanpa API dan tanpa dokumentasi.", 3, 3,
         "Standar API wajib dalam setiap pengadaan aplikasi baru; pendampingan pengembang OPD.",
         "Diskominfo", MITIGATING),
        ("Kebocoran data pribadi melalui layanan integrasi",
         "Kontrol akses antaraplikasi belum seragam.", 1, 3,
         "Audit keamanan berkala bersama BSSN dan kebijakan akses berbasis peran.",
         "Diskominfo", OPEN),
    ],
    "Pusat Data Kota dan Situs Pemulihan Bencana (DRP)": [
        ("Keterlambatan pengadaan perangkat",
         "Proses lelang perangkat server dan penyimpanan memakan waktu lebih dari satu triwulan.",
         3, 2, "Pengadaan melalui e-katalog dan jadwal lelang dimajukan ke triwulan I.",
         "Diskominfo dan BPKAD", OPEN),
        ("Listrik padam berkepanjangan di pusat data utama",
         "Genset cadangan hanya bertahan empat jam.", 1, 2,
         "Kontrak pasokan bahan bakar darurat dan uji genset setiap bulan.", "Diskominfo",
         CLOSED),
    ],
    "QRIS di Seluruh Pasar Tradisional": [
        ("Pedagang kembali ke transaksi tunai",
         "Pembeli terbiasa tunai dan biaya MDR dikhawatirkan pedagang.", 3, 2,
         "Kampanye pasar non-tunai dan promosi bersama bank mitra.", "Disdagin", MITIGATING),
    ],
    "Rekam Medis Elektronik Terintegrasi": [
        ("Tenaga kesehatan menolak beralih dari catatan kertas",
         "Beban kerja bertambah selama masa transisi.", 2, 2,
         "Pelatihan bertahap per puskesmas dan pendamping TI di setiap puskesmas.", "Dinkes",
         OPEN),
        ("Jaringan internet puskesmas tidak stabil", "Sebagian puskesmas masih memakai ADSL.",
         2, 3, "Prioritaskan puskesmas dalam perluasan jaringan fiber optik kota.",
         "Diskominfo dan Dinkes", OPEN),
    ],
    "Sistem Peringatan Dini Bencana Terpadu": [
        ("Sensor muka air rusak atau hilang di lapangan",
         "Perangkat dipasang di lokasi terbuka tanpa pengamanan.", 2, 2,
         "Pemasangan di lokasi berpagar dan pemeliharaan bersama relawan kelurahan.", "BPBD",
         OPEN),
    ],
    "Kang Pisman Digital: Bank Sampah Terdata Daring": [
        ("Data setoran bank sampah tidak diperbarui", "Pengelola bank sampah belum terlatih.",
         2, 1, "Pelatihan pengelola dan insentif poin bagi bank sampah yang rutin melapor.",
         "DLH", CLOSED),
    ],
}


def seed(full, empty):
    """The risk register of `full` (Kota Bandung); `empty` gets none."""
    if ProgramRisk.objects.filter(program__masterplan=full).exists():
        return
    programs = {program.name: program for program in Program.objects.filter(
        masterplan=full, name__in=list(RISKS))}
    author = User.objects.filter(username="anggota.bandung").first()
    rows = []
    for name, risks in RISKS.items():
        program = programs.get(name)
        if program is None:
            continue
        for position, (risk, cause, likelihood, impact, mitigation, owner, status) in enumerate(risks):
            rows.append(ProgramRisk(program=program, position=position, risk=risk, cause=cause,
                                    likelihood=likelihood, impact=impact, mitigation=mitigation,
                                    owner=owner, status=status, updated_by=author))
    for row in rows:
        row.save()  # one by one: the history and the content version see every row
