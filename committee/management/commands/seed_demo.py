from django.core.management.base import BaseCommand

from committee.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_committee


class Command(BaseCommand):
    help = "Load the demo committee (safe to run again: nothing is duplicated)."

    def handle(self, *args, **options) -> None:
        committee = seed_committee()
        self.stdout.write(self.style.SUCCESS(f"Demo committee ready: {committee.name}"))
        self.stdout.write(f"Demo logins (password '{DEMO_PASSWORD}'):")
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.name}")
