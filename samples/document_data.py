"""Tables behind the synthetic sample documents (`samples.documents`): donors as
documents write them, field presences, activity and highlight wording, and the synthetic
series that fill the years no public figure covers.

Everything here is invented except the *names* of States, organizations and UN entities and the
figures of the project's published record, ``samples/data/published_figures.csv`` (checked
against ``../shared/reference`` by the tests). Amounts in this module are synthetic
placeholders, labelled so in ``sources/README.md``. Every string that reaches a PDF must be
encodable in cp1252 (the PDFs use the standard Type 1 fonts); the generator checks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

# --------------------------------------------------------------------------------------------
# Member State donors
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StateDonor:
    iso3: str
    weight: float  # relative size of the yearly contribution to OHCHR
    vftc: float  # relative size of a contribution to the VFTC (0 = never gives)
    upr: float  # relative size of a contribution to the UPR funds (0 = never gives)
    unearmarked: float  # usual unearmarked share of its contribution
    en_formal: str  # UN English name as lists of Member States print it
    en_short: str  # the short form reports also use
    fr: str
    es: str


# Names before a change of the UN name: iso3 -> ((last year of the old name, formal, short), ...)
# (Türkiye from June 2022, "Netherlands (Kingdom of the)" from 2023, North Macedonia from 2019,
# Czechia from 2019 in our documents.)
FORMER_NAMES: Final[Mapping[str, tuple[tuple[int, str, str], ...]]] = {
    "TUR": ((2021, "Turkey", "Turkey"),),
    "NLD": ((2022, "Netherlands", "Netherlands"),),
    "MKD": ((2018, "The former Yugoslav Republic of Macedonia", "Former Yugoslav Republic of Macedonia"),),
    "CZE": ((2018, "Czech Republic", "Czech Republic"),),
}
FORMER_NAMES_FR_ES: Final[Mapping[str, tuple[tuple[int, str, str], ...]]] = {
    "TUR": ((2021, "Turquie", "Turquía"),),
    "CZE": ((2018, "République tchèque", "República Checa"),),
}

# fmt: off
STATE_DONORS: Final[tuple[StateDonor, ...]] = (
    # Western European and others (and the USA, counted there)
    StateDonor("USA", 25.0, 0.0, 0.0, 0.05, "United States of America", "United States",
               "États-Unis d'Amérique", "Estados Unidos de América"),
    StateDonor("SWE", 18.0, 1.2, 0.6, 0.55, "Sweden", "Sweden", "Suède", "Suecia"),
    StateDonor("NOR", 15.0, 1.5, 0.8, 0.50, "Norway", "Norway", "Norvège", "Noruega"),
    StateDonor("NLD", 12.0, 1.0, 0.5, 0.60, "Netherlands (Kingdom of the)", "Netherlands",
               "Pays-Bas", "Países Bajos"),
    StateDonor("GBR", 12.0, 0.8, 0.6, 0.35, "United Kingdom of Great Britain and Northern Ireland",
               "United Kingdom", "Royaume-Uni", "Reino Unido"),
    StateDonor("DEU", 12.0, 1.4, 0.7, 0.30, "Germany", "Germany", "Allemagne", "Alemania"),
    StateDonor("CHE", 10.0, 1.1, 0.9, 0.40, "Switzerland", "Switzerland", "Suisse", "Suiza"),
    StateDonor("DNK", 8.0, 1.0, 0.3, 0.60, "Denmark", "Denmark", "Danemark", "Dinamarca"),
    StateDonor("FIN", 6.0, 0.9, 0.3, 0.60, "Finland", "Finland", "Finlande", "Finlandia"),
    StateDonor("BEL", 6.0, 0.8, 0.5, 0.50, "Belgium", "Belgium", "Belgique", "Bélgica"),
    StateDonor("FRA", 6.0, 0.4, 0.4, 0.40, "France", "France", "France", "Francia"),
    StateDonor("IRL", 5.0, 0.7, 0.4, 0.65, "Ireland", "Ireland", "Irlande", "Irlanda"),
    StateDonor("AUS", 5.0, 0.9, 0.8, 0.30, "Australia", "Australia", "Australie", "Australia"),
    StateDonor("CAN", 5.0, 0.6, 0.5, 0.30, "Canada", "Canada", "Canada", "Canadá"),
    StateDonor("ITA", 3.0, 0.5, 0.2, 0.20, "Italy", "Italy", "Italie", "Italia"),
    StateDonor("ESP", 4.0, 0.6, 0.4, 0.25, "Spain", "Spain", "Espagne", "España"),
    StateDonor("LUX", 2.0, 0.5, 0.2, 0.50, "Luxembourg", "Luxembourg", "Luxembourg", "Luxemburgo"),
    StateDonor("AUT", 1.5, 0.3, 0.2, 0.40, "Austria", "Austria", "Autriche", "Austria"),
    StateDonor("NZL", 1.5, 0.4, 0.4, 0.70, "New Zealand", "New Zealand", "Nouvelle-Zélande",
               "Nueva Zelandia"),
    StateDonor("PRT", 0.5, 0.2, 0.2, 0.60, "Portugal", "Portugal", "Portugal", "Portugal"),
    StateDonor("GRC", 0.2, 0.0, 0.0, 0.80, "Greece", "Greece", "Grèce", "Grecia"),
    StateDonor("ISL", 0.3, 0.1, 0.0, 0.80, "Iceland", "Iceland", "Islande", "Islandia"),
    StateDonor("LIE", 0.3, 0.2, 0.0, 0.70, "Liechtenstein", "Liechtenstein", "Liechtenstein",
               "Liechtenstein"),
    StateDonor("MCO", 0.3, 0.2, 0.1, 0.50, "Monaco", "Monaco", "Monaco", "Mónaco"),
    StateDonor("AND", 0.1, 0.0, 0.0, 1.00, "Andorra", "Andorra", "Andorre", "Andorra"),
    StateDonor("MLT", 0.1, 0.0, 0.0, 1.00, "Malta", "Malta", "Malte", "Malta"),
    StateDonor("CYP", 0.2, 0.1, 0.0, 1.00, "Cyprus", "Cyprus", "Chypre", "Chipre"),
    StateDonor("SMR", 0.05, 0.0, 0.0, 1.00, "San Marino", "San Marino", "Saint-Marin", "San Marino"),
    StateDonor("ISR", 0.2, 0.0, 0.0, 0.50, "Israel", "Israel", "Israël", "Israel"),
    StateDonor("TUR", 0.6, 0.3, 0.3, 0.50, "Türkiye", "Türkiye", "Türkiye", "Türkiye"),
    # Eastern European
    StateDonor("RUS", 2.0, 0.5, 0.3, 0.70, "Russian Federation", "Russia", "Fédération de Russie",
               "Federación de Rusia"),
    StateDonor("POL", 0.5, 0.2, 0.1, 0.50, "Poland", "Poland", "Pologne", "Polonia"),
    StateDonor("CZE", 0.4, 0.2, 0.1, 0.50, "Czechia", "Czechia", "Tchéquie", "Chequia"),
    StateDonor("EST", 0.3, 0.2, 0.0, 0.60, "Estonia", "Estonia", "Estonie", "Estonia"),
    StateDonor("LVA", 0.1, 0.0, 0.0, 1.00, "Latvia", "Latvia", "Lettonie", "Letonia"),
    StateDonor("LTU", 0.2, 0.1, 0.0, 0.80, "Lithuania", "Lithuania", "Lituanie", "Lituania"),
    StateDonor("SVN", 0.2, 0.1, 0.0, 0.80, "Slovenia", "Slovenia", "Slovénie", "Eslovenia"),
    StateDonor("SVK", 0.2, 0.0, 0.0, 0.80, "Slovakia", "Slovakia", "Slovaquie", "Eslovaquia"),
    StateDonor("HUN", 0.3, 0.1, 0.0, 0.60, "Hungary", "Hungary", "Hongrie", "Hungría"),
    StateDonor("BGR", 0.1, 0.0, 0.0, 1.00, "Bulgaria", "Bulgaria", "Bulgarie", "Bulgaria"),
    StateDonor("ROU", 0.2, 0.1, 0.0, 0.80, "Romania", "Romania", "Roumanie", "Rumania"),
    StateDonor("HRV", 0.1, 0.0, 0.0, 1.00, "Croatia", "Croatia", "Croatie", "Croacia"),
    StateDonor("SRB", 0.1, 0.0, 0.0, 1.00, "Serbia", "Serbia", "Serbie", "Serbia"),
    StateDonor("MNE", 0.05, 0.0, 0.0, 1.00, "Montenegro", "Montenegro", "Monténégro", "Montenegro"),
    StateDonor("ALB", 0.03, 0.0, 0.0, 1.00, "Albania", "Albania", "Albanie", "Albania"),
    StateDonor("BIH", 0.03, 0.0, 0.0, 1.00, "Bosnia and Herzegovina", "Bosnia and Herzegovina",
               "Bosnie-Herzégovine", "Bosnia y Herzegovina"),
    StateDonor("MKD", 0.03, 0.0, 0.0, 1.00, "North Macedonia", "North Macedonia",
               "Macédoine du Nord", "Macedonia del Norte"),
    StateDonor("GEO", 0.05, 0.0, 0.0, 1.00, "Georgia", "Georgia", "Géorgie", "Georgia"),
    StateDonor("ARM", 0.05, 0.0, 0.0, 1.00, "Armenia", "Armenia", "Arménie", "Armenia"),
    StateDonor("AZE", 0.1, 0.1, 0.0, 1.00, "Azerbaijan", "Azerbaijan", "Azerbaïdjan", "Azerbaiyán"),
    StateDonor("MDA", 0.03, 0.0, 0.0, 1.00, "Republic of Moldova", "Moldova",
               "République de Moldova", "República de Moldova"),
    StateDonor("UKR", 0.05, 0.0, 0.0, 1.00, "Ukraine", "Ukraine", "Ukraine", "Ucrania"),
    # Asia-Pacific
    StateDonor("JPN", 4.0, 0.6, 0.5, 0.20, "Japan", "Japan", "Japon", "Japón"),
    StateDonor("KOR", 3.0, 0.7, 0.6, 0.30, "Republic of Korea", "Korea, Republic of",
               "République de Corée", "República de Corea"),
    StateDonor("SAU", 3.0, 0.6, 0.3, 0.30, "Saudi Arabia", "Saudi Arabia", "Arabie saoudite",
               "Arabia Saudita"),
    StateDonor("QAT", 2.0, 0.8, 0.4, 0.40, "Qatar", "Qatar", "Qatar", "Qatar"),
    StateDonor("KWT", 1.0, 0.3, 0.2, 0.60, "Kuwait", "Kuwait", "Koweït", "Kuwait"),
    StateDonor("ARE", 1.5, 0.3, 0.2, 0.50, "United Arab Emirates", "United Arab Emirates",
               "Émirats arabes unis", "Emiratos Árabes Unidos"),
    StateDonor("CHN", 1.5, 0.5, 0.4, 0.80, "China", "China", "Chine", "China"),
    StateDonor("IND", 0.3, 0.2, 0.0, 1.00, "India", "India", "Inde", "India"),
    StateDonor("KAZ", 0.3, 0.3, 0.1, 0.80, "Kazakhstan", "Kazakhstan", "Kazakhstan", "Kazajstán"),
    StateDonor("THA", 0.3, 0.4, 0.2, 0.80, "Thailand", "Thailand", "Thaïlande", "Tailandia"),
    StateDonor("IDN", 0.2, 0.2, 0.1, 0.80, "Indonesia", "Indonesia", "Indonésie", "Indonesia"),
    StateDonor("PHL", 0.1, 0.1, 0.0, 1.00, "Philippines", "Philippines", "Philippines", "Filipinas"),
    StateDonor("SGP", 0.2, 0.1, 0.0, 1.00, "Singapore", "Singapore", "Singapour", "Singapur"),
    StateDonor("PAK", 0.1, 0.1, 0.0, 1.00, "Pakistan", "Pakistan", "Pakistan", "Pakistán"),
    StateDonor("BGD", 0.05, 0.0, 0.0, 1.00, "Bangladesh", "Bangladesh", "Bangladesh", "Bangladesh"),
    StateDonor("OMN", 0.2, 0.1, 0.0, 0.80, "Oman", "Oman", "Oman", "Omán"),
    StateDonor("BHR", 0.1, 0.0, 0.0, 1.00, "Bahrain", "Bahrain", "Bahreïn", "Bahrein"),
    StateDonor("LKA", 0.05, 0.0, 0.0, 1.00, "Sri Lanka", "Sri Lanka", "Sri Lanka", "Sri Lanka"),
    StateDonor("MNG", 0.03, 0.0, 0.0, 1.00, "Mongolia", "Mongolia", "Mongolie", "Mongolia"),
    StateDonor("MYS", 0.1, 0.1, 0.0, 1.00, "Malaysia", "Malaysia", "Malaisie", "Malasia"),
    StateDonor("MDV", 0.03, 0.0, 0.0, 1.00, "Maldives", "Maldives", "Maldives", "Maldivas"),
    StateDonor("FJI", 0.03, 0.0, 0.0, 1.00, "Fiji", "Fiji", "Fidji", "Fiji"),
    StateDonor("VNM", 0.03, 0.0, 0.0, 1.00, "Viet Nam", "Viet Nam", "Viet Nam", "Viet Nam"),
    StateDonor("NPL", 0.02, 0.0, 0.0, 1.00, "Nepal", "Nepal", "Népal", "Nepal"),
    StateDonor("BTN", 0.02, 0.0, 0.0, 1.00, "Bhutan", "Bhutan", "Bhoutan", "Bhután"),
    StateDonor("JOR", 0.03, 0.0, 0.0, 1.00, "Jordan", "Jordan", "Jordanie", "Jordania"),
    StateDonor("LBN", 0.02, 0.0, 0.0, 1.00, "Lebanon", "Lebanon", "Liban", "Líbano"),
    # Latin American and Caribbean
    StateDonor("MEX", 0.6, 0.3, 0.2, 0.60, "Mexico", "Mexico", "Mexique", "México"),
    StateDonor("BRA", 0.4, 0.2, 0.1, 0.70, "Brazil", "Brazil", "Brésil", "Brasil"),
    StateDonor("ARG", 0.3, 0.2, 0.1, 0.80, "Argentina", "Argentina", "Argentine", "Argentina"),
    StateDonor("CHL", 0.3, 0.2, 0.1, 0.80, "Chile", "Chile", "Chili", "Chile"),
    StateDonor("COL", 0.2, 0.1, 0.0, 0.60, "Colombia", "Colombia", "Colombie", "Colombia"),
    StateDonor("PER", 0.1, 0.1, 0.0, 1.00, "Peru", "Peru", "Pérou", "Perú"),
    StateDonor("URY", 0.1, 0.1, 0.0, 1.00, "Uruguay", "Uruguay", "Uruguay", "Uruguay"),
    StateDonor("PAN", 0.2, 0.1, 0.0, 1.00, "Panama", "Panama", "Panama", "Panamá"),
    StateDonor("CRI", 0.1, 0.0, 0.0, 1.00, "Costa Rica", "Costa Rica", "Costa Rica", "Costa Rica"),
    StateDonor("PRY", 0.05, 0.0, 0.0, 1.00, "Paraguay", "Paraguay", "Paraguay", "Paraguay"),
    StateDonor("ECU", 0.05, 0.0, 0.0, 1.00, "Ecuador", "Ecuador", "Équateur", "Ecuador"),
    StateDonor("GTM", 0.05, 0.0, 0.0, 1.00, "Guatemala", "Guatemala", "Guatemala", "Guatemala"),
    StateDonor("DOM", 0.03, 0.0, 0.0, 1.00, "Dominican Republic", "Dominican Republic",
               "République dominicaine", "República Dominicana"),
    StateDonor("HND", 0.02, 0.0, 0.0, 1.00, "Honduras", "Honduras", "Honduras", "Honduras"),
    StateDonor("SLV", 0.02, 0.0, 0.0, 1.00, "El Salvador", "El Salvador", "El Salvador",
               "El Salvador"),
    StateDonor("BOL", 0.03, 0.0, 0.0, 1.00, "Bolivia (Plurinational State of)", "Bolivia",
               "Bolivie (État plurinational de)", "Bolivia (Estado Plurinacional de)"),
    # African
    StateDonor("MAR", 0.3, 0.3, 0.2, 0.80, "Morocco", "Morocco", "Maroc", "Marruecos"),
    StateDonor("DZA", 0.2, 0.1, 0.0, 1.00, "Algeria", "Algeria", "Algérie", "Argelia"),
    StateDonor("EGY", 0.1, 0.1, 0.0, 1.00, "Egypt", "Egypt", "Égypte", "Egipto"),
    StateDonor("NGA", 0.1, 0.1, 0.1, 1.00, "Nigeria", "Nigeria", "Nigéria", "Nigeria"),
    StateDonor("ZAF", 0.2, 0.1, 0.1, 1.00, "South Africa", "South Africa", "Afrique du Sud",
               "Sudáfrica"),
    StateDonor("KEN", 0.05, 0.0, 0.0, 1.00, "Kenya", "Kenya", "Kenya", "Kenya"),
    StateDonor("SEN", 0.05, 0.0, 0.0, 1.00, "Senegal", "Senegal", "Sénégal", "Senegal"),
    StateDonor("CIV", 0.05, 0.0, 0.0, 1.00, "Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire",
               "Côte d'Ivoire"),
    StateDonor("MUS", 0.05, 0.0, 0.0, 1.00, "Mauritius", "Mauritius", "Maurice", "Mauricio"),
    StateDonor("BWA", 0.03, 0.0, 0.0, 1.00, "Botswana", "Botswana", "Botswana", "Botswana"),
    StateDonor("GHA", 0.03, 0.0, 0.0, 1.00, "Ghana", "Ghana", "Ghana", "Ghana"),
    StateDonor("TUN", 0.03, 0.0, 0.0, 1.00, "Tunisia", "Tunisia", "Tunisie", "Túnez"),
    StateDonor("RWA", 0.03, 0.0, 0.0, 1.00, "Rwanda", "Rwanda", "Rwanda", "Rwanda"),
)
# fmt: on

# --------------------------------------------------------------------------------------------
# Non-State donors (seed: dbt_project/seeds/reference/donors.csv and donor_labels.csv)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NonStateDonor:
    code: str
    name: str  # the name the seed records (donors.csv donor_name)
    kind: str  # intergovernmental, un_entity, foundation, private (for the donor table groups)
    weight: float
    unearmarked: float
    # label -> language, every label documents use; the first English one is the usual one.
    labels: tuple[tuple[str, str], ...]


# fmt: off
NON_STATE_DONORS: Final[tuple[NonStateDonor, ...]] = (
    NonStateDonor("EC", "European Commission", "intergovernmental", 22.0, 0.0, (
        ("European Commission", "en"), ("European Union", "en"),
        ("Commission européenne", "fr"), ("Comisión Europea", "es"))),
    NonStateDonor("OIF", "International Organisation of La Francophonie", "intergovernmental",
                  0.3, 0.0, (
        ("International Organisation of La Francophonie", "en"), ("OIF", "en"),
        ("Organisation internationale de la Francophonie", "fr"),
        ("Organización Internacional de la Francofonía", "es"))),
    NonStateDonor("COE", "Council of Europe", "intergovernmental", 0.2, 0.0, (
        ("Council of Europe", "en"), ("Conseil de l'Europe", "fr"), ("Consejo de Europa", "es"))),
    NonStateDonor("UNDP", "United Nations Development Programme", "un_entity", 3.0, 0.0, (
        ("UNDP", "en"), ("United Nations Development Programme", "en"),
        ("Programme des Nations Unies pour le développement", "fr"),
        ("Programa de las Naciones Unidas para el Desarrollo", "es"))),
    NonStateDonor("UNFPA", "United Nations Population Fund", "un_entity", 0.6, 0.0, (
        ("UNFPA", "en"), ("United Nations Population Fund", "en"),
        ("Fonds des Nations Unies pour la population", "fr"),
        ("Fondo de Población de las Naciones Unidas", "es"))),
    NonStateDonor("UNICEF", "United Nations Children's Fund", "un_entity", 0.7, 0.0, (
        ("UNICEF", "en"), ("United Nations Children's Fund", "en"),
        ("Fonds des Nations Unies pour l'enfance", "fr"),
        ("Fondo de las Naciones Unidas para la Infancia", "es"))),
    NonStateDonor("UNWOMEN", "United Nations Entity for Gender Equality and the Empowerment of Women",
                  "un_entity", 0.6, 0.0, (
        ("UN Women", "en"),
        ("United Nations Entity for Gender Equality and the Empowerment of Women", "en"),
        ("ONU-Femmes", "fr"), ("ONU-Mujeres", "es"))),
    NonStateDonor("UNHCR", "Office of the United Nations High Commissioner for Refugees", "un_entity",
                  0.4, 0.0, (
        ("UNHCR", "en"), ("Office of the United Nations High Commissioner for Refugees", "en"),
        ("Haut-Commissariat des Nations Unies pour les réfugiés", "fr"),
        ("ACNUR", "es"))),
    NonStateDonor("UNOPS", "United Nations Office for Project Services", "un_entity", 0.5, 0.0, (
        ("UNOPS", "en"), ("United Nations Office for Project Services", "en"),
        ("Bureau des Nations Unies pour les services d'appui aux projets", "fr"))),
    NonStateDonor("UNAIDS", "Joint United Nations Programme on HIV/AIDS", "un_entity", 0.2, 0.0, (
        ("UNAIDS", "en"), ("Joint United Nations Programme on HIV/AIDS", "en"),
        ("ONUSIDA", "es"))),
    NonStateDonor("UNESCO", "United Nations Educational, Scientific and Cultural Organization",
                  "un_entity", 0.2, 0.0, (
        ("UNESCO", "en"),
        ("United Nations Educational, Scientific and Cultural Organization", "en"))),
    NonStateDonor("ILO", "International Labour Organization", "un_entity", 0.3, 0.0, (
        ("ILO", "en"), ("International Labour Organization", "en"),
        ("Organisation internationale du Travail", "fr"),
        ("Organización Internacional del Trabajo", "es"))),
    NonStateDonor("IOM", "International Organization for Migration", "un_entity", 0.3, 0.0, (
        ("IOM", "en"), ("International Organization for Migration", "en"),
        ("Organisation internationale pour les migrations", "fr"),
        ("Organización Internacional para las Migraciones", "es"))),
    NonStateDonor("UNODC", "United Nations Office on Drugs and Crime", "un_entity", 0.3, 0.0, (
        ("UNODC", "en"), ("United Nations Office on Drugs and Crime", "en"),
        ("Office des Nations Unies contre la drogue et le crime", "fr"))),
    NonStateDonor("PBF", "United Nations Peacebuilding Fund", "un_entity", 2.0, 0.0, (
        ("United Nations Peacebuilding Fund", "en"), ("Peacebuilding Fund", "en"),
        ("Fonds pour la consolidation de la paix", "fr"),
        ("Fondo para la Consolidación de la Paz", "es"))),
    NonStateDonor("MPTFO", "Multi-Partner Trust Fund Office", "un_entity", 1.5, 0.0, (
        ("Multi-Partner Trust Fund Office", "en"), ("MPTF Office", "en"),
        ("Bureau des fonds d'affectation spéciale pluripartenaires", "fr"))),
    NonStateDonor("UNTFHS", "United Nations Trust Fund for Human Security", "un_entity", 0.3, 0.0, (
        ("United Nations Trust Fund for Human Security", "en"), ("UNTFHS", "en"))),
    NonStateDonor("UNDEF", "United Nations Democracy Fund", "un_entity", 0.2, 0.0, (
        ("United Nations Democracy Fund", "en"), ("UNDEF", "en"),
        ("Fonds des Nations Unies pour la démocratie", "fr"))),
    NonStateDonor("UNPRPD", "UN Partnership on the Rights of Persons with Disabilities", "un_entity",
                  0.2, 0.0, (
        ("UN Partnership on the Rights of Persons with Disabilities", "en"), ("UNPRPD", "en"))),
    NonStateDonor("SPOTLIGHT", "Spotlight Initiative", "un_entity", 0.3, 0.0, (
        ("Spotlight Initiative", "en"), ("Initiative Spotlight", "fr"),
        ("Iniciativa Spotlight", "es"))),
    NonStateDonor("WB", "World Bank", "intergovernmental", 0.4, 0.0, (
        ("World Bank", "en"), ("Banque mondiale", "fr"), ("Banco Mundial", "es"))),
    NonStateDonor("FORD", "Ford Foundation", "foundation", 0.4, 0.2, (
        ("Ford Foundation", "en"), ("Fondation Ford", "fr"), ("Fundación Ford", "es"))),
    NonStateDonor("OSF", "Open Society Foundations", "foundation", 0.4, 0.2, (
        ("Open Society Foundations", "en"), ("Fondations Open Society", "fr"))),
    NonStateDonor("MACARTHUR", "John D. and Catherine T. MacArthur Foundation", "foundation",
                  0.3, 0.0, (
        ("John D. and Catherine T. MacArthur Foundation", "en"), ("MacArthur Foundation", "en"))),
    NonStateDonor("OAK", "Oak Foundation", "foundation", 0.3, 0.3, (
        ("Oak Foundation", "en"), ("Fondation Oak", "fr"))),
    NonStateDonor("SRT", "Sigrid Rausing Trust", "foundation", 0.2, 0.5, (
        ("Sigrid Rausing Trust", "en"),)),
    NonStateDonor("WELLSPRING", "Wellspring Philanthropic Fund", "foundation", 0.3, 0.0, (
        ("Wellspring Philanthropic Fund", "en"),)),
    NonStateDonor("ARCUS", "Arcus Foundation", "foundation", 0.2, 0.0, (
        ("Arcus Foundation", "en"),)),
    NonStateDonor("BOTNAR", "Fondation Botnar", "foundation", 0.2, 0.0, (
        ("Fondation Botnar", "fr"), ("Botnar Foundation", "en"))),
    NonStateDonor("HUMANITY_UNITED", "Humanity United", "foundation", 0.1, 0.0, (
        ("Humanity United", "en"),)),
    NonStateDonor("UNFCU", "UNFCU Foundation", "foundation", 0.05, 1.0, (
        ("UNFCU Foundation", "en"), ("United Nations Federal Credit Union Foundation", "en"))),
    NonStateDonor("RBF", "Rockefeller Brothers Fund", "foundation", 0.1, 0.0, (
        ("Rockefeller Brothers Fund", "en"),)),
    NonStateDonor("MOTT", "Charles Stewart Mott Foundation", "foundation", 0.1, 0.0, (
        ("Charles Stewart Mott Foundation", "en"), ("Mott Foundation", "en"))),
    NonStateDonor("PRIVATE", "Private donors", "private", 0.15, 1.0, (
        ("Private donors", "en"), ("Individual donors", "en"), ("Donateurs privés", "fr"),
        ("Donantes privados", "es"))),
    NonStateDonor("ANONYMOUS", "Anonymous donors", "private", 0.05, 1.0, (
        ("Anonymous donors", "en"), ("Anonymous donor", "en"), ("Donateurs anonymes", "fr"))),
)
# fmt: on

# The donor table's groups: the five UN regional groups, then non-State donors.
REGIONAL_GROUP_ORDER: Final = (
    "Western European and others",
    "Eastern European",
    "Asia-Pacific",
    "Latin American and Caribbean",
    "African",
)
GROUP_LABELS: Final[Mapping[str, str]] = {
    "Western European and others": "Western European and other States",
    "Eastern European": "Eastern European States",
    "Asia-Pacific": "Asia-Pacific States",
    "Latin American and Caribbean": "Latin American and Caribbean States",
    "African": "African States",
    "non_state": "non-State donors",
}

# --------------------------------------------------------------------------------------------
# Field presences (names as the annual reports print them)
# --------------------------------------------------------------------------------------------

COUNTRY_OFFICE: Final = "Country office"
REGIONAL_OFFICE: Final = "Regional office"
ADVISER: Final = "Human rights adviser"
PEACE_MISSION: Final = "Peace mission component"
PRESENCE_TYPES: Final = (COUNTRY_OFFICE, REGIONAL_OFFICE, ADVISER, PEACE_MISSION)

AFRICA, AMERICAS, ASIA, EUROPE, MENA = (
    "Africa",
    "Americas",
    "Asia and the Pacific",
    "Europe and Central Asia",
    "Middle East and North Africa",
)
OHCHR_REGIONS: Final = (AFRICA, AMERICAS, ASIA, EUROPE, MENA)
# Request-log region codes (samples.request_logs.STATES) -> OHCHR region.
# fmt: off
REGION_OF_CODE: Final[Mapping[str, str]] = {
    "EAF": AFRICA, "WAF": AFRICA, "CAF": AFRICA, "SAF": AFRICA, "SAM": AMERICAS,
    "CAM": AMERICAS, "SEA": ASIA, "SAS": ASIA, "PAC": ASIA, "CAS": EUROPE, "EUR": EUROPE,
    "MENA": MENA,
}
# fmt: on


@dataclass(frozen=True)
class Presence:
    name: str
    iso3: str | None  # None for a regional office
    type: str
    region: str
    first_year: int
    last_year: int
    size: float  # relative expenditure


# fmt: off
FIELD_PRESENCES: Final[tuple[Presence, ...]] = (
    # Regional offices (no country)
    Presence("Regional Office for East Africa (Addis Ababa)", None, REGIONAL_OFFICE, AFRICA,
             2012, 2025, 1.0),
    Presence("Regional Office for West Africa (Dakar)", None, REGIONAL_OFFICE, AFRICA,
             2012, 2025, 1.0),
    Presence("Regional Office for Southern Africa", None, REGIONAL_OFFICE, AFRICA,
             2012, 2025, 0.8),
    Presence("Regional Centre for Central Africa (Yaoundé)", None, REGIONAL_OFFICE, AFRICA,
             2012, 2025, 0.8),
    Presence("Regional Office for South America (Santiago)", None, REGIONAL_OFFICE, AMERICAS,
             2012, 2025, 0.9),
    Presence("Regional Office for Central America (Panama)", None, REGIONAL_OFFICE,
             AMERICAS, 2012, 2025, 0.9),
    Presence("Regional Office for South-East Asia (Bangkok)", None, REGIONAL_OFFICE, ASIA,
             2012, 2025, 1.0),
    Presence("Regional Office for the Pacific (Suva)", None, REGIONAL_OFFICE, ASIA, 2012, 2025, 0.7),
    Presence("Regional Office for Central Asia (Bishkek)", None, REGIONAL_OFFICE, EUROPE,
             2012, 2025, 0.7),
    Presence("Regional Office for Europe (Brussels)", None, REGIONAL_OFFICE, EUROPE, 2012, 2025, 0.6),
    Presence("Regional Office for the Middle East (Beirut)", None, REGIONAL_OFFICE, MENA,
             2012, 2025, 1.0),
    # Country offices
    Presence("OHCHR Country Office in Colombia", "COL", COUNTRY_OFFICE, AMERICAS, 2012, 2025, 4.0),
    Presence("OHCHR Country Office in Guatemala", "GTM", COUNTRY_OFFICE, AMERICAS, 2012, 2025, 2.0),
    Presence("OHCHR Country Office in Honduras", "HND", COUNTRY_OFFICE, AMERICAS, 2016, 2025, 1.6),
    Presence("OHCHR Country Office in Mexico", "MEX", COUNTRY_OFFICE, AMERICAS, 2012, 2025, 2.0),
    Presence("OHCHR Country Office in Bolivia", "BOL", COUNTRY_OFFICE, AMERICAS, 2012, 2017, 1.2),
    Presence("OHCHR Office in Venezuela", "VEN", COUNTRY_OFFICE, AMERICAS, 2019, 2025, 1.4),
    Presence("OHCHR Country Office in Cambodia", "KHM", COUNTRY_OFFICE, ASIA, 2012, 2025, 1.5),
    Presence("OHCHR Country Office in Tunisia", "TUN", COUNTRY_OFFICE, MENA, 2012, 2025, 1.3),
    Presence("OHCHR Office in the State of Palestine", "PSE", COUNTRY_OFFICE, MENA, 2012, 2025, 1.8),
    Presence("OHCHR Country Office in Yemen", "YEM", COUNTRY_OFFICE, MENA, 2012, 2025, 1.5),
    Presence("OHCHR Syria Office (Beirut)", "SYR", COUNTRY_OFFICE, MENA, 2014, 2025, 1.2),
    Presence("OHCHR Country Office in Uganda", "UGA", COUNTRY_OFFICE, AFRICA, 2012, 2022, 1.4),
    Presence("OHCHR Country Office in Guinea", "GIN", COUNTRY_OFFICE, AFRICA, 2012, 2025, 1.2),
    Presence("OHCHR Country Office in Chad", "TCD", COUNTRY_OFFICE, AFRICA, 2018, 2025, 1.0),
    Presence("OHCHR Country Office in Burkina Faso", "BFA", COUNTRY_OFFICE, AFRICA, 2021, 2025, 1.0),
    Presence("OHCHR Country Office in Niger", "NER", COUNTRY_OFFICE, AFRICA, 2021, 2025, 0.9),
    Presence("OHCHR Country Office in Liberia", "LBR", COUNTRY_OFFICE, AFRICA, 2018, 2025, 0.9),
    Presence("OHCHR Country Office in Mauritania", "MRT", COUNTRY_OFFICE, AFRICA, 2014, 2025, 0.8),
    Presence("OHCHR Country Office in Sudan", "SDN", COUNTRY_OFFICE, AFRICA, 2021, 2025, 1.3),
    Presence("Human Rights Monitoring Mission in Ukraine", "UKR", COUNTRY_OFFICE, EUROPE,
             2014, 2025, 2.5),
    # Components of peace missions and political missions
    Presence("UN Joint Human Rights Office in the DRC", "COD", PEACE_MISSION, AFRICA, 2012, 2025, 3.0),
    Presence("Human Rights Service, UNAMA", "AFG", PEACE_MISSION, ASIA, 2012, 2025, 2.0),
    Presence("Human Rights Division, UNMISS", "SSD", PEACE_MISSION, AFRICA, 2012, 2025, 2.0),
    Presence("Human Rights Division, MINUSMA", "MLI", PEACE_MISSION, AFRICA, 2013, 2023, 1.8),
    Presence("Human Rights Division, MINUSCA", "CAF", PEACE_MISSION, AFRICA, 2014, 2025, 1.6),
    Presence("Human Rights Section, MINUSTAH", "HTI", PEACE_MISSION, AMERICAS, 2012, 2018, 1.2),
    Presence("Human Rights Service, BINUH", "HTI", PEACE_MISSION, AMERICAS, 2019, 2025, 1.2),
    Presence("Human Rights Service, UNSMIL", "LBY", PEACE_MISSION, MENA, 2012, 2025, 1.0),
    Presence("Human Rights Office, UNAMI", "IRQ", PEACE_MISSION, MENA, 2012, 2025, 1.1),
    Presence("Human Rights and Protection Group, UNSOM", "SOM", PEACE_MISSION, AFRICA,
             2013, 2025, 1.1),
    Presence("Human Rights Division, ONUCI", "CIV", PEACE_MISSION, AFRICA, 2012, 2017, 1.4),
    Presence("Human Rights Section, UNAMID", "SDN", PEACE_MISSION, AFRICA, 2012, 2020, 1.0),
    # Human rights advisers to UN country teams
    Presence("Human Rights Adviser in Kenya", "KEN", ADVISER, AFRICA, 2012, 2025, 0.5),
    Presence("Human Rights Adviser in Côte d'Ivoire", "CIV", ADVISER, AFRICA, 2018, 2025, 0.5),
    Presence("Human Rights Adviser in Moldova", "MDA", ADVISER, EUROPE,
             2012, 2025, 0.4),
    Presence("Human Rights Adviser in Georgia", "GEO", ADVISER, EUROPE, 2013, 2025, 0.4),
    Presence("Human Rights Adviser in Ecuador", "ECU", ADVISER, AMERICAS, 2012, 2025, 0.4),
    Presence("Human Rights Adviser in Paraguay", "PRY", ADVISER, AMERICAS, 2012, 2025, 0.4),
    Presence("Human Rights Adviser in Sri Lanka", "LKA", ADVISER, ASIA, 2012, 2025, 0.4),
    Presence("Human Rights Adviser in Timor-Leste", "TLS", ADVISER, ASIA, 2013, 2025, 0.4),
    Presence("Human Rights Adviser in Papua New Guinea", "PNG", ADVISER, ASIA, 2012, 2025, 0.3),
    Presence("Human Rights Adviser in Madagascar", "MDG", ADVISER, AFRICA, 2012, 2025, 0.3),
    Presence("Human Rights Adviser in Rwanda", "RWA", ADVISER, AFRICA, 2012, 2025, 0.3),
    Presence("Human Rights Adviser in Sierra Leone", "SLE", ADVISER, AFRICA, 2014, 2025, 0.3),
    Presence("Human Rights Adviser in Nepal", "NPL", ADVISER, ASIA, 2012, 2025, 0.3),
    Presence("Human Rights Adviser in Armenia", "ARM", ADVISER, EUROPE, 2019, 2025, 0.3),
    Presence("Human Rights Adviser in the Philippines", "PHL", ADVISER, ASIA, 2021, 2025, 0.3),
)
# fmt: on

# Request-log region code -> the regional office that covers it (SAS has none: headquarters).
REGIONAL_OFFICE_OF_CODE: Final[Mapping[str, str]] = {
    "EAF": "Regional Office for East Africa (Addis Ababa)",
    "WAF": "Regional Office for West Africa (Dakar)",
    "SAF": "Regional Office for Southern Africa",
    "CAF": "Regional Centre for Central Africa (Yaoundé)",
    "SAM": "Regional Office for South America (Santiago)",
    "CAM": "Regional Office for Central America (Panama)",
    "SEA": "Regional Office for South-East Asia (Bangkok)",
    "PAC": "Regional Office for the Pacific (Suva)",
    "CAS": "Regional Office for Central Asia (Bishkek)",
    "EUR": "Regional Office for Europe (Brussels)",
    "MENA": "Regional Office for the Middle East (Beirut)",
}

HEADQUARTERS_PROVIDER: Final = "OHCHR headquarters"
# Other UN entities that deliver activities with OHCHR; every one is a label of donor_labels.csv,
# so a parser can tell provider_type un_entity by looking the name up there.
UN_ENTITY_PROVIDERS: Final = (
    "UNDP",
    "UN Women",
    "UNICEF",
    "UNFPA",
    "UNHCR",
    "IOM",
    "UNODC",
    "ILO",
    "UNESCO",
)

# --------------------------------------------------------------------------------------------
# Technical cooperation activities
# --------------------------------------------------------------------------------------------

ACTIVITY_TYPES: Final = (
    "Training",
    "Advisory services",
    "Workshop",
    "Legislative review",
    "Technical assistance",
    "Study visit",
    "Monitoring support",
    "Consultation",
    "Awareness campaign",
    "Expert meeting",
)

PARTNERS: Final = (
    "Ministry of Justice",
    "Ministry of Foreign Affairs",
    "Ministry of the Interior",
    "National Human Rights Commission",
    "Office of the Ombudsperson",
    "Parliament",
    "Supreme Court",
    "Judicial training institute",
    "Police academy",
    "Prison administration",
    "National statistics office",
    "Civil society coalition",
    "Bar association",
    "Ministry of Labour",
    "Ministry of Women's Affairs",
    "National preventive mechanism",
    "Electoral commission",
    "Ministry of Education",
    "Local authorities",
    "Indigenous peoples' organizations",
    "Journalists' association",
    "Ministry of Health",
    "Inter-ministerial committee",
)

# thematic_area_code -> activity titles (short enough for one table line).
# fmt: off
ACTIVITY_TITLES: Final[Mapping[str, tuple[str, ...]]] = {
    "rule_of_law": ("Training of judges on fair trial standards",
                    "Review of the draft criminal procedure code",
                    "Support to the judicial training institute",
                    "Legal aid for pretrial detainees",
                    "Case management for prosecutors"),
    "nhri": ("Accreditation support for the NHRI",
             "Strategic plan of the national institution",
             "Complaint handling procedures of the NHRI",
             "Review of the draft law on the NHRI",
             "Monitoring skills of NHRI staff"),
    "treaty_reporting": ("Support to the national reporting mechanism",
                         "Drafting of the overdue CEDAW report",
                         "Follow-up tracking database",
                         "Common core document preparation",
                         "Training on treaty body reporting"),
    "upr_implementation": ("National UPR implementation plan",
                           "Costing of accepted UPR recommendations",
                           "Mid-term UPR report preparation",
                           "UPR follow-up with parliament",
                           "Civil society consultation on the UPR"),
    "education_training": ("Human rights curriculum for police cadets",
                           "Training of trainers for civil servants",
                           "Human rights education in schools",
                           "Training of prison officers",
                           "E-learning course for officials"),
    "gender_equality": ("Review of laws on gender-based violence",
                        "Women's political participation forum",
                        "Support to survivors of sexual violence",
                        "Gender-responsive budgeting workshop",
                        "Shelter standards for women"),
    "non_discrimination": ("Anti-discrimination law review",
                           "Dialogue with minority communities",
                           "Disability-inclusive policies",
                           "Consultation with indigenous peoples",
                           "Hate speech monitoring"),
    "civic_space": ("Protection of human rights defenders",
                    "Media freedom and safety of journalists",
                    "Policing of assemblies training",
                    "Review of the law on associations",
                    "Online civic space dialogue"),
    "esc_rights": ("Rights-based approach to the SDGs",
                   "Right to health indicators",
                   "Housing rights in urban planning",
                   "Social protection and human rights",
                   "Right to food policy review"),
    "migration": ("Human rights at borders training",
                  "Alternatives to immigration detention",
                  "Protection of migrant workers",
                  "Migration governance dialogue"),
    "torture_prevention": ("Establishment of the NPM",
                           "Detention monitoring visits",
                           "Investigation of torture allegations",
                           "Istanbul Protocol training"),
    "transitional_justice": ("Support to the truth commission",
                             "Reparations programme design",
                             "Search for disappeared persons",
                             "Memorialization initiatives"),
    "business_human_rights": ("National action plan on business",
                              "Human rights due diligence training",
                              "Dialogue with extractive companies"),
    "indicators_data": ("Human rights indicators framework",
                        "Disaggregated data for SDG 16",
                        "Statistics office data workshop"),
}
# fmt: on

# --------------------------------------------------------------------------------------------
# Highlights (success stories, best practices, challenges)
# --------------------------------------------------------------------------------------------

# kind -> (title template, body templates). Placeholders: {country}, {area}, {partner}, {n},
# {year}. Invented text: no real event is described.
# fmt: off
HIGHLIGHT_TEMPLATES: Final[Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "success_story": (
        ("{partner} adopts a plan on {area}",
         "New guidelines on {area} take effect",
         "{n} officials complete a certified course",
         "Law reform on {area} passes first reading"),
        ("Following two years of technical cooperation with the Office, the {partner} of "
         "{country} adopted a plan on {area} in {year}. The plan sets out {n} measures with "
         "budgets and responsible institutions, and a monitoring framework agreed with civil "
         "society organizations.",
         "With advice from the Office, national counterparts in {country} drafted and adopted "
         "guidelines on {area}. {n} officials took part in the consultations, and the guidelines "
         "were published and disseminated to all regions before the end of {year}.",
         "In {year}, {n} officials in {country} completed a training programme on {area} "
         "developed with the {partner}. Follow-up assessments showed a marked improvement in "
         "the handling of cases and in the quality of reports."),
    ),
    "best_practice": (
        ("Joint monitoring of {area} commitments",
         "A shared database of recommendations",
         "Peer exchange between national institutions",
         "Community consultations before drafting"),
        ("The {partner} of {country} and the United Nations country team set up joint monitoring "
         "of commitments on {area}. Quarterly reviews allowed the authorities to track {n} "
         "recommendations and to report on them to international mechanisms.",
         "Authorities in {country} consulted affected communities before drafting measures on "
         "{area}. The practice, supported by the Office in {year}, produced a text that "
         "addressed {n} concerns raised during the consultations.",
         "A tracking database of recommendations, maintained by the {partner} in {country}, "
         "links each recommendation on {area} to an institution and a deadline; {n} entries "
         "were updated during {year}."),
    ),
    "challenge": (
        ("Funding gaps delay work on {area}",
         "Limited access to places of detention",
         "Delays in the adoption of legislation",
         "Staff turnover slows implementation"),
        ("Work on {area} in {country} was delayed in {year} because voluntary funding arrived "
         "late in the year. {n} planned activities had to be postponed, and some national "
         "partners could not sustain the reforms without continued support.",
         "Frequent changes of staff in the {partner} of {country} slowed the implementation of "
         "commitments on {area}. The Office adapted its support by training {n} focal points "
         "in several institutions to keep knowledge within the administration.",
         "Draft legislation on {area} in {country} was still pending at the end of {year}. "
         "The Office continued to provide comments, but {n} provisions remained inconsistent "
         "with international standards."),
    ),
}
# fmt: on

# --------------------------------------------------------------------------------------------
# VFTC Board sessions and cities
# --------------------------------------------------------------------------------------------

# Cities where the Board held its autumn session (field visits); Latin-1 spellings.
BOARD_FIELD_CITIES: Final = (
    "Bogotá",
    "Nairobi",
    "Tunis",
    "Bangkok",
    "Suva",
    "Guatemala City",
    "Dakar",
    "Addis Ababa",
    "Panama City",
    "Santiago",
    "Beirut",
    "Bishkek",
    "Yaoundé",
    "Tegucigalpa",
    "Tbilisi",
    "Phnom Penh",
)

# --------------------------------------------------------------------------------------------
# Synthetic series: values for the years and items no published figure covers
# --------------------------------------------------------------------------------------------

# OHCHR voluntary contributions (USD) for years published_figures.csv does not cover.
SYNTHETIC_VOLUNTARY_CONTRIBUTIONS: Final[Mapping[int, int]] = {
    2020: 180_500_000,
    2021: 194_600_000,
    2024: 248_600_000,
}
# Regular budget (USD) for years published_figures.csv does not cover (2022 and 2023 are).
# fmt: off
SYNTHETIC_REGULAR_BUDGET: Final[Mapping[int, int]] = {
    2012: 88_200_000, 2013: 87_900_000, 2014: 90_600_000, 2015: 96_200_000,
    2016: 99_800_000, 2017: 101_200_000, 2018: 102_300_000, 2019: 118_500_000,
    2020: 121_900_000, 2021: 126_400_000, 2024: 181_700_000, 2025: 176_400_000,
}
# Number of donors (total, non-State) where published_figures.csv gives neither count.
SYNTHETIC_DONORS: Final[Mapping[int, int]] = {
    2012: 68, 2013: 70, 2014: 72, 2015: 74, 2016: 79, 2017: 84, 2020: 82, 2021: 92,
    2024: 90, 2025: 80,
}
SYNTHETIC_NON_STATE_DONORS: Final[Mapping[int, int]] = {
    2013: 8, 2014: 10, 2015: 13, 2016: 16, 2017: 20, 2022: 22, 2024: 24, 2025: 21,
}
# VFTC contributions received and expenditure (USD) outside the published years (2019, 2020).
SYNTHETIC_VFTC: Final[Mapping[int, tuple[int, int]]] = {
    2012: (12_402_310, 11_876_540), 2013: (10_918_775, 12_104_332),
    2014: (13_107_452, 12_388_019), 2015: (11_836_094, 12_740_651),
    2016: (12_955_380, 12_201_497), 2017: (14_238_614, 13_377_805),
    2018: (15_611_927, 14_826_330), 2021: (19_804_455, 18_317_246),
    2022: (18_437_206, 19_052_877), 2023: (20_118_343, 19_449_560),
    2024: (17_526_790, 18_810_402), 2025: (12_941_018, 14_307_663),
}
# fmt: on
VFTC_OPENING_BALANCE_2012: Final = 7_412_336
VFFTA_OPENING_BALANCE_2012: Final = 2_106_480
UPR_PARTICIPATION_OPENING_BALANCE_2012: Final = 684_215
# Programme support costs that UN trust funds charge on expenditure (13 %): projects funded are
# expenditure net of them.
PROGRAMME_SUPPORT_RATE: Final = 0.13
