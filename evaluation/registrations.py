"""Everything the evaluation contributes to the core's registries; imported once from
EvaluationConfig.ready()."""

from masterplan import documents

from . import evidence, navigation  # noqa: F401  (navigation registers on import)

documents.register(evidence.KIND)
