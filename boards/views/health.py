from django.db import connection
from django.http import HttpResponse


def healthz(request):
    """For a load balancer: answers 200 when the app can reach its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("OK", content_type="text/plain")
