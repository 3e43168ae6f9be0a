from governance.models.base import DatePrecision
from governance.models.frameworks import (
    Action,
    ActionCrosswalk,
    Domain,
    Framework,
    Objective,
    ReferenceCountry,
)
from governance.models.partners import AFRICAN_REGIONS, Bloc, FocalPoint, Partner, Region
from governance.models.roles import Presidency, SteeringCommitteeMembership

__all__ = [
    "AFRICAN_REGIONS",
    "Action",
    "ActionCrosswalk",
    "Bloc",
    "DatePrecision",
    "Domain",
    "FocalPoint",
    "Framework",
    "Objective",
    "Partner",
    "Presidency",
    "ReferenceCountry",
    "Region",
    "SteeringCommitteeMembership",
]
