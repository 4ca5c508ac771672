"""The emergency recogniser on labelled messages typed the way people type on a phone.

Per language: `emergency_cases[_<code>].tsv` is the set the rules were tuned on;
`emergency_heldout[_<code>].tsv` was written before the rules and never tuned on, so its
figures say how the rules do on new messages. Dutch is the big set (500 messages); French and
English have 86 and 30 each, half of them emergencies. Each message is read as the bot reads
it: with the cues of its language first, then with the others'.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

import locales
from dialogs.engine import emergency
from dialogs.engine.emergency import ANSWERS, Emergency, emergency_of
from dialogs.engine.texts import Texts

HERE = Path(__file__).parent
SETS = {
    "nl": ["emergency_cases.tsv", "emergency_heldout.tsv"],
    "fr": ["emergency_cases_fr.tsv", "emergency_heldout_fr.tsv"],
    "en": ["emergency_cases_en.tsv", "emergency_heldout_en.tsv"],
}
LABELLED = [(language, name) for language, names in SETS.items() for name in names]


@dataclass(frozen=True)
class Case:
    emergency: bool
    category: Emergency | None
    message: str


def cases(name: str) -> list[Case]:
    with (HERE / name).open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(row["label"] in ("emergency", "ordinary") for row in rows)
    return [
        Case(
            row["label"] == "emergency",
            Emergency(row["category"]) if row["label"] == "emergency" else None,
            row["message"],
        )
        for row in rows
    ]


@dataclass
class Figures:
    emergencies: int = 0
    caught: int = 0
    right_number: int = 0
    right_category: int = 0
    ordinary: int = 0
    false_alarms: int = 0

    def report(self, name: str, per: dict[Emergency, Counter[str]], lines: list[str]) -> str:
        head = (
            f"{name}: caught {self.caught}/{self.emergencies} "
            f"({self.caught / self.emergencies:.1%}), right number "
            f"{self.right_number}/{self.emergencies} ({self.right_number / self.emergencies:.1%}), "
            f"right category {self.right_category}/{self.emergencies}, false alarms "
            f"{self.false_alarms}/{self.ordinary} ({self.false_alarms / self.ordinary:.1%})"
        )
        rows = [
            f"  {kind}: caught {c['caught']}/{c['all']}, right number {c['number']}/{c['all']}"
            for kind, c in sorted(per.items())
        ]
        return "\n".join([head, *rows, *lines])


def measure(language: str, name: str) -> tuple[Figures, str]:
    figures, per, lines = Figures(), {kind: Counter[str]() for kind in Emergency}, []
    for case in cases(name):
        found = emergency_of(case.message, language)
        if case.category is None:
            figures.ordinary += 1
            if found is not None:
                figures.false_alarms += 1
                lines.append(f"  false alarm ({found}): {case.message}")
            continue
        figures.emergencies += 1
        per[case.category]["all"] += 1
        if found is None:
            lines.append(f"  missed {case.category}: {case.message}")
            continue
        figures.caught += 1
        per[case.category]["caught"] += 1
        figures.right_category += found == case.category
        if found.answer == case.category.answer:
            figures.right_number += 1
            per[case.category]["number"] += 1
        else:
            lines.append(f"  wrong number {case.category} -> {found}: {case.message}")
    return figures, figures.report(name, {k: c for k, c in per.items() if c}, lines)


@pytest.mark.parametrize(("language", "name"), LABELLED)
def test_emergencies_are_caught_and_ordinary_messages_left_alone(language: str, name: str) -> None:
    figures, report = measure(language, name)
    print(report)
    assert figures.caught >= 0.95 * figures.emergencies, report
    assert figures.false_alarms <= 0.05 * figures.ordinary, report


@pytest.mark.parametrize(("language", "name"), LABELLED)
def test_emergencies_get_the_right_number(language: str, name: str) -> None:
    figures, report = measure(language, name)
    assert figures.right_number >= 0.90 * figures.emergencies, report


@pytest.mark.parametrize("language", SETS)
def test_the_sets_are_balanced_and_cover_every_category(language: str) -> None:
    tuned, held_out = (cases(name) for name in SETS[language])
    assert len(tuned) >= (300 if language == "nl" else 60) and len(held_out) >= 30
    for labelled in (tuned, held_out):
        share = sum(case.emergency for case in labelled) / len(labelled)
        assert 0.4 <= share <= 0.6
    assert {case.category for case in tuned if case.category} == set(Emergency)


@pytest.mark.parametrize(("language", "name"), LABELLED)
def test_no_languages_cues_alarm_on_anothers_ordinary_messages(language: str, name: str) -> None:
    # Why a message may be read with every language's cues (see emergency_of).
    for other in emergency.cue_languages():
        alarms = [
            case.message
            for case in cases(name)
            if not case.emergency and emergency.matcher(other).emergency(case.message)
        ]
        assert alarms == [], (other, alarms)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Mijn buurman slaat zijn vrouw, ik hoor haar nu roepen", Emergency.VIOLENCE),
        ("Er ligt iemand bewusteloos op straat", Emergency.MEDICAL),
        ("Er zijn nu mannen aan het vechten voor mijn deur", Emergency.VIOLENCE),
        ("Iemand probeert nu mijn auto open te breken", Emergency.CRIME),
        ("Mijn dochter is vermist sinds vanmiddag", Emergency.MISSING),
        ("mijn stiefvader slaat me al maanden", Emergency.ABUSE),
        ("Aan de achterdeur van mijn bakkerij wordt vaak ingebroken rond Pasen", None),
        ("101", None),
    ],
)
def test_the_messages_of_the_issue(message: str, expected: Emergency | None) -> None:
    assert emergency_of(message, "nl") == expected


@pytest.mark.parametrize(
    "answer", ["101", "112", "1813", "12", " 101 ", "brand", "help!", "Inbraak", "ja", "", "🔥"]
)
def test_a_number_or_a_single_word_never_raises_the_alarm(answer: str) -> None:
    assert emergency_of(answer, "nl") is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("HELPPP ze zijn AAN'T VECHTEN", " help ze zijn aan het vechten "),
        ("Kzie ne inbreeker, nou!", " ik zie een inbreker nu "),
        ("ge moet de ambulanz sturen", " je moet de ambulance sturen "),
        ("\u2019t brandt, d'r komt rook uit", " het brandt er komt rook uit "),
        ("de vlammmen zijn één meter hoog", " de vlammen zijn een meter hoog "),
    ],
)
def test_phone_spelling_and_flemish_are_normalised(typed: str, meant: str) -> None:
    assert emergency.matcher("nl").normalise(typed) == meant


def test_the_same_words_about_the_past_or_a_habit_are_no_alarm() -> None:
    assert emergency_of("er wordt ingebroken bij de buren", "nl") == Emergency.CRIME
    assert emergency_of("vorig jaar werd er ingebroken bij de buren", "nl") is None
    assert emergency_of("er wordt elke week ingebroken bij de buren", "nl") is None
    assert emergency_of("er is brand in de garage", "nl") == Emergency.FIRE
    assert emergency_of("vroeger was er vaak brand in de garage", "nl") is None
    # Abuse told about afterwards still gets its helpline; happening now, the police.
    assert emergency_of("mijn vader sloeg mij vroeger elke week", "nl") == Emergency.ABUSE
    assert emergency_of("help mijn vader slaat mijn moeder nu", "nl") == Emergency.VIOLENCE


def test_a_message_in_another_language_than_the_persons_is_still_recognised() -> None:
    # Telegram in English, the message in Dutch; the bot in Dutch, the message in French.
    assert emergency_of("er ligt iemand bewusteloos op straat", "en") == Emergency.MEDICAL
    assert emergency_of("er ligt iemand bewusteloos op straat", "..") == Emergency.MEDICAL
    assert emergency_of("il y a le feu dans la cuisine du voisin", "nl") == Emergency.FIRE
    assert emergency_of("someone is breaking into my car right now", "fr") == Emergency.CRIME
    assert emergency.cue_languages() == ("nl", "en", "fr")


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        ("fr", "Mon voisin frappe sa femme, je l'entends crier maintenant", Emergency.VIOLENCE),
        ("fr", "il y a souvent des cambriolages dans le quartier en hiver", None),
        ("fr", "que dois-je faire si je vois un cambrioleur chez le voisin", None),
        ("fr", "mon père me frappe depuis des années", Emergency.ABUSE),
        ("fr", "ya qqn qui essaie d'ouvrir ma voiture là", Emergency.CRIME),
        ("en", "someone is trying to open my car rn", Emergency.CRIME),
        ("en", "last year there were three burglaries on our street", None),
        ("en", "my dog ran away has anyone seen him", None),
        ("en", "i dont want to live anymore", Emergency.SUICIDE),
    ],
)
def test_french_and_english_as_typed(
    language: str, message: str, expected: Emergency | None
) -> None:
    assert emergency_of(message, language) == expected


@pytest.mark.parametrize(
    ("language", "typed", "meant"),
    [
        ("fr", "ya qqn qui m'a frappé!!!", " il y a quelqu un qui m a frappe "),
        ("fr", "J'entends des cris, c'est urgent", " j entends des cris c est urgent "),
        (
            "en",
            "There's a guy who can't breathe rn",
            " there is a man who can not breathe right now ",
        ),
    ],
)
def test_french_splits_at_apostrophes_and_english_joins(
    language: str, typed: str, meant: str
) -> None:
    assert emergency.matcher(language).normalise(typed) == meant


def test_each_answer_names_its_number() -> None:
    texts = Texts(locales.translations("nl"), "nl_BE", "Europe/Brussels")
    numbers = {
        Emergency.VIOLENCE: "101",
        Emergency.THREAT: "101",
        Emergency.CRIME: "101",
        Emergency.MISSING: "101",
        Emergency.FIRE: "112",
        Emergency.MEDICAL: "112",
        Emergency.SUICIDE: "1813",
        Emergency.ABUSE: "1712",
    }
    assert set(ANSWERS) == set(numbers)
    for kind, number in numbers.items():
        # The first number in bold is the one to call; abuse and suicide name 101/112 after.
        assert re.findall(r"<b>(\d+)</b>", texts.t(kind.answer))[0] == number, kind


BASE = """
language = "xx"
order = ["fire"]
words = {}
groups = { hot = ["heet", "gloeiend"] }
[markers.now]
[markers.past]
[markers.habit]
[category.fire]
cues = ["@hot vuur"]
"""


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("[category.fire]", "[category.flood]"), "flood"),
        (('order = ["fire"]', 'order = ["fire", "medical"]'), "order"),
        (('"@hot vuur"', '"@koud vuur"'), "unknown group @koud"),
        (('cues = ["@hot vuur"]', 'cues = ["vuur"]\nnumber = 112'), "number"),
    ],
)
def test_a_broken_cue_file_is_refused_with_its_name(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    good = tmp_path / "emergency_xx.toml"
    good.write_text(BASE, encoding="utf-8")
    assert emergency.load(good).emergency("heet vuur hier") == Emergency.FIRE
    broken = tmp_path / "emergency_yy.toml"
    broken.write_text(BASE.replace(*change), encoding="utf-8")
    with pytest.raises(ValueError, match=problem) as error:
        emergency.load(broken)
    assert "emergency_yy.toml" in str(error.value)
