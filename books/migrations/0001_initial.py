"""The books' models, taken over from the core as they were (masterplan's 0017 removed them from
its state): their tables keep their names, so no data moves. Existing content types (and so
comments on narratives and permissions) move with them, and existing book render jobs get their
document kind."""

import books.models
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


MOVED = ["narrativesection", "bookcover", "historicalnarrativesection", "historicalbookcover"]


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="books", model=model).exists():
            ContentType.objects.filter(app_label="masterplan", model=model).update(
                app_label="books")


def back_to_the_core(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="books", model__in=MOVED).update(app_label="masterplan")


def name_book_jobs(apps, schema_editor):
    apps.get_model("masterplan", "RenderJob").objects.filter(kind="").exclude(part="").update(
        kind="book")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('masterplan', '0017_render_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='BookCover',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='versi')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah pada')),
                    ('title', models.CharField(blank=True, max_length=200, verbose_name='judul sampul')),
                    ('year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(2017), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                    ('logo', models.FileField(blank=True, max_length=250, upload_to=books.models.logo_path, verbose_name='logo daerah')),
                    ('masterplan', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='cover', to='masterplan.masterplan')),
                    ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diubah oleh')),
                ],
                options={
                    'db_table': 'masterplan_bookcover',
                },
            ),
            migrations.CreateModel(
                name='HistoricalBookCover',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='versi')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='diubah pada')),
                    ('title', models.CharField(blank=True, max_length=200, verbose_name='judul sampul')),
                    ('year', models.PositiveSmallIntegerField(blank=True, null=True, validators=[django.core.validators.MinValueValidator(2017), django.core.validators.MaxValueValidator(2100)], verbose_name='tahun')),
                    ('logo', models.TextField(blank=True, max_length=250, verbose_name='logo daerah')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('masterplan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='masterplan.masterplan')),
                    ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diubah oleh')),
                ],
                options={
                    'verbose_name': 'historical book cover',
                    'verbose_name_plural': 'historical book covers',
                    'db_table': 'masterplan_historicalbookcover',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalNarrativeSection',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='versi')),
                    ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='diubah pada')),
                    ('key', models.CharField(max_length=40)),
                    ('text', models.TextField(blank=True, max_length=10000, verbose_name='isi')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('masterplan', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='masterplan.masterplan')),
                    ('updated_by', models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diubah oleh')),
                ],
                options={
                    'verbose_name': 'historical narrative section',
                    'verbose_name_plural': 'historical narrative sections',
                    'db_table': 'masterplan_historicalnarrativesection',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='NarrativeSection',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('version', models.PositiveIntegerField(default=1, editable=False, verbose_name='versi')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='diubah pada')),
                    ('key', models.CharField(max_length=40)),
                    ('text', models.TextField(blank=True, max_length=10000, verbose_name='isi')),
                    ('masterplan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='narratives', to='masterplan.masterplan')),
                    ('updated_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diubah oleh')),
                ],
                options={
                    'db_table': 'masterplan_narrativesection',
                    'ordering': ['masterplan', 'key'],
                    'constraints': [models.UniqueConstraint(fields=('masterplan', 'key'), name='narrative_unique')],
                },
            ),
        ]),
        migrations.RunPython(move_content_types, back_to_the_core),
        migrations.RunPython(name_book_jobs, migrations.RunPython.noop),
    ]
