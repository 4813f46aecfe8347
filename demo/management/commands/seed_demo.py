from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from committee.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_committee
from committee.demo_amendments import seed_demo_amendments
from discussion.demo import seed_discussion
from drafting.demo import create_demo_draft
from drafting.demo_translations import seed_demo_translations


class Command(BaseCommand):
    help = "Load the demo committee (safe to run again: nothing is duplicated)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force-with-demo-passwords",
            action="store_true",
            help="Load the demo even with DEBUG off: every demo account gets the published "
            "demo password.",
        )

    def handle(self, *args, **options) -> None:
        # Fifty-odd accounts with a password printed in the README must never reach a
        # production database by accident.
        if not settings.DEBUG and not options["force_with_demo_passwords"]:
            raise CommandError(
                "seed_demo refused: DEBUG is off, and the demo accounts all have the published "
                f"password '{DEMO_PASSWORD}'; set DEBUG=true, or pass "
                "--force-with-demo-passwords if you really mean it."
            )
        committee = seed_committee()
        if committee.draft is None:
            secretariat = get_user_model().objects.get(username="secretariat")
            committee.draft = create_demo_draft(secretariat)
            committee.save(update_fields=["draft"])
        # The French and Spanish texts of the demo draft (only what is not there yet).
        seed_demo_translations(
            committee.draft, get_user_model().objects.get(username="secretariat")
        )
        seed_discussion(committee)
        amendments = seed_demo_amendments(committee)
        self.stdout.write(self.style.SUCCESS(f"Demo committee ready: {committee.name}"))
        self.stdout.write(f"Amendments: {amendments}")
        self.stdout.write(f"Demo logins (password '{DEMO_PASSWORD}'):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.name}")
