from django.db import models


class RegionScopedQuerySet(models.QuerySet):
    """QuerySet of a model that belongs to a region (see `REGION_FIELD` on the model).

    `restrict(user, action)` keeps only the rows in regions where the user may do `action`;
    every view, form and task reaches region data through it (masterplan.access decides).
    """

    def restrict(self, user, action="view"):
        from .access import region_q  # deferred: access imports the models, which import this module

        return self.filter(region_q(self.model, user, action))
