"""People a passage introduces, and answers about them: who holds a post, what a named person is."""

import pytest

from qa.compose.spans import person_span
from qa.text.people import mentions

S1 = 'Tom Reyes, director of the Lantern Foundation, said: "Costs keep rising."'
S2 = '"Lenders are careful," said Ada Brink, Quillmark\'s chief executive.'
S3 = "Harbour Trust CEO Nell Odum said many applicants gave up."
S4 = ("Wing Commander Jo Pratt, lead for cadet welfare and safeguarding at the Royal Air League of Northshire, said the "
      "numbers were worrying.")
S5 = "Rates rose in the North Coast, the fastest-growing region, while Southmoor fell."
S6 = "Few were pleased. Ines Varga, who chairs the Marlow Quay Residents Forum, said the plan went too far."
S7 = "Renée Duclos, a partner at the Lyon-based fund Orbel Capital, said returns had held up."
S8 = "Ben Fry, who said the data were late, left the board."


@pytest.mark.parametrize("text,expected", [
    (S1, ["Tom Reyes, director of the Lantern Foundation"]),
    (S2, ["Ada Brink, Quillmark's chief executive"]),
    (S3, ["Harbour Trust CEO Nell Odum"]),
    (S4, ["Wing Commander Jo Pratt, lead for cadet welfare and safeguarding at the Royal Air League of Northshire"]),
    (S5, []),  # a place with a description is not a person: no speech verb, no post
    (S6, ["Ines Varga, who chairs the Marlow Quay Residents Forum"]),  # a relative clause says what she is
    (S7, ["Renée Duclos, a partner at the Lyon-based fund Orbel Capital"]),  # a name with an accent
    (S8, []),  # "who said ..." reports speech; it does not say what he is
    ("Few report it, according to the Tidal Trust, who say most victims stay silent.", []),  # nor "who say"
])
def test_mentions(text: str, expected: list[str]) -> None:
    assert [text[m.start:m.end] for m in mentions(text)] == expected


@pytest.mark.parametrize("question,text,expected", [
    ("Who runs Quillmark?", S2, "Ada Brink, Quillmark's chief executive"),
    ("who's the boss of the Lantern Foundation?", S1, "Tom Reyes, director of the Lantern Foundation"),
    ("Who is the chief exec of Harbour Trust?", S3, "Harbour Trust CEO Nell Odum"),
    ("What is Jo Pratt's rank?", S4, "Wing Commander"),
    ("What's Jo Pratt's role?", S4, "lead for cadet welfare and safeguarding at the Royal Air League of Northshire"),  # the whole would read as a quote
    ("Who is Tom Reyes?", S1, "Tom Reyes, director of the Lantern Foundation"),
    ("Who is the Royal Air League lead for cadet welfare?", S4, "Wing Commander Jo Pratt"),  # long: the name
    ("Which region grew fastest?", S5, None),
    ("Who chairs the residents forum?", S6, "Ines Varga, who chairs the Marlow Quay Residents Forum"),
    ("who is Renee Duclos", S7, "Renée Duclos, a partner at the Lyon-based fund Orbel Capital"),  # typed without the accent
])
def test_person_span(question: str, text: str, expected: str | None) -> None:
    span = person_span(question, text)
    assert (text[span[0]:span[1]] if span else None) == expected

