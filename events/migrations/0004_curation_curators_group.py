"""Create the "Curators" group with exactly the permissions curation needs.

Curators edit events and what hangs off them (citations, people, places and
the links between them), go through the review queue, read sources,
documents, event types, history and merge records. Nothing about users,
groups or sources' management. The permission list is frozen here, as data
migrations should be; later changes come as new migrations.
"""

from django.db import migrations

GROUP = "Curators"

CURATED_MODELS = ("event", "citation", "person", "place", "eventperson", "eventplace")
READ_ONLY_MODELS = (
    "source", "archivaldocument", "eventtype", "mergerecord",
    "historicalevent", "historicalcitation", "historicalperson", "historicalplace",
    "historicaleventperson", "historicaleventplace",
)


def codenames():
    names = [f"{action}_{model}" for model in CURATED_MODELS for action in ("view", "add", "change", "delete")]
    names += [f"view_{model}" for model in READ_ONLY_MODELS]
    names += ["view_reviewqueueevent", "change_reviewqueueevent"]
    return names


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure
    # the ones this group needs exist now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = codenames()
    permissions = list(Permission.objects.filter(content_type__app_label="events", codename__in=wanted))
    missing = set(wanted) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"permissions not found: {sorted(missing)}")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0003_curation_merge_record_review_queue"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
