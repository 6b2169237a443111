"""Everything the portal contributes to the core's registries; imported once from
PortalConfig.ready()."""

from . import navigation  # noqa: F401  (navigation registers on import)
