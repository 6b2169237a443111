"""The books leave the core for the `books` app, and a render job names its document kind.

NarrativeSection, BookCover and their history leave the core's state only: their tables stay
where they are and the books app's 0001 takes them over. RenderJob gets `kind` (set for existing
jobs by the books' and Bimtek's migrations), and `book` becomes the generic `part`; a batch's
`books` becomes `parts`. The link to a Bimtek visit is removed by 0018, after Bimtek has copied
it into its own table."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("masterplan", "0016_masterplan_rows"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(name="HistoricalNarrativeSection"),
            migrations.DeleteModel(name="HistoricalBookCover"),
            migrations.DeleteModel(name="NarrativeSection"),
            migrations.DeleteModel(name="BookCover"),
        ]),
        migrations.RemoveConstraint(model_name="renderjob", name="renderjob_one_document"),
        migrations.RemoveIndex(model_name="renderjob", name="renderjob_recent"),
        migrations.AddField(
            model_name="renderjob",
            name="kind",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.RenameField(model_name="renderjob", old_name="book", new_name="part"),
        migrations.AlterField(
            model_name="renderjob",
            name="part",
            field=models.CharField(blank=True, max_length=2, verbose_name="bagian"),
        ),
        migrations.AddIndex(
            model_name="renderjob",
            index=models.Index(fields=["masterplan", "kind", "-created_at"],
                               name="renderjob_recent"),
        ),
        migrations.RenameField(model_name="exportbatch", old_name="books", new_name="parts"),
    ]
