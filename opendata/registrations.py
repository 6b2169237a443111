"""Everything opendata adds on start; imported once from OpendataConfig.ready().

The API's personal token is described in the OpenAPI schema (an extension of drf-spectacular,
registered by importing it)."""

from .api import schema  # noqa: F401  (registers the token's security scheme)
