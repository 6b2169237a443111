import pytest


@pytest.fixture
def private_media(settings, tmp_path):
    """Uploaded workbooks go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
