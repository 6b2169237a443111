"""Demo content (`manage.py seed_demo`): downstream of every app, so it may use them all."""
