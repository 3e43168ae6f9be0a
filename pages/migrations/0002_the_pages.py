# The six institutional pages, with a first text in each language that the secretariat
# completes in the admin. Written once: later changes are the secretariat's.

from django.db import migrations

NBSP = "\u00a0"

PAGES = {
    "about": {
        "title_en": "About the Rabat Process",
        "title_fr": "À propos du Processus de Rabat",
        "body_en": """The Rabat Process, the Euro-African Dialogue on Migration and Development, was launched in Rabat in July 2006 at the first Euro-African ministerial conference on migration and development.

It brings together partner countries of Europe and of Central, West and North Africa, the European Commission and the ECOWAS Commission, with observers such as the ICRC, IOM, UNHCR and UNODC. ICMPD provides its secretariat.

## How the dialogue works

- **Ministerial conferences** adopt its frameworks, today the Cadiz Action Plan 2023–2027: five domains, ten objectives and twenty-nine actions.
- **Senior officials' meetings** take stock and prepare the next steps; the **chairmanship** rotates between an African and a European partner.
- **The steering committee** follows the dialogue between meetings.
- **Thematic and technical meetings** let partners exchange practices on each domain of the plan.

The meetings, their recommendations and how partners follow them up are on this site.""",
        "body_fr": """Le Processus de Rabat, dialogue euro-africain sur la migration et le développement, a été lancé à Rabat en juillet 2006 lors de la première conférence ministérielle euro-africaine sur la migration et le développement.

Il réunit des pays partenaires d’Europe et d’Afrique centrale, de l’Ouest et du Nord, la Commission européenne et la Commission de la CEDEAO, avec des observateurs comme le CICR, l’OIM, le HCR et l’ONUDC. L’ICMPD en assure le secrétariat.

## Le fonctionnement du dialogue

- **Les conférences ministérielles** adoptent ses cadres, aujourd’hui le plan d’action de Cadix 2023–2027{NBSP}: cinq domaines, dix objectifs et vingt-neuf actions.
- **Les réunions des hauts fonctionnaires** font le point et préparent la suite{NBSP}; la **présidence** alterne entre un partenaire africain et un partenaire européen.
- **Le comité de pilotage** suit le dialogue entre les réunions.
- **Les réunions thématiques et techniques** permettent aux partenaires d’échanger leurs pratiques sur chaque domaine du plan.

Les réunions, leurs recommandations et leur suivi par les partenaires figurent sur ce site.""",
    },
    "contact": {
        "title_en": "Contact the secretariat",
        "title_fr": "Écrire au secrétariat",
        "body_en": """The secretariat of the Rabat Process answers questions about the dialogue, its meetings and its documents, and requests from the press.

National focal points can also reach it from the private area.""",
        "body_fr": """Le secrétariat du Processus de Rabat répond aux questions sur le dialogue, ses réunions et ses documents, ainsi qu’aux demandes de la presse.

Les points focaux nationaux peuvent aussi le joindre depuis l’espace privé.""",
    },
    "legal": {
        "title_en": "Legal notice",
        "title_fr": "Mentions légales",
        "body_en": """## Publisher

This site is published by the secretariat of the Rabat Process on behalf of the partners of the dialogue. To write to it, use the [contact page](/en/contact/).

## Content

The texts of the site may be quoted and reused with mention of their source. The documents of meetings belong to their authors; the data the site publishes are open under the terms of the [open data page](/en/open-data/).

## Links

The site links to other sites, whose content it does not answer for.""",
        "body_fr": """## Éditeur

Ce site est édité par le secrétariat du Processus de Rabat pour le compte des partenaires du dialogue. Pour lui écrire, utilisez la [page de contact](/fr/contact/).

## Contenus

Les textes du site peuvent être cités et réutilisés avec mention de leur source. Les documents des réunions appartiennent à leurs auteurs{NBSP}; les données publiées par le site sont ouvertes aux conditions de la [page des données ouvertes](/fr/donnees-ouvertes/).

## Liens

Le site renvoie vers d’autres sites, dont il ne répond pas du contenu.""",
    },
    "privacy": {
        "title_en": "Privacy",
        "title_fr": "Confidentialité",
        "body_en": """## Visitors

The site uses no cookie to follow visitors and no third-party service: nothing loads from another site. It sets cookies only to keep signed-in people signed in and to protect its forms. The server's logs keep the pages asked for and the addresses that asked, for security, and are deleted as they are rotated.

## The newsletter

To send you the newsletter we keep your e-mail address, the languages and domains you chose, whether you want news notices, the date you asked and the date you confirmed: nothing else, and no account.

Nothing is sent before you confirm from the e-mail we send; an asking not confirmed within seven days is erased. Every e-mail has a link to leave in one click: leaving erases everything we kept about you, including the e-mails sent to you. You can also ask the secretariat to erase it, or to send you what we keep.

## Messages from the contact page

A message reaches the secretariat's mailbox with your name and address, so that it can answer; the platform keeps nothing else of it.

## The private area

Focal points have an account created by the secretariat: name, e-mail address, partner, role and the contact card they fill in, visible to the other focal points and to the secretariat, until the secretariat closes the account. Failed sign-ins are recorded, with their address, to stop attacks on accounts. Changes made to the dialogue's records are kept with their author, as the record's history.""",
        "body_fr": """## Les visiteurs

Le site n’utilise aucun cookie pour suivre les visiteurs ni aucun service tiers{NBSP}: rien ne se charge depuis un autre site. Il ne dépose de cookies que pour garder connectées les personnes qui se sont identifiées et pour protéger ses formulaires. Les journaux du serveur conservent les pages demandées et les adresses qui les ont demandées, pour la sécurité, et sont supprimés au fil de leur rotation.

## La lettre d’information

Pour vous envoyer la lettre, nous conservons votre adresse électronique, les langues et les domaines choisis, votre souhait de recevoir ou non les avis d’actualité, la date de votre demande et celle de votre confirmation{NBSP}: rien d’autre, et aucun compte.

Rien n’est envoyé avant votre confirmation depuis le courriel que nous vous adressons{NBSP}; une demande non confirmée sous sept jours est effacée. Chaque courriel contient un lien pour vous désabonner en un clic{NBSP}: le désabonnement efface tout ce que nous conservions à votre sujet, y compris les courriels qui vous ont été envoyés. Vous pouvez aussi demander au secrétariat de l’effacer ou de vous communiquer ce que nous conservons.

## Les messages de la page de contact

Un message parvient à la boîte du secrétariat avec votre nom et votre adresse, pour qu’il puisse vous répondre{NBSP}; la plateforme n’en garde rien d’autre.

## L’espace privé

Les points focaux disposent d’un compte créé par le secrétariat{NBSP}: nom, adresse électronique, partenaire, rôle et la fiche de contact qu’ils remplissent, visible des autres points focaux et du secrétariat, jusqu’à la fermeture du compte par le secrétariat. Les échecs de connexion sont enregistrés, avec leur adresse, pour arrêter les attaques contre les comptes. Les modifications apportées aux données du dialogue sont conservées avec leur auteur, dans l’historique de chaque fiche.""",
    },
    "accessibility": {
        "title_en": "Accessibility",
        "title_fr": "Accessibilité",
        "body_en": """The secretariat of the Rabat Process is committed to making this site accessible in accordance with Directive (EU) 2016/2102 on the accessibility of the websites of public sector bodies.

## Conformity status

This site is **partially conformant** with the Web Content Accessibility Guidelines (WCAG) 2.1, level AA, because of the content listed below.

## Content that is not accessible

- Documents of meetings held before the platform are published as the partners sent them: some PDF files have no structure for screen readers.
- Some content exists in one language only; it is shown, marked as such, on the pages of the other.

## Preparation of this statement

This statement was prepared on 7 December 2026, from an assessment made by the platform's own team: each page is checked automatically with axe in its tests, on a phone and a computer, in both languages.

## Feedback

If you cannot reach a content or a service, write to the secretariat from the [contact page](/en/contact/): it will send you the content in another form.

## Enforcement procedure

If the answer does not satisfy you, you may turn to the body that oversees the application of the directive in your country.""",
        "body_fr": """Le secrétariat du Processus de Rabat s’engage à rendre ce site accessible conformément à la directive (UE) 2016/2102 relative à l’accessibilité des sites internet des organismes du secteur public.

## État de conformité

Ce site est **partiellement conforme** aux règles pour l’accessibilité des contenus web (WCAG) 2.1, niveau AA, en raison des contenus énumérés ci-dessous.

## Contenus non accessibles

- Les documents des réunions antérieures à la plateforme sont publiés tels que les partenaires les ont transmis{NBSP}: certains fichiers PDF n’ont pas la structure qu’attendent les lecteurs d’écran.
- Certains contenus n’existent que dans une langue{NBSP}; ils sont affichés, signalés comme tels, sur les pages de l’autre.

## Établissement de cette déclaration

Cette déclaration a été établie le 7 décembre 2026 à partir d’une évaluation réalisée par l’équipe de la plateforme{NBSP}: chaque page est vérifiée automatiquement avec axe dans ses tests, sur téléphone et sur ordinateur, dans les deux langues.

## Retour d’information

Si vous ne pouvez pas accéder à un contenu ou à un service, écrivez au secrétariat depuis la [page de contact](/fr/contact/){NBSP}: il vous transmettra le contenu sous une autre forme.

## Voie de recours

Si la réponse ne vous satisfait pas, vous pouvez vous adresser à l’organisme chargé de contrôler l’application de la directive dans votre pays.""",
    },
    "open-data": {
        "title_en": "Open data",
        "title_fr": "Données ouvertes",
        "body_en": """The data this site publishes about the dialogue (meetings, chairs and co-chairs, presidencies, the steering committee, partners, action plans, recommendations and the validated follow-up figures) are open data.

## Licence

They may be reused freely, including commercially, under the **Creative Commons Attribution 4.0 International** licence (CC BY 4.0), with mention of their source, “Rabat Process”, and the date of the extract. Documents of meetings remain their authors'.

## Where to find them

- the public API, documented at [/api/docs/](/api/docs/), with its OpenAPI schema;
- each list of the site as a CSV file, with the list's filters;
- the meetings as a calendar (iCalendar) and as an Atom feed; the news as an Atom feed.""",
        "body_fr": """Les données que ce site publie sur le dialogue (réunions, présidences et coprésidences, présidences tournantes, comité de pilotage, partenaires, plans d’action, recommandations et chiffres de suivi validés) sont des données ouvertes.

## Licence

Elles peuvent être réutilisées librement, y compris à des fins commerciales, sous la licence **Creative Commons Attribution 4.0 International** (CC BY 4.0), avec mention de leur source{NBSP}: «{NBSP}Processus de Rabat{NBSP}», et de la date de l’extraction. Les documents des réunions restent la propriété de leurs auteurs.

## Où les trouver

- l’API publique, documentée à l’adresse [/api/docs/](/api/docs/), avec son schéma OpenAPI{NBSP};
- chaque liste du site en fichier CSV, avec ses filtres{NBSP};
- les réunions en calendrier (iCalendar) et en flux Atom{NBSP}; les actualités en flux Atom.""",
    },
}


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for key, fields in PAGES.items():
        values = {
            name: text.replace("{NBSP}", NBSP) if name.endswith("_fr") else text
            for name, text in fields.items()
        }
        Page.objects.update_or_create(key=key, defaults={**values, "title": values["title_en"], "body": values["body_en"]})


class Migration(migrations.Migration):

    dependencies = [
        ("pages", "0001_pages"),
    ]

    operations = [
        migrations.RunPython(create_pages, migrations.RunPython.noop),
    ]
