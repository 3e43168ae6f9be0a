from governance.models.crosswalks import ActionCrosswalk
from governance.models.dates import DatePrecision
from governance.models.frameworks import Action, Domain, Framework, Objective
from governance.models.partners import (
    AFRICAN_REGIONS,
    Bloc,
    DirectoryGroup,
    FocalPoint,
    Partner,
    Region,
    by_name,
    in_directory_groups,
)
from governance.models.roles import Presidency, ReferenceCountry, SteeringCommitteeMembership

__all__ = [
    "AFRICAN_REGIONS",
    "Action",
    "ActionCrosswalk",
    "Bloc",
    "DatePrecision",
    "DirectoryGroup",
    "Domain",
    "FocalPoint",
    "Framework",
    "Objective",
    "Partner",
    "Presidency",
    "ReferenceCountry",
    "Region",
    "SteeringCommitteeMembership",
    "by_name",
    "in_directory_groups",
]
