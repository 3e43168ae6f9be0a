"""Reporting on implementation: rounds of data collection, the reports each country
writes on the actions and recommendations of a round, and their review by the secretariat."""
