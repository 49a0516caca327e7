# The survey invitation's decision month (the answer is filed under it).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="surveyinvitation",
            name="month",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="month"),
        ),
        migrations.AddConstraint(
            model_name="surveyinvitation",
            constraint=models.CheckConstraint(
                condition=models.Q(("month__gte", 1), ("month__lte", 12)), name="survey_invitation_month_1_12"
            ),
        ),
    ]
