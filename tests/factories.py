import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from governance.groups import FOCAL_POINTS, SECRETARIAT
from governance.models import (
    Action,
    Domain,
    FocalPoint,
    Framework,
    Objective,
    Partner,
    Presidency,
    SteeringCommitteeMembership,
)
from meetings.models import Document, Meeting, MeetingRole
from recommendations.models import ImplementationReport, Recommendation, ReportingRound


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("a-long-test-password")


class SecretariatUserFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    is_staff = True

    @factory.post_generation
    def secretariat_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=SECRETARIAT))


def english_name(partner):
    """The English name a test gave, as ``name`` or as ``name_en``."""
    return getattr(partner, "name_en", None) or partner.name


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    kind = Partner.Kind.COUNTRY
    name = factory.Sequence(lambda n: f"Country {n}")
    name_fr = factory.LazyAttribute(lambda partner: f"Pays {partner.name.split()[-1]}")
    name_with_article_en = factory.LazyAttribute(lambda partner: english_name(partner))
    name_with_in_en = factory.LazyAttribute(lambda partner: f"in {english_name(partner)}")
    name_with_of_en = factory.LazyAttribute(lambda partner: f"of {english_name(partner)}")
    name_with_article_fr = factory.LazyAttribute(lambda partner: f"le {partner.name_fr}")
    name_with_in_fr = factory.LazyAttribute(lambda partner: f"au {partner.name_fr}")
    name_with_of_fr = factory.LazyAttribute(lambda partner: f"du {partner.name_fr}")
    slug = factory.Sequence(lambda n: f"country-{n}")
    iso_code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    region = "west_africa"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    kind = Partner.Kind.ORGANISATION
    name = factory.Sequence(lambda n: f"Organisation {n}")
    name_with_article_en = factory.LazyAttribute(lambda partner: f"the {english_name(partner)}")
    name_with_in_en = factory.LazyAttribute(lambda partner: f"at the {english_name(partner)}")
    name_with_of_en = factory.LazyAttribute(lambda partner: f"of the {english_name(partner)}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(CountryFactory)

    @factory.post_generation
    def focal_points_group(focal_point, create, extracted, **kwargs):
        if create:
            focal_point.user.groups.add(Group.objects.get(name=FOCAL_POINTS))


class PresidencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presidency

    partner = factory.SubFactory(CountryFactory)
    start = datetime.date(2024, 2, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringCommitteeMembership

    partner = factory.SubFactory(CountryFactory)
    start = datetime.date(2020, 1, 1)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Action plan {n}")
    short_name = factory.Sequence(lambda n: f"Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    adopted_on = datetime.date(2022, 12, 14)


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(str)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    domain = factory.SubFactory(DomainFactory)
    framework = factory.SelfAttribute("domain.framework")
    number = factory.Sequence(str)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    framework = factory.SelfAttribute("objective.framework")
    number = factory.Sequence(str)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Thematic meeting {n}")
    slug = factory.Sequence(lambda n: f"thematic-meeting-{n}")
    kind = Meeting.Kind.THEMATIC_MEETING
    status = Meeting.Status.HELD
    start = datetime.date(2024, 5, 15)
    published = True


class MeetingRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRole

    meeting = factory.SubFactory(MeetingFactory)
    partner = factory.SubFactory(CountryFactory)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    url = "https://example.org/document.pdf"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text = "Strengthen cooperation on the protection of missing migrants."
    published = True


class ReportingRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingRound

    name = factory.Sequence(lambda n: f"Data collection {n}")
    slug = factory.Sequence(lambda n: f"data-collection-{n}")
    framework = factory.SubFactory(FrameworkFactory)
    opens_on = datetime.date(2025, 1, 1)
    closes_on = datetime.date(2025, 3, 31)


class ImplementationReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImplementationReport

    round = factory.SubFactory(ReportingRoundFactory)
    partner = factory.SubFactory(CountryFactory)
    action = factory.SubFactory(
        ActionFactory, objective__domain__framework=factory.SelfAttribute("....round.framework")
    )


class ReferenceCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "governance.ReferenceCountry"

    partner = factory.SubFactory(CountryFactory)
    domain = factory.SubFactory(DomainFactory)
    start = datetime.date(2022, 12, 14)


# Forums (private area) ------------------------------------------------------------------


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recommendations.Forum"

    title = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recommendations.Thread"

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Thread {n}")
    author = factory.SubFactory(UserFactory)
    last_post_at = factory.LazyFunction(lambda: datetime.datetime.now(tz=datetime.UTC))


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recommendations.Post"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SelfAttribute("thread.author")
    body = "A message about the action plan."


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.NewsPost"

    title = factory.Sequence(lambda n: f"News post {n}")
    slug = factory.Sequence(lambda n: f"news-post-{n}")
    summary = "A thematic meeting is announced."
    body = "The meeting takes place in **Dakar**."
    status = "published"
    published_on = datetime.date(2026, 3, 2)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "news.Edition"

    number = factory.Sequence(lambda n: n + 1)
    year = 2026
    period_start = datetime.date(2026, 1, 1)
    period_end = datetime.date(2026, 3, 31)
    editorial = "A quarter of **meetings**."
    published = True


# Projects inventory ---------------------------------------------------------------------


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Project"

    identifier = factory.Sequence(lambda n: f"rp-{n:04d}")
    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Technical assistance on migration data."
    start = datetime.date(2014, 3, 1)
    status = "ongoing"
