"""Choice lists of the registry. Values are stable codes used by the API, imports and rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdKind(models.TextChoices):
    TC = "tc", _("TC Kimlik No")
    FOREIGN = "foreign", _("Foreigner's number (99…)")
    INTERNAL = "internal", _("No number (internal id)")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class ProtectionStatus(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    RESIDENT = "resident", _("Foreign resident")
    INTERNATIONAL = "international", _("International protection")
    TEMPORARY = "temporary", _("Temporary protection")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Never married")
    MARRIED = "married", _("Married")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")


class EducationLevel(models.TextChoices):
    ILLITERATE = "illiterate", _("Cannot read or write")
    LITERATE = "literate", _("Literate, no diploma")
    PRIMARY = "primary", _("Primary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    UPPER_SECONDARY = "upper_secondary", _("High school")
    HIGHER = "higher", _("University")


class EmploymentStatus(models.TextChoices):
    CHILD = "child", _("Child (not of working age)")
    STUDENT = "student", _("Student")
    EMPLOYED_FORMAL = "employed_formal", _("Employed, registered")
    EMPLOYED_INFORMAL = "employed_informal", _("Employed, unregistered")
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    SELF_EMPLOYED = "self_employed", _("Self-employed / farmer")
    UNEMPLOYED = "unemployed", _("Unemployed, looking for work")
    HOMEMAKER = "homemaker", _("Homemaker")
    RETIRED = "retired", _("Retired")
    UNABLE = "unable", _("Unable to work")


class Dependency(models.TextChoices):
    NONE = "none", _("Not dependent")
    PARTIAL = "partial", _("Partly dependent")
    FULL = "full", _("Fully dependent (tam bağımlı)")


class HealthInsurance(models.TextChoices):
    SGK_INSURED = "sgk_insured", _("SGK, own contributions")
    SGK_DEPENDENT = "sgk_dependent", _("SGK, as a dependant")
    GSS_STATE = "gss_state", _("General health insurance paid by the state")
    PRIVATE = "private", _("Private only")
    NONE = "none", _("None")


class SocialSecurity(models.TextChoices):
    """Own social-security status (SGK): many programs exclude insured households."""

    NONE = "none", _("Not insured")
    ACTIVE = "active", _("Insured, working")
    PENSIONER = "pensioner", _("Pension from SGK")


class SchoolLevel(models.TextChoices):
    NONE = "none", _("Not of school age")
    PRESCHOOL = "preschool", _("Pre-school")
    PRIMARY = "primary", _("Primary (grades 1–4)")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary (grades 5–8)")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary (grades 9–12)")
    HIGHER = "higher", _("Higher education")
    OUT_OF_SCHOOL = "out_of_school", _("School age, not enrolled")


class Role(models.TextChoices):
    REFERENCE = "reference", _("Reference person")
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    OTHER = "other", _("Other relative or member")


class DwellingType(models.TextChoices):
    APARTMENT = "apartment", _("Flat in an apartment block")
    DETACHED = "detached", _("Detached house")
    GECEKONDU = "gecekondu", _("Gecekondu (informal house)")
    TEMPORARY = "temporary", _("Tent or container")
    OTHER = "other", _("Other")


class Tenure(models.TextChoices):
    OWNER = "owner", _("Owner")
    TENANT = "tenant", _("Tenant")
    RENT_FREE = "rent_free", _("Rent-free (relative or employer)")
    PUBLIC = "public", _("Public or social housing")
    OTHER = "other", _("Other")


class Heating(models.TextChoices):
    STOVE_COAL = "stove_coal", _("Stove, coal")
    STOVE_WOOD = "stove_wood", _("Stove, wood or dung")
    NATURAL_GAS = "natural_gas", _("Natural gas")
    CENTRAL = "central", _("Central heating")
    ELECTRIC = "electric", _("Electric")
    NONE = "none", _("No heating")


class IncomeKind(models.TextChoices):
    WAGE = "wage", _("Wage")
    PENSION = "pension", _("Pension")
    OTHER_AID = "other_aid", _("Other social aid")
    AGRICULTURE = "agriculture", _("Agriculture and livestock")
    RENT = "rent", _("Rent received")
    ALIMONY = "alimony", _("Alimony")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    INFORMAL = "informal", _("Informal work")
    OTHER = "other", _("Other")


class IncomePeriod(models.TextChoices):
    MONTHLY = "monthly", _("Per month")
    YEARLY = "yearly", _("Per year")
    ONE_OFF = "one_off", _("One-off")


class DataSource(models.TextChoices):
    DECLARED = "declared", _("Declared by the household")
    VISIT = "visit", _("Seen at the household visit")
    SGK = "sgk", _("SGK (social security)")
    TAPU = "tapu", _("Land registry (TKGM)")
    EGM = "egm", _("Vehicle registry (EGM)")
    ISKUR = "iskur", _("İŞKUR")
    NVI = "nvi", _("Population register (NVİ)")
    MEB = "meb", _("e-Okul (MEB)")
    HEALTH = "health", _("Ministry of Health")
    GIB = "gib", _("Revenue administration (GİB)")
    IMPORT = "import", _("Imported file")
    SYNTHETIC = "synthetic", _("Synthetic data")


# Sources that are another institution's register. A registered income or asset of a kind replaces the declared
# ones of the same kind (person and income kind; household and asset kind) wherever the rules read the registry:
# `registry.models.registered_first` and its SQL twins. Declared rows stay, shown as not counted.
REGISTERED_SOURCES: tuple[str, ...] = (
    DataSource.SGK,
    DataSource.TAPU,
    DataSource.EGM,
    DataSource.ISKUR,
    DataSource.NVI,
    DataSource.MEB,
    DataSource.HEALTH,
    DataSource.GIB,
)


class AssetKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    REAL_ESTATE = "real_estate", _("Real estate")
    LAND = "land", _("Land")
    LIVESTOCK = "livestock", _("Livestock")
    OTHER = "other", _("Other")
