"""The render pipeline: jobs, the Celery task's work, bounded typesetting, storage, batches. What
it renders comes from the document kinds the apps register (masterplan/documents.py)."""
