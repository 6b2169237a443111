import pytest

from opendata import tokens


@pytest.fixture
def token_for():
    """`token_for(user)`: a new personal API token of `user`, as the header value."""
    def make(user, name="uji"):
        _token, raw = tokens.create_token(user, name)
        return f"Bearer {raw}"
    return make
