"""The importer reads the plain text of a draft in English, French and Spanish."""

from __future__ import annotations

import io

import docx
import pytest

from drafting.importer import docx_to_text, parse


def shape(text: str) -> list[tuple[int, str, str]]:
    result = parse(text)
    return [(depth, node.kind, node.text) for depth, node in result.walk()]


ENGLISH = """\
Resolution concerning fair and effective labour migration governance
The General Conference of the International Labour Organization, meeting in its 106th Session, 2017,
Having undertaken a general discussion on the basis of Report IV,
1. Adopts the following conclusions;
2. Invites the Governing Body to give due consideration to them.

Conclusions concerning fair and effective labour migration governance
I. Context and challenges
1. Labour migration is a defining feature of the world of work.
2. Migrant workers face:
(a) abusive recruitment;
(b) wage discrimination:
(i) in law;
(ii) in practice;
(c) barriers to freedom of association.
II. Guiding principles
3. Social dialogue is essential.
"""


def test_it_reads_sections_preamble_parts_paragraphs_clauses_and_sub_clauses():
    got = shape(ENGLISH)
    assert got[0] == (0, "section", ENGLISH.splitlines()[0])
    assert got[1][:2] == (1, "preamble")
    assert got[2][:2] == (1, "preamble")
    assert got[3] == (1, "paragraph", "Adopts the following conclusions;")
    assert got[5][:2] == (0, "section")
    assert got[6] == (1, "part", "Context and challenges")
    assert got[7] == (
        2,
        "paragraph",
        "Labour migration is a defining feature of the world of work.",
    )
    assert got[9] == (3, "clause", "abusive recruitment;")
    assert got[11] == (4, "subclause", "in law;")
    assert got[13] == (3, "clause", "barriers to freedom of association.")
    assert got[14] == (1, "part", "Guiding principles")
    assert got[15] == (2, "paragraph", "Social dialogue is essential.")
    result = parse(ENGLISH)
    assert result.ok and not result.warnings


def clauses(n: int, last_colon: bool = False) -> str:
    letters = "abcdefghij"[:n]
    lines = [f"({c}) clause {c};" for c in letters]
    if last_colon:
        lines[-1] = lines[-1].rstrip(";") + ":"
    return "\n".join(lines)


def test_i_after_h_is_the_ninth_clause():
    text = "1. Members should:\n" + clauses(8) + "\n(i) the ninth clause;\n(j) the tenth."
    kinds = [(k, t) for _d, k, t in shape(text)]
    assert ("clause", "the ninth clause;") in kinds
    assert ("clause", "the tenth.") in kinds


def test_i_after_h_ending_with_a_colon_is_its_first_sub_clause():
    text = "1. Members should:\n" + clauses(8, last_colon=True) + "\n(i) first sub-clause;"
    got = shape(text)
    assert got[-1] == (2, "subclause", "first sub-clause;")


def test_i_after_h_followed_by_ii_is_a_sub_clause_even_without_a_colon():
    text = "1. Members should:\n" + clauses(8) + "\n(i) one;\n(ii) two;\n(i) next clause"
    got = shape(text)
    assert got[-3] == (2, "subclause", "one;")
    assert got[-2] == (2, "subclause", "two;")


def test_i_after_h_with_sub_clauses_followed_by_j_is_a_clause():
    text = "1. Members should:\n" + clauses(8, last_colon=True) + "\n(i) ninth;\n(j) tenth."
    got = shape(text)
    assert got[-2] == (1, "clause", "ninth;")


def test_v_and_x_continue_sub_clauses_in_sequence():
    subs = "\n".join(f"({r}) s{r};" for r in ["i", "ii", "iii", "iv", "v", "vi"])
    text = "1. Members should:\n(a) first:\n" + subs + "\n(b) second."
    got = shape(text)
    assert [k for _d, k, _t in got].count("subclause") == 6
    assert got[-1] == (1, "clause", "second.")


