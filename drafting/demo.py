"""The demo draft: resolution and draft conclusions on fair and effective labour migration
governance, written for Draftroom in the style of ILC texts (not the text the 2017 Conference
adopted). `create_demo_draft(user)` is idempotent: it returns the draft if it exists.
"""

from __future__ import annotations

from django.db import transaction

from drafting import services
from drafting.models import Draft, Paragraph
from drafting.services import Node

DEMO_SYMBOL = "C.G.D.Mig/D.1"
DEMO_TITLE = (
    "Draft resolution and conclusions concerning fair and effective labour migration governance"
)

K = Paragraph.Kind


def P(text: str, *clauses: Node) -> Node:  # noqa: N802 - reads like the text
    return Node(K.PARAGRAPH, text, clauses)


def C(text: str, *subclauses: Node) -> Node:  # noqa: N802
    return Node(K.CLAUSE, text, subclauses)


def S(text: str) -> Node:  # noqa: N802
    return Node(K.SUBCLAUSE, text)


def PART(text: str, *paragraphs: Node) -> Node:  # noqa: N802
    return Node(K.PART, text, paragraphs)


RESOLUTION = Node(
    K.SECTION,
    "Resolution concerning fair and effective labour migration governance",
    [
        Node(
            K.PREAMBLE,
            "The General Conference of the International Labour Organization, meeting in its "
            "106th Session, 2017,",
        ),
        Node(
            K.PREAMBLE,
            "Having undertaken a general discussion on the basis of Report IV, “Addressing "
            "governance challenges in a changing labour migration landscape”,",
        ),
        P("Adopts the following conclusions;"),
        P(
            "Invites the Governing Body of the International Labour Office to give due "
            "consideration to the conclusions and to guide the Office in giving effect to them;"
        ),
        P(
            "Requests the Director-General to prepare a plan of action for the implementation "
            "of the conclusions, for consideration by the Governing Body."
        ),
    ],
)

CONCLUSIONS = Node(
    K.SECTION,
    "Conclusions concerning fair and effective labour migration governance",
    [
        PART(
            "Context and challenges",
            P(
                "Labour migration has become a defining feature of today's world of work. "
                "Most international migrants are migrant workers, and many of them move in "
                "search of decent work and better opportunities for themselves and their "
                "families."
            ),
            P(
                "Well-governed labour migration can contribute to sustainable development in "
                "countries of origin, transit and destination, respond to labour market needs "
                "and benefit migrant workers, their families and host communities."
            ),
            P(
                "Migrant workers nevertheless continue to face serious decent work deficits, "
                "including:",
                C("abusive and fraudulent recruitment practices and high recruitment fees;"),
                C("wage discrimination and the withholding of wages and identity documents;"),
                C("barriers to freedom of association and collective bargaining;"),
                C(
                    "limited access to social protection and to the portability of social "
                    "security entitlements."
                ),
            ),
            P(
                "Demographic change, technological change, conflict and climate change are "
                "reshaping labour migration flows and the needs of labour markets in all regions."
            ),
            P(
                "Irregular migration exposes workers to exploitation and undermines fair "
                "competition between enterprises and the effectiveness of labour market "
                "institutions."
            ),
            P(
                "Women migrant workers, who are concentrated in sectors such as domestic and "
                "care work, are exposed to particular risks of exploitation, violence and "
                "harassment."
            ),
            P(
                "Labour migration policies are often developed without the effective "
                "participation of the social partners and without reliable labour market "
                "information."
            ),
        ),
        PART(
            "Guiding principles",
            P(
                "Labour migration governance should be guided by international labour "
                "standards, in particular the fundamental principles and rights at work and "
                "the relevant Conventions and Recommendations on migrant workers."
            ),
            P(
                "Effective labour migration governance requires social dialogue and the full "
                "involvement of the most representative organizations of employers and "
                "workers at all stages."
            ),
            P(
                "Policies should be gender-responsive and evidence-based, and should take "
                "into account the needs of labour markets and the rights of all workers."
            ),
            P(
                "Cooperation between countries of origin, transit and destination is "
                "essential at the bilateral, regional and multilateral levels."
            ),
            P(
                "All migrant workers, irrespective of their migration status, should enjoy "
                "the protection of the fundamental principles and rights at work."
            ),
            P(
                "Workers should not be charged, directly or indirectly, in whole or in part, "
                "any fees or related costs for their recruitment."
            ),
            P(
                "Nothing in these conclusions should be interpreted as limiting the sovereign "
                "right of States to determine their national migration policies, in "
                "conformity with their obligations under international law."
            ),
        ),
        PART(
            "Priorities for action",
            P(
                "Members should, in consultation with the social partners, develop and "
                "implement coherent labour migration policies that:",
                C("are based on a sound assessment of labour market needs and skills;"),
                C(
                    "ensure equality of treatment of migrant workers with nationals as regards "
                    "remuneration and other conditions of work;"
                ),
                C(
                    "promote the recognition of skills and qualifications acquired abroad, "
                    "including through:",
                    S("mutual recognition agreements;"),
                    S("the validation of prior learning;"),
                    S("cooperation between training institutions;"),
                ),
                C("provide regular pathways for labour migration."),
            ),
            P(
                "Members should take measures to promote fair recruitment, building on the "
                "ILO General Principles and Operational Guidelines for Fair Recruitment, "
                "including by:",
                C("prohibiting the charging of recruitment fees and related costs to workers;"),
                C("regulating and monitoring labour recruiters, including across borders;"),
                C(
                    "ensuring that migrant workers receive written contracts in a language they "
                    "understand before departure."
                ),
            ),
            P(
                "Members should strengthen labour inspection and ensure that migrant workers, "
                "regardless of their status, have access to effective complaint mechanisms "
                "and remedies without fear of retaliation."
            ),
            P(
                "Members should extend social protection to migrant workers and their "
                "families, including through bilateral and multilateral social security "
                "agreements that allow the portability of entitlements."
            ),
            P(
                "Bilateral labour migration agreements should be transparent, be developed "
                "with the participation of the social partners and include mechanisms for "
                "monitoring and evaluation."
            ),
            P(
                "Members should address the specific situation of women migrant workers, "
                "including by:",
                C("preventing and addressing violence and harassment;"),
                C("extending labour protection to domestic workers;"),
                C("promoting access to information and support services."),
            ),
            P(
                "Members should facilitate the return and sustainable reintegration of "
                "migrant workers, including through the recognition of the skills they "
                "acquired abroad and access to employment services."
            ),
            P(
                "Members should promote the integration of migrant workers and their families "
                "in host communities and combat discrimination, racism and xenophobia."
            ),
            P(
                "Regional economic communities should be encouraged to develop labour "
                "mobility frameworks with the participation of the social partners."
            ),
            P(
                "Members should improve the collection, analysis and dissemination of labour "
                "migration statistics, disaggregated by sex, age and sector, in line with "
                "the guidelines adopted by the International Conference of Labour "
                "Statisticians."
            ),
            P(
                "Employers' and workers' organizations have an important role in providing "
                "information and services to migrant workers and in combating abusive "
                "practices."
            ),
        ),
        PART(
            "Role of the ILO and means of action",
            P(
                "The Office should support constituents, on request, in developing and "
                "implementing labour migration policies and agreements, including by:",
                C("providing technical assistance and capacity building;"),
                C(
                    "promoting the ratification and effective implementation of the relevant "
                    "Conventions;"
                ),
                C(
                    "developing knowledge and tools on fair recruitment, skills recognition "
                    "and social protection;"
                ),
                C(
                    "strengthening cooperation with other international organizations, in "
                    "particular in the follow-up to global processes on migration."
                ),
            ),
            P(
                "Labour migration should be integrated, where appropriate, into Decent Work "
                "Country Programmes and development cooperation programmes."
            ),
            P(
                "The Office should strengthen its partnerships with the social partners, "
                "regional organizations and the United Nations system, ensuring that its "
                "tripartite structure and normative mandate are reflected in global "
                "discussions on migration."
            ),
            P(
                "The Office should convene a tripartite meeting of experts to review "
                "progress in the implementation of these conclusions."
            ),
            P(
                "The Governing Body should consider the allocation of adequate resources for "
                "the implementation of the plan of action."
            ),
            P(
                "The Office should report regularly to the Governing Body on the "
                "implementation of these conclusions."
            ),
        ),
    ],
)


