"""French and Spanish texts of the demo draft (drafting.demo), written for Draftroom.

`seed_demo_translations(draft, user)` is idempotent: it adds only what is not there yet. Each
translation is keyed by the English text it translates: a unit gets the translation of the
latest version of its source text found here, marked as needing update when the source has
changed since (as after the secretariat's demo edits, in Spanish), and a unit whose text is not
found here (such as the clause the demo inserts, in Spanish) stays "missing".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import transaction
from django.utils import timezone

from drafting import services
from drafting.demo import CONCLUSIONS, DEMO_SYMBOL, RESOLUTION
from drafting.models import Draft, Paragraph, ParagraphTranslation
from drafting.services import Node

TITLES = {
    "fr": "Projet de résolution et de conclusions concernant une gouvernance équitable et "
    "efficace des migrations de main-d'œuvre",
    "es": "Proyecto de resolución y de conclusiones relativas a una gobernanza equitativa y "
    "eficaz de la migración laboral",
}

# (French, Spanish) for every unit of drafting.demo, in document order (RESOLUTION, CONCLUSIONS).
TEXTS: list[tuple[str, str]] = [
    # Resolution
    (
        "Résolution concernant une gouvernance équitable et efficace des migrations de "
        "main-d'œuvre",
        "Resolución relativa a una gobernanza equitativa y eficaz de la migración laboral",
    ),
    (
        "La Conférence générale de l'Organisation internationale du Travail, réunie en sa "
        "106e session, 2017,",
        "La Conferencia General de la Organización Internacional del Trabajo, congregada en su "
        "106.ª reunión, 2017,",
    ),
    (
        "Ayant tenu une discussion générale sur la base du rapport IV intitulé « Les migrations "
        "de main-d'œuvre dans un monde du travail en mutation : relever le défi de la "
        "gouvernance »,",
        "Habiendo celebrado una discusión general sobre la base del Informe IV, «Abordar los "
        "retos de la gobernanza de la migración laboral en un contexto cambiante»,",
    ),
    ("Adopte les conclusions suivantes;", "Adopta las conclusiones siguientes;"),
    (
        "Invite le Conseil d'administration du Bureau international du Travail à accorder "
        "toute l'attention voulue aux conclusions et à guider le Bureau dans leur mise en œuvre;",
        "Invita al Consejo de Administración de la Oficina Internacional del Trabajo a que "
        "preste la debida consideración a las conclusiones y oriente a la Oficina en su "
        "aplicación;",
    ),
    (
        "Prie le Directeur général d'élaborer un plan d'action pour la mise en œuvre des "
        "conclusions, qui sera soumis au Conseil d'administration pour examen.",
        "Pide al Director General que elabore un plan de acción para la aplicación de las "
        "conclusiones, para su examen por el Consejo de Administración.",
    ),
    # Conclusions
    (
        "Conclusions concernant une gouvernance équitable et efficace des migrations de "
        "main-d'œuvre",
        "Conclusiones relativas a una gobernanza equitativa y eficaz de la migración laboral",
    ),
    ("Contexte et défis", "Contexto y desafíos"),
    (
        "Les migrations de main-d'œuvre sont devenues une caractéristique déterminante du monde "
        "du travail actuel. La plupart des migrants internationaux sont des travailleurs "
        "migrants, et nombre d'entre eux se déplacent en quête d'un travail décent et de "
        "meilleures perspectives pour eux-mêmes et leur famille.",
        "La migración laboral se ha convertido en un rasgo definitorio del mundo del trabajo "
        "actual. La mayoría de los migrantes internacionales son trabajadores migrantes, y "
        "muchos de ellos se desplazan en busca de trabajo decente y de mejores oportunidades "
        "para sí mismos y para sus familias.",
    ),
    (
        "Des migrations de main-d'œuvre bien gouvernées peuvent contribuer au développement "
        "durable dans les pays d'origine, de transit et de destination, répondre aux besoins du "
        "marché du travail et profiter aux travailleurs migrants, à leur famille et aux "
        "communautés d'accueil.",
        "Una migración laboral bien gobernada puede contribuir al desarrollo sostenible en los "
        "países de origen, de tránsito y de destino, responder a las necesidades del mercado de "
        "trabajo y beneficiar a los trabajadores migrantes, a sus familias y a las comunidades "
        "de acogida.",
    ),
    (
        "Les travailleurs migrants continuent néanmoins de se heurter à de graves déficits de "
        "travail décent, notamment:",
        "No obstante, los trabajadores migrantes siguen enfrentándose a graves déficits de "
        "trabajo decente, entre ellos:",
    ),
    (
        "des pratiques de recrutement abusives et frauduleuses et des commissions de "
        "recrutement élevées;",
        "prácticas de contratación abusivas y fraudulentas y elevadas comisiones de contratación;",
    ),
    (
        "la discrimination salariale et la retenue des salaires et des pièces d'identité;",
        "la discriminación salarial y la retención de salarios y documentos de identidad;",
    ),
    (
        "des obstacles à la liberté syndicale et à la négociation collective;",
        "obstáculos a la libertad sindical y la negociación colectiva;",
    ),
    (
        "un accès limité à la protection sociale et à la transférabilité des droits de sécurité "
        "sociale.",
        "un acceso limitado a la protección social y a la portabilidad de los derechos de "
        "seguridad social.",
    ),
    (
        "L'évolution démographique, les changements technologiques, les conflits et le "
        "changement climatique transforment les flux de migration de main-d'œuvre et les "
        "besoins des marchés du travail dans toutes les régions.",
        "Los cambios demográficos, el cambio tecnológico, los conflictos y el cambio climático "
        "están transformando los flujos de migración laboral y las necesidades de los mercados "
        "de trabajo en todas las regiones.",
    ),
    (
        "La migration irrégulière expose les travailleurs à l'exploitation et compromet la "
        "concurrence loyale entre les entreprises ainsi que l'efficacité des institutions du "
        "marché du travail.",
        "La migración irregular expone a los trabajadores a la explotación y socava la "
        "competencia leal entre las empresas y la eficacia de las instituciones del mercado de "
        "trabajo.",
    ),
    (
        "Les travailleuses migrantes, qui sont concentrées dans des secteurs tels que le travail "
        "domestique et les soins à la personne, sont exposées à des risques particuliers "
        "d'exploitation, de violence et de harcèlement.",
        "Las trabajadoras migrantes, que se concentran en sectores como el trabajo doméstico y "
        "el trabajo de cuidados, están expuestas a riesgos particulares de explotación, "
        "violencia y acoso.",
    ),
    (
        "Les politiques de migration de main-d'œuvre sont souvent élaborées sans la "
        "participation effective des partenaires sociaux et sans informations fiables sur le "
        "marché du travail.",
        "Las políticas de migración laboral a menudo se elaboran sin la participación efectiva "
        "de los interlocutores sociales y sin información fiable sobre el mercado de trabajo.",
    ),
    ("Principes directeurs", "Principios rectores"),
    (
        "La gouvernance des migrations de main-d'œuvre devrait s'inspirer des normes "
        "internationales du travail, en particulier des principes et droits fondamentaux au "
        "travail et des conventions et recommandations pertinentes relatives aux travailleurs "
        "migrants.",
        "La gobernanza de la migración laboral debería guiarse por las normas internacionales "
        "del trabajo, en particular los principios y derechos fundamentales en el trabajo y los "
        "convenios y recomendaciones pertinentes sobre los trabajadores migrantes.",
    ),
    (
        "Une gouvernance efficace des migrations de main-d'œuvre exige le dialogue social et la "
        "pleine participation des organisations d'employeurs et de travailleurs les plus "
        "représentatives à toutes les étapes.",
        "Una gobernanza eficaz de la migración laboral requiere el diálogo social y la plena "
        "participación de las organizaciones de empleadores y de trabajadores más "
        "representativas en todas las etapas.",
    ),
    (
        "Les politiques devraient tenir compte des questions de genre et être fondées sur des "
        "données probantes, et prendre en considération les besoins des marchés du travail et "
        "les droits de tous les travailleurs.",
        "Las políticas deberían tener en cuenta las cuestiones de género y basarse en datos "
        "empíricos, y tomar en consideración las necesidades de los mercados de trabajo y los "
        "derechos de todos los trabajadores.",
    ),
    (
        "La coopération entre pays d'origine, de transit et de destination est essentielle aux "
        "niveaux bilatéral, régional et multilatéral.",
        "La cooperación entre los países de origen, de tránsito y de destino es esencial en los "
        "planos bilateral, regional y multilateral.",
    ),
    (
        "Tous les travailleurs migrants, quel que soit leur statut migratoire, devraient "
        "bénéficier de la protection des principes et droits fondamentaux au travail.",
        "Todos los trabajadores migrantes, independientemente de su situación migratoria, "
        "deberían gozar de la protección de los principios y derechos fundamentales en el "
        "trabajo.",
    ),
    (
        "Aucune commission ni aucuns frais connexes ne devraient être facturés aux travailleurs, "
        "directement ou indirectement, en totalité ou en partie, pour leur recrutement.",
        "No deberían cobrarse a los trabajadores, directa o indirectamente, en su totalidad o en "
        "parte, comisiones o gastos conexos por su contratación.",
    ),
    (
        "Aucune disposition des présentes conclusions ne devrait être interprétée comme "
        "limitant le droit souverain des États de définir leurs politiques nationales en "
        "matière de migration, conformément à leurs obligations en vertu du droit "
        "international.",
        "Nada de lo dispuesto en estas conclusiones debería interpretarse como una limitación "
        "del derecho soberano de los Estados a determinar sus políticas nacionales de migración, "
        "de conformidad con las obligaciones que les incumben en virtud del derecho "
        "internacional.",
    ),
    ("Priorités d'action", "Prioridades de acción"),
    (
        "Les Membres devraient, en consultation avec les partenaires sociaux, élaborer et mettre "
        "en œuvre des politiques cohérentes de migration de main-d'œuvre qui:",
        "Los Miembros deberían, en consulta con los interlocutores sociales, elaborar y aplicar "
        "políticas de migración laboral coherentes que:",
    ),
    (
        "reposent sur une évaluation rigoureuse des besoins du marché du travail et des "
        "compétences;",
        "se basen en una evaluación rigurosa de las necesidades del mercado de trabajo y de las "
        "competencias;",
    ),
    (
        "garantissent l'égalité de traitement entre les travailleurs migrants et les nationaux "
        "en matière de rémunération et d'autres conditions de travail;",
        "garanticen la igualdad de trato entre los trabajadores migrantes y los nacionales en "
        "materia de remuneración y otras condiciones de trabajo;",
    ),
    (
        "favorisent la reconnaissance des compétences et des qualifications acquises à "
        "l'étranger, notamment au moyen:",
        "promuevan el reconocimiento de las competencias y cualificaciones adquiridas en el "
        "extranjero, en particular mediante:",
    ),
    ("d'accords de reconnaissance mutuelle;", "acuerdos de reconocimiento mutuo;"),
    ("de la validation des acquis de l'expérience;", "la validación del aprendizaje previo;"),
    (
        "de la coopération entre les établissements de formation;",
        "la cooperación entre las instituciones de formación;",
    ),
    (
        "offrent des voies régulières de migration de main-d'œuvre.",
        "ofrezcan vías regulares para la migración laboral.",
    ),
    (
        "Les Membres devraient prendre des mesures pour promouvoir le recrutement équitable, en "
        "s'appuyant sur les Principes généraux et directives opérationnelles concernant le "
        "recrutement équitable de l'OIT, notamment:",
        "Los Miembros deberían adoptar medidas para promover la contratación equitativa, sobre "
        "la base de los Principios generales y directrices prácticas para una contratación "
        "equitativa de la OIT, en particular:",
    ),
    (
        "en interdisant que des commissions de recrutement et des frais connexes soient "
        "facturés aux travailleurs;",
        "prohibiendo el cobro de comisiones de contratación y gastos conexos a los trabajadores;",
    ),
    (
        "en réglementant et en surveillant les recruteurs de main-d'œuvre, y compris au-delà "
        "des frontières;",
        "regulando y supervisando a los reclutadores de mano de obra, incluso a través de las "
        "fronteras;",
    ),
    (
        "en veillant à ce que les travailleurs migrants reçoivent, avant leur départ, un contrat "
        "écrit dans une langue qu'ils comprennent.",
        "velando por que los trabajadores migrantes reciban, antes de su partida, contratos "
        "escritos en un idioma que comprendan.",
    ),
    (
        "Les Membres devraient renforcer l'inspection du travail et veiller à ce que les "
        "travailleurs migrants, quel que soit leur statut, aient accès à des mécanismes de "
        "plainte et à des voies de recours efficaces sans crainte de représailles.",
        "Los Miembros deberían fortalecer la inspección del trabajo y velar por que los "
        "trabajadores migrantes, independientemente de su situación, tengan acceso a mecanismos "
        "de queja y vías de recurso eficaces sin temor a represalias.",
    ),
    (
        "Les Membres devraient étendre la protection sociale aux travailleurs migrants et à "
        "leur famille, notamment au moyen d'accords bilatéraux et multilatéraux de sécurité "
        "sociale qui permettent la transférabilité des droits.",
        "Los Miembros deberían extender la protección social a los trabajadores migrantes y a "
        "sus familias, en particular mediante acuerdos bilaterales y multilaterales de "
        "seguridad social que permitan la portabilidad de los derechos.",
    ),
    (
        "Les accords bilatéraux sur les migrations de main-d'œuvre devraient être transparents, "
        "être élaborés avec la participation des partenaires sociaux et comporter des "
        "mécanismes de suivi et d'évaluation.",
        "Los acuerdos bilaterales sobre migración laboral deberían ser transparentes, "
        "elaborarse con la participación de los interlocutores sociales e incluir mecanismos de "
        "seguimiento y evaluación.",
    ),
    (
        "Les Membres devraient tenir compte de la situation particulière des travailleuses "
        "migrantes, notamment:",
        "Los Miembros deberían abordar la situación específica de las trabajadoras migrantes, "
        "en particular:",
    ),
    (
        "en prévenant et en combattant la violence et le harcèlement;",
        "previniendo y abordando la violencia y el acoso;",
    ),
    (
        "en étendant la protection du travail aux travailleurs domestiques;",
        "extendiendo la protección laboral a los trabajadores domésticos;",
    ),
    (
        "en favorisant l'accès à l'information et aux services d'appui.",
        "promoviendo el acceso a la información y a los servicios de apoyo.",
    ),
    (
        "Les Membres devraient faciliter le retour et la réintégration durable des travailleurs "
        "migrants, notamment par la reconnaissance des compétences qu'ils ont acquises à "
        "l'étranger et l'accès aux services de l'emploi.",
        "Los Miembros deberían facilitar el retorno y la reintegración sostenible de los "
        "trabajadores migrantes, en particular mediante el reconocimiento de las competencias "
        "adquiridas en el extranjero y el acceso a los servicios de empleo.",
    ),
    (
        "Les Membres devraient favoriser l'intégration des travailleurs migrants et de leur "
        "famille dans les communautés d'accueil et lutter contre la discrimination, le racisme "
        "et la xénophobie.",
        "Los Miembros deberían promover la integración de los trabajadores migrantes y de sus "
        "familias en las comunidades de acogida y combatir la discriminación, el racismo y la "
        "xenofobia.",
    ),
    (
        "Les communautés économiques régionales devraient être encouragées à élaborer des "
        "cadres de mobilité de la main-d'œuvre avec la participation des partenaires sociaux.",
        "Debería alentarse a las comunidades económicas regionales a elaborar marcos de "
        "movilidad laboral con la participación de los interlocutores sociales.",
    ),
    (
        "Les Membres devraient améliorer la collecte, l'analyse et la diffusion des "
        "statistiques sur les migrations de main-d'œuvre, ventilées par sexe, âge et secteur, "
        "conformément aux lignes directrices adoptées par la Conférence internationale des "
        "statisticiens du travail.",
        "Los Miembros deberían mejorar la recopilación, el análisis y la difusión de "
        "estadísticas sobre migración laboral, desglosadas por sexo, edad y sector, de "
        "conformidad con las directrices adoptadas por la Conferencia Internacional de "
        "Estadísticos del Trabajo.",
    ),
    (
        "Les organisations d'employeurs et de travailleurs ont un rôle important à jouer en "
        "fournissant des informations et des services aux travailleurs migrants et en "
        "combattant les pratiques abusives.",
        "Las organizaciones de empleadores y de trabajadores desempeñan un papel importante en "
        "la prestación de información y servicios a los trabajadores migrantes y en la lucha "
        "contra las prácticas abusivas.",
    ),
    ("Rôle de l'OIT et moyens d'action", "Función de la OIT y medios de acción"),
    (
        "Le Bureau devrait aider les mandants, à leur demande, à élaborer et à mettre en œuvre "
        "des politiques et des accords en matière de migration de main-d'œuvre, notamment:",
        "La Oficina debería prestar apoyo a los mandantes, cuando lo soliciten, en la "
        "elaboración y aplicación de políticas y acuerdos sobre migración laboral, en "
        "particular:",
    ),
    (
        "en fournissant une assistance technique et en renforçant les capacités;",
        "prestando asistencia técnica y creando capacidad;",
    ),
    (
        "en promouvant la ratification et l'application effective des conventions pertinentes;",
        "promoviendo la ratificación y la aplicación efectiva de los convenios pertinentes;",
    ),
    (
        "en développant les connaissances et les outils relatifs au recrutement équitable, à la "
        "reconnaissance des compétences et à la protection sociale;",
        "desarrollando conocimientos y herramientas sobre la contratación equitativa, el "
        "reconocimiento de competencias y la protección social;",
    ),
    (
        "en renforçant la coopération avec les autres organisations internationales, en "
        "particulier dans le suivi des processus mondiaux relatifs aux migrations.",
        "fortaleciendo la cooperación con otras organizaciones internacionales, en particular "
        "en el seguimiento de los procesos mundiales sobre la migración.",
    ),
    (
        "Les migrations de main-d'œuvre devraient être intégrées, le cas échéant, dans les "
        "programmes par pays de promotion du travail décent et les programmes de coopération "
        "pour le développement.",
        "La migración laboral debería integrarse, cuando proceda, en los Programas de Trabajo "
        "Decente por País y en los programas de cooperación para el desarrollo.",
    ),
    (
        "Le Bureau devrait renforcer ses partenariats avec les partenaires sociaux, les "
        "organisations régionales et le système des Nations Unies, en veillant à ce que sa "
        "structure tripartite et son mandat normatif soient pris en compte dans les "
        "discussions mondiales sur les migrations.",
        "La Oficina debería fortalecer sus alianzas con los interlocutores sociales, las "
        "organizaciones regionales y el sistema de las Naciones Unidas, velando por que su "
        "estructura tripartita y su mandato normativo se reflejen en los debates mundiales "
        "sobre la migración.",
    ),
    (
        "Le Bureau devrait convoquer une réunion tripartite d'experts chargée d'examiner les "
        "progrès accomplis dans la mise en œuvre des présentes conclusions.",
        "La Oficina debería convocar una reunión tripartita de expertos para examinar los "
        "progresos realizados en la aplicación de estas conclusiones.",
    ),
    (
        "Le Conseil d'administration devrait envisager d'allouer des ressources suffisantes à "
        "la mise en œuvre du plan d'action.",
        "El Consejo de Administración debería considerar la asignación de recursos suficientes "
        "para la aplicación del plan de acción.",
    ),
    (
        "Le Bureau devrait faire régulièrement rapport au Conseil d'administration sur la mise "
        "en œuvre des présentes conclusions.",
        "La Oficina debería informar periódicamente al Consejo de Administración sobre la "
        "aplicación de estas conclusiones.",
    ),
]

# The texts the secretariat's demo edits produce (drafting.demo._demo_edits). The Spanish
# versions are left out on purpose, so the demo shows a translation that needs update and one
# that is missing.
EDITED: dict[str, dict[str, str]] = {
    "Labour migration policies are often developed without the effective participation of the "
    "social partners and without reliable and up-to-date labour market information.": {
        "fr": "Les politiques de migration de main-d'œuvre sont souvent élaborées sans la "
        "participation effective des partenaires sociaux et sans informations fiables et à jour "
        "sur le marché du travail.",
    },
    "Members should take effective measures to promote fair recruitment, building on the ILO "
    "General Principles and Operational Guidelines for Fair Recruitment, including by:": {
        "fr": "Les Membres devraient prendre des mesures efficaces pour promouvoir le recrutement "
        "équitable, en s'appuyant sur les Principes généraux et directives opérationnelles "
        "concernant le recrutement équitable de l'OIT, notamment:",
        "es": "Los Miembros deberían adoptar medidas eficaces para promover la contratación "
        "equitativa, sobre la base de los Principios generales y directrices prácticas para una "
        "contratación equitativa de la OIT, en particular:",
    },
    "take into account the situation of migrant workers in the informal economy;": {
        "fr": "tiennent compte de la situation des travailleurs migrants dans l'économie "
        "informelle;",
    },
}

REASON = "Translation of the draft conclusions (language services)"


def english_texts(nodes: Iterable[Node] = (RESOLUTION, CONCLUSIONS)) -> Iterator[str]:
    """The English texts of the demo draft as written, in document order."""
    for node in nodes:
        yield node.text
        yield from english_texts(node.children)


def translations() -> dict[str, dict[str, str]]:
    """{English text: {"fr": ..., "es": ...}} for every text of the demo draft."""
    english = list(english_texts())
    if len(english) != len(TEXTS):  # pragma: no cover - caught by the tests
        raise ValueError(f"{len(english)} English units but {len(TEXTS)} translations")
    table = {en: {"fr": fr, "es": es} for en, (fr, es) in zip(english, TEXTS, strict=True)}
    for en, more in EDITED.items():
        table.setdefault(en, {}).update(more)
    return table


@transaction.atomic
def seed_demo_translations(draft: Draft | None, user) -> int:
    """Add the missing French and Spanish texts of the demo draft; returns how many were added."""
    if draft is None or draft.symbol != DEMO_SYMBOL:
        return 0
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    table = translations()
    when = timezone.now()
    titles = dict(draft.title_translations or {})
    missing_titles = {k: v for k, v in TITLES.items() if k not in titles}
    if missing_titles:
        draft.title_translations = {**titles, **missing_titles}
        services._save(draft, user=user, reason=REASON, when=when)
    languages = [code for code in draft.translation_languages if code in ("fr", "es")]
    existing = set(
        ParagraphTranslation.objects.filter(paragraph__draft=draft).values_list(
            "paragraph_id", "language"
        )
    )
    versions: dict[int, list[tuple[int, str]]] = {}
    for pk, version, text in (
        Paragraph.history.filter(draft_id=draft.pk)
        .order_by("history_date", "history_id")
        .values_list("id", "version", "text")
    ):
        versions.setdefault(pk, []).append((version, text))
    added = 0
    for paragraph in Paragraph.objects.select_for_update().filter(draft=draft, is_deleted=False):
        for language in languages:
            if (paragraph.pk, language) in existing:
                continue
            found = _latest_known(versions.get(paragraph.pk, []), paragraph, table, language)
            if found is None:
                continue
            source_version, text = found
            row = ParagraphTranslation(
                paragraph=paragraph,
                language=language,
                text=text,
                source_version=source_version,
                needs_update=source_version != paragraph.version,
            )
            services._save(row, user=user, reason=REASON, when=when)
            added += 1
    return added


def _latest_known(history, paragraph, table, language) -> tuple[int, str] | None:
    """The latest version of the source whose translation we have, and that translation."""
    for version, text in sorted([*history, (paragraph.version, paragraph.text)], reverse=True):
        translated = table.get(text, {}).get(language)
        if translated:
            return version, translated
    return None
