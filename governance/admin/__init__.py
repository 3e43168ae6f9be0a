"""The secretariat's admin for governance: partners, roles held over time, and the plans."""

from governance.admin import frameworks, partners, roles

__all__ = ["frameworks", "partners", "roles"]
