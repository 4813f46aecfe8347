from __future__ import annotations

import pytest

from drafting.models import Draft, Paragraph
from drafting.outline import letters, outline, roman

pytestmark = pytest.mark.django_db
K = Paragraph.Kind


def add(draft, kind, text, parent=None, position=0, deleted=False):
    return Paragraph.objects.create(
        draft=draft, kind=kind, text=text, parent=parent, position=position, is_deleted=deleted
    )


@pytest.fixture
def draft():
    d = Draft.objects.create(title="Conclusions", symbol="C.Mig/D.1")
    res = add(d, K.SECTION, "Resolution concerning migration", position=0)
    add(d, K.PREAMBLE, "Having undertaken a general discussion,", parent=res, position=0)
    add(d, K.PARAGRAPH, "Adopts the following conclusions;", parent=res, position=1)
    con = add(d, K.SECTION, "Conclusions concerning migration", position=1)
    part1 = add(d, K.PART, "Guiding principles", parent=con, position=0)
    add(d, K.PARAGRAPH, "One.", parent=part1, position=0)
    add(d, K.PARAGRAPH, "Gone.", parent=part1, position=1, deleted=True)
    p2 = add(d, K.PARAGRAPH, "Members should:", parent=part1, position=2)
    add(d, K.CLAUSE, "first;", parent=p2, position=0)
    c2 = add(d, K.CLAUSE, "second:", parent=p2, position=1)
    add(d, K.SUBCLAUSE, "i;", parent=c2, position=0)
    add(d, K.SUBCLAUSE, "ii.", parent=c2, position=1)
    part2 = add(d, K.PART, "Action", parent=con, position=1)
    add(d, K.PARAGRAPH, "Three.", parent=part2, position=0)
    return d


def refs(draft, **kw):
    return [(u.paragraph.text, u.number, u.reference) for u in outline(draft, **kw)]


def test_numbers_come_from_order_and_run_on_across_parts(draft):
    got = {text: (number, ref) for text, number, ref in refs(draft)}
    assert got["Guiding principles"] == ("I.", "Part I")
    assert got["Action"] == ("II.", "Part II")
    assert got["One."] == ("1.", "Paragraph 1")
    assert got["Members should:"] == ("2.", "Paragraph 2")
    assert got["second:"] == ("(b)", "Paragraph 2(b)")
    assert got["ii."] == ("(ii)", "Paragraph 2(b)(ii)")
    assert got["Three."] == ("3.", "Paragraph 3")


def test_the_resolution_has_its_own_numbering_and_unnumbered_preamble(draft):
    got = {text: (number, ref) for text, number, ref in refs(draft)}
    assert got["Having undertaken a general discussion,"] == (
        "",
        "Resolution, preambular paragraph 1",
    )
    assert got["Adopts the following conclusions;"] == ("1.", "Resolution, paragraph 1")


def test_deleted_paragraphs_do_not_count_and_show_only_when_asked(draft):
    assert "Gone." not in [t for t, _, _ in refs(draft)]
    gone = [r for r in refs(draft, include_deleted=True) if r[0] == "Gone."]
    assert gone == [("Gone.", "", "")]


def test_moving_a_paragraph_renumbers_but_keeps_identity(draft):
    three = Paragraph.objects.get(text="Three.")
    one = Paragraph.objects.get(text="One.")
    three.parent, three.position = one.parent, 0
    three.save()
    one.position = 1
    one.save()
    got = {u.paragraph.pk: u.reference for u in outline(draft)}
    assert got[three.pk] == "Paragraph 1"
    assert got[one.pk] == "Paragraph 2"


def test_it_reads_the_draft_in_one_query(draft, django_assert_num_queries):
    with django_assert_num_queries(1):
        outline(draft)


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (40, "xl")]
)
def test_roman(n, expected):
    assert roman(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "a"), (26, "z"), (27, "aa"), (28, "bb")])
def test_letters(n, expected):
    assert letters(n) == expected
