"""The secretariat's admin for governance: partners, roles over time, plans, accounts."""

from governance.admin import frameworks, partners, roles, users

__all__ = ["frameworks", "partners", "roles", "users"]