@transaction.atomic
def create_demo_draft(user) -> Draft:
    existing = Draft.objects.filter(symbol=DEMO_SYMBOL).first()
    if existing is not None:
        return existing
    draft = services.create_draft_from_outline(
        title=DEMO_TITLE,
        symbol=DEMO_SYMBOL,
        language="en",
        nodes=[RESOLUTION, CONCLUSIONS],
        user=user,
        reason="Draft conclusions prepared by the drafting group",
    )
    _demo_edits(draft, user)
    return draft


def _find(draft: Draft, start: str) -> Paragraph:
    return draft.paragraphs.get(text__startswith=start, is_deleted=False)


def _demo_edits(draft: Draft, user) -> None:
    """A few edits, as the secretariat makes them after the drafting group's meeting."""
    unit = _find(draft, "Labour migration policies are often developed")
    services.edit_text(
        draft,
        unit.pk,
        text=unit.text.replace("reliable labour market", "reliable and up-to-date labour market"),
        base_version=unit.version,
        user=user,
        reason="Drafting group: align with the wording of Report IV",
    )
    unit = _find(draft, "Members should take measures to promote fair recruitment")
    services.edit_text(
        draft,
        unit.pk,
        text=unit.text.replace(
            "Members should take measures", "Members should take effective measures"
        ),
        base_version=unit.version,
        user=user,
        reason="Typographical correction requested by the Worker Vice-Chairperson",
    )
    anchor = _find(draft, "ensure equality of treatment")
    draft.refresh_from_db()
    services.insert_unit(
        draft,
        kind=K.CLAUSE,
        text="take into account the situation of migrant workers in the informal economy;",
        after_id=anchor.pk,
        base_version=draft.version,
        user=user,
        reason="Drafting group: clause agreed at its second meeting",
    )
    draft.refresh_from_db()
    unit = _find(draft, "The Office should report regularly")
    services.delete_unit(
        draft,
        unit.pk,
        base_version=draft.version,
        user=user,
        reason="Covered by the plan of action (paragraph on the Governing Body)",
    )
    draft.refresh_from_db()
