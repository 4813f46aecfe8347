from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from committee.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_committee
from committee.demo_amendments import seed_demo_amendments
from discussion.demo import seed_discussion
from drafting.demo import create_demo_draft
from drafting.demo_translations import seed_demo_translations


class Command(BaseCommand):
    help = "Load the demo committee (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options) -> None:
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
