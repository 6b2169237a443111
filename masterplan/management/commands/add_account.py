import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from masterplan import services
from masterplan.models import Role, User

from ._regions import region_by_code


class Command(BaseCommand):
    help = ("Create an account, optionally with a role in a region (e.g. the ketua tim pelaksana "
            "of a newly enrolled region). Prints a generated password unless --password is given.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--full-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--region", help="Kemendagri code, e.g. 32.73")
        parser.add_argument("--role", choices=[r.value for r in Role])
        parser.add_argument("--admin", action="store_true", help="Kominfo admin (all regions)")
        parser.add_argument("--password", help="initial password (default: generated)")

    def handle(self, *args, **options):
        if bool(options["region"]) != bool(options["role"]):
            raise CommandError("--region and --role go together.")
        region = region_by_code(options["region"]) if options["region"] else None
        password = options["password"] or secrets.token_urlsafe(12)
        operator = User(is_kominfo_admin=True, is_active=True)  # the command runs with admin rights
        try:
            account = services.create_account(
                created_by=operator, username=options["username"], password=password,
                full_name=options["full_name"], email=options["email"],
                is_kominfo_admin=options["admin"], region=region, role=options["role"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"Created account {account.username}.")
        if not options["password"]:
            self.stdout.write(f"Initial password: {password}")
