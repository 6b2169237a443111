"""How the OpenAPI schema describes the personal API token."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "opendata.api.authentication.ApiTokenAuthentication"
    name = "tokenApi"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http", "scheme": "bearer", "bearerFormat": "mpsc_…",
            "description": ("Token API pribadi, dibuat di halaman Profil. Kirim sebagai "
                            "`Authorization: Bearer <token>` atau `Authorization: Token <token>`."),
        }
