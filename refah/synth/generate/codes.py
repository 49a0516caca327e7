"""Integer codes of the registry enums, in enum order: the dictionaries of the Arrow columns."""

from refah.registry import enums

ROLE = [c.value for c in enums.Role]
ID_KIND = [c.value for c in enums.IdKind]
SEX = [c.value for c in enums.Sex]
NATIONALITY = ["TR", "SY", "AF", "IR", "IQ"]
PROTECTION = [c.value for c in enums.ProtectionStatus]
MARITAL = [c.value for c in enums.MaritalStatus]
EDUCATION = [c.value for c in enums.EducationLevel]
EMPLOYMENT = [c.value for c in enums.EmploymentStatus]
SOCIAL_SECURITY = [c.value for c in enums.SocialSecurity]
HEALTH = [c.value for c in enums.HealthInsurance]
DEPENDENCY = [c.value for c in enums.Dependency]
SCHOOL = [c.value for c in enums.SchoolLevel]
DWELLING = [c.value for c in enums.DwellingType]
TENURE = [c.value for c in enums.Tenure]
HEATING = [c.value for c in enums.Heating]
INCOME_KIND = [c.value for c in enums.IncomeKind]
ASSET_KIND = [c.value for c in enums.AssetKind]

REFERENCE, SPOUSE, CHILD, PARENT, OTHER = (ROLE.index(v) for v in ("reference", "spouse", "child", "parent", "other"))
FEMALE, MALE = SEX.index("F"), SEX.index("M")
TR, SY, AF, IR, IQ = range(5)
ID_TC, ID_FOREIGN, ID_INTERNAL = (ID_KIND.index(v) for v in ("tc", "foreign", "internal"))
CITIZEN, RESIDENT, INTERNATIONAL, TEMPORARY = (
    PROTECTION.index(v) for v in ("citizen", "resident", "international", "temporary")
)
SINGLE, MARRIED, DIVORCED, WIDOWED = (MARITAL.index(v) for v in ("single", "married", "divorced", "widowed"))
(ILLITERATE, LITERATE, PRIMARY_EDU, LOWER_EDU, UPPER_EDU, HIGHER_EDU) = range(6)
assert EDUCATION[HIGHER_EDU] == "higher" and EDUCATION[ILLITERATE] == "illiterate"
(E_CHILD, E_STUDENT, E_FORMAL, E_INFORMAL, E_CIVIL, E_SELF, E_UNEMPLOYED, E_HOMEMAKER, E_RETIRED, E_UNABLE) = range(10)
assert EMPLOYMENT[E_UNABLE] == "unable" and EMPLOYMENT[E_CIVIL] == "civil_servant"
SS_NONE, SS_ACTIVE, SS_PENSIONER = (SOCIAL_SECURITY.index(v) for v in ("none", "active", "pensioner"))
H_INSURED, H_DEPENDENT, H_STATE, H_PRIVATE, H_NONE = (
    HEALTH.index(v) for v in ("sgk_insured", "sgk_dependent", "gss_state", "private", "none")
)
DEP_NONE, DEP_PARTIAL, DEP_FULL = (DEPENDENCY.index(v) for v in ("none", "partial", "full"))
S_NONE, S_PRESCHOOL, S_PRIMARY, S_LOWER, S_UPPER, S_HIGHER, S_OUT = range(7)
assert SCHOOL[S_OUT] == "out_of_school" and SCHOOL[S_PRESCHOOL] == "preschool"
D_APARTMENT, D_DETACHED, D_GECEKONDU, D_TEMPORARY, D_OTHER = range(5)
T_OWNER, T_TENANT, T_RENT_FREE, T_PUBLIC, T_OTHER = range(5)
assert TENURE[T_PUBLIC] == "public" and DWELLING[D_TEMPORARY] == "temporary"
H_COAL, H_WOOD, H_GAS, H_CENTRAL, H_ELECTRIC, H_NOHEAT = range(6)
assert HEATING[H_NOHEAT] == "none" and HEATING[H_WOOD] == "stove_wood"
I_WAGE, I_PENSION, I_OTHER_AID, I_AGRICULTURE, I_RENT, I_ALIMONY, I_SELF, I_INFORMAL, I_OTHER = range(9)
assert INCOME_KIND[I_SELF] == "self_employment" and INCOME_KIND[I_ALIMONY] == "alimony"
A_VEHICLE, A_REAL_ESTATE, A_LAND, A_LIVESTOCK, A_OTHER = range(5)
assert ASSET_KIND[A_LIVESTOCK] == "livestock"
