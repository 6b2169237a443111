"""The three books: narrative sections, per-book context builders, typesetting and rendering."""
