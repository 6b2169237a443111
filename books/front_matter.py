"""Words of the books' cover and Kata Sambutan that follow from the region, as Indonesian
government documents write them: "PEMERINTAH KOTA BANDUNG" on the cover, "Wali Kota Bandung"
as the head of region who signs the sambutan (when the cover does not name another title)."""

from masterplan.models import RegionKind

HEADS = {RegionKind.KOTA: "Wali Kota", RegionKind.KABUPATEN: "Bupati",
         RegionKind.PROVINSI: "Gubernur"}
KIND_WORDS = {RegionKind.KOTA: "KOTA", RegionKind.KABUPATEN: "KABUPATEN",
              RegionKind.PROVINSI: "PROVINSI"}


def government_name(region):
    """'PEMERINTAH KOTA BANDUNG', 'PEMERINTAH KABUPATEN BANYUWANGI', 'PEMERINTAH PROVINSI JAWA
    BARAT': the region's official name, in capitals, after its kind unless the name starts
    with it (Kemendagri names kota and kabupaten with it, provinces without)."""
    name = " ".join(region.name.upper().split())
    kind = KIND_WORDS.get(region.kind, "")
    if kind and not name.startswith(f"{kind} "):
        name = f"{kind} {name}"
    return f"PEMERINTAH {name}"


def bare_name(region):
    """'Kota Bandung' -> 'Bandung', 'Provinsi Jawa Barat' -> 'Jawa Barat'."""
    display = region.display_name
    for prefix in ("Kota ", "Kabupaten ", "Provinsi "):
        if display.startswith(prefix):
            return display.removeprefix(prefix)
    return display


def head_of_region(region):
    """The title of the region's head: 'Wali Kota Bandung', 'Bupati Banyuwangi', 'Gubernur Jawa
    Barat'."""
    head = HEADS.get(region.kind)
    return f"{head} {bare_name(region)}" if head else ""
