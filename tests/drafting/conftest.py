from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from committee.models import Committee
from drafting.demo import create_demo_draft
from drafting.models import Draft, Paragraph
from drafting.services import Node, create_draft_from_outline

K = Paragraph.Kind


@pytest.fixture
def secretariat(committee):
    return get_user_model().objects.get(username="secretariat")


@pytest.fixture
def small_draft(committee: Committee, secretariat) -> Draft:
    """A small draft held by the demo committee: one part, three paragraphs, clauses."""
    draft = create_draft_from_outline(
        title="Draft conclusions",
        symbol="C.G.D.Mig/D.9",
        user=secretariat,
        reason="Drafting group text",
        nodes=[
            Node(
                K.SECTION,
                "Conclusions concerning migration",
                [
                    Node(
                        K.PART,
                        "Guiding principles",
                        [
                            Node(K.PARAGRAPH, "Migration should be safe and orderly."),
                            Node(
                                K.PARAGRAPH,
                                "Members should:",
                                [
                                    Node(K.CLAUSE, "ratify the Conventions;"),
                                    Node(K.CLAUSE, "promote fair recruitment."),
                                ],
                            ),
                            Node(K.PARAGRAPH, "The Office should report."),
                        ],
                    )
                ],
            )
        ],
    )
    committee.draft = draft
    committee.save(update_fields=["draft"])
    return draft


@pytest.fixture
def demo_draft(committee: Committee, secretariat) -> Draft:
    draft = create_demo_draft(secretariat)
    committee.draft = draft
    committee.save(update_fields=["draft"])
    return draft


def unit(draft: Draft, start: str) -> Paragraph:
    return draft.paragraphs.get(text__startswith=start)
