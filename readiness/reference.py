"""Load the readiness catalogue (Tabel II.2–II.10) of every guide edition. Idempotent."""

from masterplan.guide import guide


def load_catalogue(GuideEdition, ReadinessElement, SubArea, Component):
    """Create or update elements, sub-areas and components; returns the number of components."""
    count = 0
    for edition in GuideEdition.objects.all():
        for number, item in enumerate(guide(edition.code)["readiness"]["elements"], start=1):
            element, _ = ReadinessElement.objects.update_or_create(
                edition=edition, code=item["code"],
                defaults={"number": number, "title": item["title"],
                          "heading": item["section_heading"]})
            for area in item["sub_areas"]:
                sub_area, _ = SubArea.objects.update_or_create(
                    element=element, code=area["code"],
                    defaults={"letter": area["letter"], "heading": area["heading"],
                              "table_id": area["table_id"], "table_title": area["table_title"],
                              "description": area.get("description", "")})
                for component in area["components"]:
                    Component.objects.update_or_create(
                        sub_area=sub_area, number=component["no"],
                        defaults={"text": component["text"],
                                  "value_type": component["value_type"]})
                    count += 1
    return count