FRENCH = """\
Résolution concernant une gouvernance équitable et efficace des migrations de main-d'œuvre
La Conférence générale de l'Organisation internationale du Travail, réunie en sa 106e session, 2017,
Ayant tenu une discussion générale sur la base du rapport IV,
1. Adopte les conclusions suivantes;
Conclusions concernant une gouvernance équitable et efficace des migrations de main-d'œuvre
I. Contexte et défis
1. Les États Membres devraient:
a) promouvoir le recrutement équitable;
b) garantir l'égalité de traitement:
i) en droit;
ii) en pratique.
"""

SPANISH = """\
Resolución relativa a una gobernanza equitativa y eficaz de la migración laboral
La Conferencia General de la Organización Internacional del Trabajo, en su 106.ª reunión,
1. Adopta las conclusiones siguientes;
Conclusiones relativas a una gobernanza equitativa y eficaz de la migración laboral
I. Contexto y desafíos
1. Los Miembros deberían:
(a) promover la contratación equitativa;
(b) garantizar la igualdad de trato:
(i) en la legislación;
(ii) en la práctica.
II. Principios rectores
2. El diálogo social es esencial.
"""


@pytest.mark.parametrize("text", [FRENCH, SPANISH], ids=["french", "spanish"])
def test_french_and_spanish_numbering_and_headings(text):
    result = parse(text)
    assert result.ok, result.errors
    kinds = [(d, n.kind) for d, n in result.walk()]
    assert kinds[:3] == [(0, "section"), (1, "preamble"), (1, "paragraph")] or kinds[:4] == [
        (0, "section"),
        (1, "preamble"),
        (1, "preamble"),
        (1, "paragraph"),
    ]
    assert [k for _d, k in kinds].count("section") == 2
    assert ("subclause") in [k for _d, k in kinds]
    assert [n.text for _d, n in result.walk() if n.kind == "part"][0].startswith("Cont")


def test_french_clauses_with_a_closing_parenthesis():
    got = shape(FRENCH)
    assert (3, "clause", "promouvoir le recrutement équitable;") in got
    assert (4, "subclause", "en pratique.") in got


def test_a_clause_without_a_paragraph_is_an_error():
    result = parse("Conclusions concerning x\n(a) orphan clause;")
    assert not result.ok
    assert "Line 2" in result.errors[0]


def test_an_unnumbered_line_after_a_paragraph_is_joined_with_a_warning():
    result = parse("Conclusions concerning x\n1. Members should:\n(a) do this;\nand report.")
    got = [(n.kind, n.text) for _d, n in result.walk()]
    assert got[-1] == ("clause", "do this;\nand report.")
    assert result.warnings and "Line 4" in result.warnings[0]


def test_out_of_sequence_numbers_give_warnings_not_errors():
    result = parse("Conclusions concerning x\n1. One.\n3. Three.\nIII. Part")
    assert result.ok
    assert len(result.warnings) == 2


def test_a_number_on_its_own_line_takes_the_next_line():
    got = shape("Conclusions concerning x\n1.\nMembers should act.")
    assert got[-1] == (1, "paragraph", "Members should act.")


def test_control_characters_and_empty_input_are_errors():
    assert not parse("1. Bell\x07 here").ok
    assert not parse("   \n\n").ok


def test_a_decimal_number_at_line_start_is_not_a_paragraph_number():
    got = shape("Conclusions concerning x\n1. About\n3.5 million migrants work in care.")
    assert got[-1][2] == "About\n3.5 million migrants work in care."


def test_a_docx_with_written_and_automatic_numbering():
    document = docx.Document()
    document.add_paragraph("Conclusions concerning labour migration")
    document.add_paragraph("I. Principles")
    document.add_paragraph("1. Members should:")
    document.add_paragraph("(a) act;")
    numbered = document.add_paragraph("Automatically numbered paragraph.", style="List Number")
    assert numbered._p.pPr is not None
    buffer = io.BytesIO()
    document.save(buffer)
    text = docx_to_text(buffer.getvalue())
    assert text.splitlines()[:4] == [
        "Conclusions concerning labour migration",
        "I. Principles",
        "1. Members should:",
        "(a) act;",
    ]
    assert parse(text).ok


def test_a_file_that_is_not_a_docx_is_refused_clearly():
    with pytest.raises(ValueError, match="Word"):
        docx_to_text(b"this is not a zip file")
