import secrets

from django.db import migrations, models

import discussion.models


def one_key_per_room(apps, schema_editor):
    # AddField computes the default once for all existing rows: give each room its own secret.
    RoomState = apps.get_model("discussion", "RoomState")
    for room in RoomState.objects.all():
        room.screen_key = secrets.token_urlsafe(32)
        room.save(update_fields=["screen_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="roomstate",
            name="screen_key",
            field=models.CharField(
                default=discussion.models.new_screen_key, editable=False, max_length=64
            ),
        ),
        migrations.RunPython(one_key_per_room, migrations.RunPython.noop),
    ]
