"""`/healthz` for load balancers: 200 when the database, cache, broker and storage answer, else
503; the body names each check's outcome and nothing about the services themselves."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .. import health


@never_cache
@require_GET
def healthz(request):
    results = health.run_checks()
    ok = health.healthy(results)
    response = JsonResponse({"status": "ok" if ok else "error", "checks": results},
                            status=200 if ok else 503)
    # The failed checks are logged by masterplan.health; Django's "Service Unavailable" line
    # for every probe of a load balancer would only repeat it.
    response._has_been_logged = True
    return response
