"""Grammatical gender hints for names (titles, common first names), to resolve he/she."""

from __future__ import annotations

from typing import Literal

from tui_reader.core.analysis.names import word_set

Gender = Literal["m", "f"]

_MALE_TITLES = word_set("Mr Sir Lord King Prince Father Brother Baron Duke Earl Count")
_FEMALE_TITLES = word_set(
    "Mrs Ms Miss Dame Lady Queen Princess Sister Mother Baroness Duchess Countess"
)
# Common first names in English-language news; unknown names simply stay neutral.
_MALE_NAMES = word_set(
    """Aaron Adam Adrian Alan Alex Alexander Ali Andrew Andy Angus Anthony Antony Arne Arthur
    Ben Benjamin Bill Bob Boris Brian Bruce Carl Charles Charlie Chris Christopher Colin Connor
    Craig Daniel Danny Darren David Dean Dennis Donald Douglas Ed Eddie Edward Emmanuel Eric
    Frank Fred Gareth Gary Gavin George Gordon Graham Greg Harry Henry Hugh Iain Ian Jack Jacob
    Jake James Jamie Jared Jason Jeff Jeremy Jerome Jim Joe John Jon Jonathan Joseph Josh
    Justin Karl Keir Keith Ken Kevin Kyle Lee Liam Louis Luis Luke Marc Mark Martin Matt Matthew
    Max Michael Mick Mike Mikel Nathan Neil Nicholas Nick Nigel Oliver Olaf Owen Paul Pep Pete
    Peter Phil Philip Rafael Ray Richard Rishi Rob Robert Roger Ron Ross Rupert Ryan Sam Samuel
    Scott Sean Simon Stephen Steve Steven Stuart Ted Thomas Tim Timothy Tom Tony Vladimir Wes
    Will William Xi Yuri Zach Mohamed Muhammad Ahmed Omar Jens Karol Donald Emmanuel Olaf Volodymyr
    Jacek Mariusz Andrzej Radoslaw Friedrich Giorgia Pedro Luiz Narendra Recep Benjamin Kwajo"""
)
_FEMALE_NAMES = word_set(
    """Abigail Alice Alison Amanda Amara Amy Andrea Angela Ann Anna Anne Annie Barbara Beth
    Bridget Carol Caroline Catherine Charlotte Chloe Christine Claire Clare Colette Deborah
    Diana Diane Donna Elizabeth Ellen Emily Emma Erin Eva Fiona Grace Hannah Harriet Heather
    Heidi Helen Holly Isabel Jacinda Jane Janet Jemma Jennifer Jenny Jess Jessica Jill Joan
    Joanna Jo Julia Julie Kamala Karen Kate Katherine Kathryn Katie Kay Kemi Kim Laura Lauren
    Linda Lisa Liz Louise Lucy Margaret Maria Marie Mary Megan Melanie Michelle Nadine Natalie
    Nicola Nicole Olivia Pamela Patricia Penny Pippa Priti Priya Rachel Rebecca Rosie Ruth
    Sally Samantha Sandra Sarah Sharon Shirley Sophie Stella Susan Suzanne Tanya Theresa Tracy
    Ursula Victoria Wendy Yvette Zoe Giorgia Kristalina Christine Angela Ursula Chandni Sophia"""
)


def gender_of(run: str) -> Gender | None:
    """``"m"``/``"f"`` when a name as written (``Dame Sally Davies``) tells, else ``None``."""
    tokens = [t.rstrip(".,") for t in run.split()]
    for token in tokens:
        if token in _MALE_TITLES:
            return "m"
        if token in _FEMALE_TITLES:
            return "f"
    for token in tokens:
        if token in _MALE_NAMES and token not in _FEMALE_NAMES:
            return "m"
        if token in _FEMALE_NAMES and token not in _MALE_NAMES:
            return "f"
    return None


def pronoun_gender(pronoun: str) -> Gender | None:
    """The gender a third-person pronoun refers to."""
    genders: dict[str, Gender] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
    return genders.get(pronoun.lower())
