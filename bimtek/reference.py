"""Load the four Bimtek sessions of each guide edition (Tabel II.15, Lampiran V–VIII)."""

from masterplan.guide import guide


def load_sessions(GuideEdition, Session, AgendaItem, ReportItem):
    """Create or update sessions, their agenda and report items; returns the number of sessions."""
    count = 0
    for edition in GuideEdition.objects.all():
        for item in guide(edition.code)["bimtek"]["sessions"]:
            form = item["report_form"]
            session, _ = Session.objects.update_or_create(
                edition=edition, number=item["number"],
                defaults={"label": item["label"], "month_number": item["month_number"],
                          "month_printed": item["month"], "theme": item["theme"],
                          "appendix": form["appendix"], "report_title": form["title"]})
            for day in item["days"]:
                for row in day["agenda"]:
                    AgendaItem.objects.update_or_create(
                        session=session, day=day["day"], seq=row["seq"],
                        defaults={"kind": row["kind"], "time_printed": row.get("time_printed") or "",
                                  "title": row.get("title") or "", "sub_points": row.get("sub_points") or [],
                                  "narasumber": row.get("narasumber") or [],
                                  "peserta": row.get("peserta") or []})
            for position, row in enumerate(form["items"], start=1):
                ReportItem.objects.update_or_create(
                    session=session, position=position,
                    defaults={"day": row["day"], "agenda_seq": row["agenda_seq"],
                              "text": row.get("text") or "", "sub_points": row.get("sub_points") or []})
            count += 1
    return count
