"""Everything the evaluation contributes to the core's registries; imported once from
EvaluationConfig.ready()."""

from . import navigation  # noqa: F401  (navigation registers on import)
