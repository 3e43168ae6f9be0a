"""The words, places and proportions that the synthetic history is drawn from
(``rabatprocess.demo_data``)."""

from meetings.models import Meeting
from recommendations.models import ImplementationReport

# (English, French) pairs from which titles and texts are composed.
THEMES = [
    ("border management", "gestion des frontières"),
    ("legal migration", "migration légale"),
    ("student mobility", "mobilité des étudiants"),
    ("diaspora engagement", "engagement de la diaspora"),
    ("remittances", "transferts de fonds"),
    ("trafficking in human beings", "traite des êtres humains"),
    ("migrant smuggling", "trafic de migrants"),
    ("return and reintegration", "retour et réintégration"),
    ("international protection", "protection internationale"),
    ("root causes of irregular migration", "causes profondes de la migration irrégulière"),
    ("labour migration", "migration de main-d'œuvre"),
    ("migration data", "données migratoires"),
    ("climate and displacement", "climat et déplacements"),
    ("youth employment", "emploi des jeunes"),
    ("visa facilitation", "facilitation des visas"),
    ("asylum systems", "systèmes d'asile"),
]
VERBS = [
    ("should strengthen", "devraient renforcer"),
    ("are invited to support", "sont invités à soutenir"),
    ("should promote", "devraient promouvoir"),
    ("are encouraged to share experience on", "sont encouragés à partager leur expérience sur"),
    ("should finance", "devraient financer"),
    ("should evaluate", "devraient évaluer"),
]
ADDRESSEES = [
    ("Partner countries", "Les pays partenaires"),
    ("Countries of origin", "Les pays d'origine"),
    ("Countries of transit", "Les pays de transit"),
    ("Countries of destination", "Les pays de destination"),
    ("The secretariat", "Le secrétariat"),
    ("Regional organisations", "Les organisations régionales"),
]
MEANS = [
    ("through regional cooperation", "par la coopération régionale"),
    ("with the support of civil society", "avec l'appui de la société civile"),
    ("by training officials", "par la formation des agents"),
    ("in line with international law", "dans le respect du droit international"),
    ("through pilot projects", "par des projets pilotes"),
    ("by exchanging data", "par l'échange de données"),
    ("with local authorities", "avec les autorités locales"),
]
CITIES = {
    "MA": ("Rabat", "Rabat"),
    "SN": ("Dakar", "Dakar"),
    "ES": ("Madrid", "Madrid"),
    "FR": ("Paris", "Paris"),
    "IT": ("Rome", "Rome"),
    "PT": ("Lisbon", "Lisbonne"),
    "BE": ("Brussels", "Bruxelles"),
    "NG": ("Abuja", "Abuja"),
    "GH": ("Accra", "Accra"),
    "CI": ("Abidjan", "Abidjan"),
    "ML": ("Bamako", "Bamako"),
    "BF": ("Ouagadougou", "Ouagadougou"),
    "NE": ("Niamey", "Niamey"),
    "MR": ("Nouakchott", "Nouakchott"),
    "GM": ("Banjul", "Banjul"),
    "CV": ("Praia", "Praia"),
    "TN": ("Tunis", "Tunis"),
    "DZ": ("Algiers", "Alger"),
    "DE": ("Berlin", "Berlin"),
    "NL": ("The Hague", "La Haye"),
    "AT": ("Vienna", "Vienne"),
    "CH": ("Geneva", "Genève"),
    "MT": ("Valletta", "La Valette"),
    "GN": ("Conakry", "Conakry"),
    "CM": ("Yaoundé", "Yaoundé"),
    "GA": ("Libreville", "Libreville"),
    "CG": ("Brazzaville", "Brazzaville"),
    "CD": ("Kinshasa", "Kinshasa"),
    "TD": ("N'Djamena", "N'Djaména"),
    "BJ": ("Cotonou", "Cotonou"),
    "TG": ("Lomé", "Lomé"),
    "SL": ("Freetown", "Freetown"),
    "LR": ("Monrovia", "Monrovia"),
    "SE": ("Stockholm", "Stockholm"),
    "PL": ("Warsaw", "Varsovie"),
    "GR": ("Athens", "Athènes"),
    "LU": ("Luxembourg", "Luxembourg"),
}
KIND_TITLES = {
    Meeting.Kind.MINISTERIAL_CONFERENCE: ("Ministerial conference", "Conférence ministérielle"),
    Meeting.Kind.SENIOR_OFFICIALS_MEETING: (
        "Senior officials' meeting",
        "Réunion des hauts fonctionnaires",
    ),
    Meeting.Kind.STEERING_COMMITTEE: ("Steering committee", "Comité de pilotage"),
    Meeting.Kind.THEMATIC_MEETING: ("Thematic meeting", "Réunion thématique"),
    Meeting.Kind.SPECIAL_EVENT: ("Special event", "Événement spécial"),
    Meeting.Kind.TRAINING: ("Training", "Formation"),
    Meeting.Kind.CONSULTATION: ("Round table", "Table ronde"),
    Meeting.Kind.DRAFTING_COMMITTEE: ("Drafting committee", "Comité de rédaction"),
    Meeting.Kind.WORKSHOP: ("Workshop", "Atelier"),
    Meeting.Kind.WEBINAR: ("Webinar", "Webinaire"),
    Meeting.Kind.RELATED_EVENT: ("Related event", "Événement connexe"),
}
# Thematic meetings and workshops are the bulk of the dialogue's calendar.
KIND_WEIGHTS = {
    Meeting.Kind.MINISTERIAL_CONFERENCE: 1,
    Meeting.Kind.SENIOR_OFFICIALS_MEETING: 3,
    Meeting.Kind.STEERING_COMMITTEE: 8,
    Meeting.Kind.THEMATIC_MEETING: 25,
    Meeting.Kind.SPECIAL_EVENT: 5,
    Meeting.Kind.TRAINING: 12,
    Meeting.Kind.CONSULTATION: 10,
    Meeting.Kind.DRAFTING_COMMITTEE: 2,
    Meeting.Kind.WORKSHOP: 20,
    Meeting.Kind.WEBINAR: 10,
    Meeting.Kind.RELATED_EVENT: 4,
}
REPORT_STATES = [
    ImplementationReport.State.VALIDATED,
    ImplementationReport.State.VALIDATED,
    ImplementationReport.State.VALIDATED,
    ImplementationReport.State.SUBMITTED,
    ImplementationReport.State.DRAFT,
]
