from django.db import migrations

from boards.rag_presets import install_presets


def install(apps, schema_editor):
    install_presets(apps.get_model("boards", "RagKey"), apps.get_model("boards", "RagStatus"))


class Migration(migrations.Migration):
    dependencies = [("boards", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
