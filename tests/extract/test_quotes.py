"""Quotes: every quotation style, split/multi-paragraph/partial quotes, indirect speech, speakers and cues."""

from __future__ import annotations

import json

import pytest

from crosswire.extract.entities import extract_mentions
from crosswire.extract.quotes import extract_quotes, scan_quotes
from crosswire.models import Article


def _quotes(nlp, text: str):
    a = Article(id="a1", source="t", external_id="a1", text=text)
    doc = nlp(text)
    return extract_quotes(doc, a, extract_mentions(doc, a))


def _direct(qs):
    return [q for q in qs if q.direct]


@pytest.mark.parametrize(
    "text",
    [
        'The plan is dead, "We will not vote for it," Senator Maria Lopez said on Tuesday.',
        "“We will not vote for it,” Senator Maria Lopez said on Tuesday.",
        "«We will not vote for it», Senator Maria Lopez said on Tuesday.",
        "‘We will not vote for it,’ Senator Maria Lopez said on Tuesday.",
        "Senator Maria Lopez said: “We will not vote for it.”",
    ],
)
def test_styles_and_speaker(nlp, text):
    qs = _direct(_quotes(nlp, text))
    assert len(qs) == 1
    q = qs[0]
    assert q.text.startswith("We will not vote for it")
    assert q.speaker == "Maria Lopez" and q.cue == "say" and not q.partial
    assert text[q.span[0] : q.span[1]] == q.text
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "Maria Lopez"


def test_apostrophes_are_not_quote_marks():
    segs = scan_quotes("‘It’s the farmers’ money,’ she said. Don’t worry.")
    assert len(segs) == 1


def test_split_quote_without_space_inherits_speaker(nlp):
    text = (
        "“All very positive,” the governor, Tom Reyes, said in a post.“The relationship is an extremely good "
        "one, and we both know it.”"
    )
    qs = _direct(_quotes(nlp, text))
    assert len(qs) == 2
    assert qs[1].text.startswith("The relationship")
    assert qs[0].speaker == "Tom Reyes"
    assert qs[1].speaker == qs[0].speaker


def test_multi_paragraph_and_unbalanced(nlp):
    text = (
        "Mayor Ana Ruiz said: “We will rebuild every school.\n"
        "“We will rebuild every road, and we will do it this year.”\n"
        "Critics were unconvinced. “This is a promise nobody can keep\n"
        "The council meets on Friday."
    )
    segs = scan_quotes(text)
    assert len(segs) == 2
    assert (
        "every school" in text[segs[0].start : segs[0].end]
        and "this year" in text[segs[0].start : segs[0].end]
    )
    assert text[segs[1].start : segs[1].end] == "This is a promise nobody can keep"
    qs = _direct(_quotes(nlp, text))
    assert qs[0].speaker == "Ana Ruiz"


def test_partial_and_scare_quotes(nlp):
    text = (
        "The minister described the deal as “a historic step for both nations” on Monday. "
        "Analysts called it a “reset” of relations. The so-called “experts” were absent."
    )
    qs = _direct(_quotes(nlp, text))
    texts = [q.text for q in qs]
    assert "a historic step for both nations" in texts
    assert all(q.partial for q in qs)
    assert "experts" not in texts  # scare quotes, no cue verb
    assert "reset" in texts  # two words but with a cue verb ("called")


def test_pronoun_speaker(nlp):
    text = (
        "Prime Minister Jacinda Ardern visited the site on Monday. Ardern met families there. "
        "“We are with you,” she said."
    )
    q = _direct(_quotes(nlp, text))[0]
    assert q.speaker in ("Ardern", "Jacinda Ardern")


def test_pronoun_prefers_matching_gender(nlp):
    text = (
        "Mr. Paul Novak met Mrs. Lena Fischer in Vienna. Fischer spoke first, then Novak replied. "
        "“The talks were frank,” he said."
    )
    q = _direct(_quotes(nlp, text))[0]
    assert q.speaker == "Novak"


def test_indirect_speech(nlp):
    text = (
        "The company said that profits would fall sharply next year. "
        "According to the central bank, inflation will ease by the summer. "
        "Senator John Hale warned the measure would raise prices."
    )
    qs = [q for q in _quotes(nlp, text) if not q.direct]
    by_cue = {q.cue: q for q in qs}
    assert "profits would fall sharply next year" in by_cue["say"].text
    assert by_cue["say"].speaker == "The company"
    assert "inflation will ease" in by_cue["according to"].text
    assert "central bank" in by_cue["according to"].speaker
    assert by_cue["warn"].speaker == "John Hale"
    assert "the measure would raise prices" in by_cue["warn"].text


def test_organisation_speaker_and_role(nlp):
    text = (
        "“The decision is final,” the Foreign Ministry said in a statement. "
        "“We regret it,” spokesperson Maria Zakharova told reporters."
    )
    qs = _direct(_quotes(nlp, text))
    assert "Foreign Ministry" in qs[0].speaker
    assert qs[1].speaker == "Maria Zakharova" and qs[1].cue == "tell"


@pytest.fixture(scope="module")
def sample_quotes(nlp, sample_dir):
    meta = json.loads((sample_dir / "sources.json").read_text("utf-8"))
    out = {}
    for name in sorted(meta):
        text = (sample_dir / name).read_text("utf-8")
        a = Article(id=name[:3], source=name, external_id=name, text=text)
        doc = nlp(text)
        out[name[:3]] = extract_quotes(doc, a, extract_mentions(doc, a))
    return out


def _speaker_of(qs, start):
    return next(q.speaker for q in qs if q.direct and q.text.startswith(start))


def test_sample_speakers(sample_quotes):
    q0 = sample_quotes["000"]
    assert _speaker_of(q0, "Both sides are signalling") == "Bonnie Glaser"
    # the account reported it; Xi said it (see quotes.py docstring)
    assert _speaker_of(q0, "I attach great importance") == "Xi Jinping"
    assert _speaker_of(q0, "All very positive") == "Trump"
    assert _speaker_of(q0, "The relationship with China") == "Trump"
    assert _speaker_of(q0, "The United States must carefully") == "Beijing"
    assert _speaker_of(sample_quotes["002"], "He will decide") == "Lutnick"
    assert _speaker_of(sample_quotes["004"], "I’d like you to buy more") == "Trump"
    assert _speaker_of(sample_quotes["004"], "crucial for the stable") == "Mao"
    # "Trump highlighted ..., writing that “...”": the parser tags "Trump" as the verb; the participle's name
    assert _speaker_of(sample_quotes["002"], "we have done a good") == "Trump"
    indirect = {q.text[:20]: q.speaker for q in sample_quotes["002"] if not q.direct}
    # "according to a statement from China's foreign affairs ministry": the ministry, not "a statement"
    assert indirect["However, Xi used the"] == "China's foreign affairs ministry"
    # "Chinese state news agency Xinhua reported that ...": the name, not the modifier "Chinese"
    assert indirect["Xi said China and th"] == "Xinhua"
    # "When reports say “The Chinese Foreign Ministry said…,” they are citing ...": an example, not a quote
    assert not any(q.text.startswith("The Chinese Foreign Ministry said") for q in sample_quotes["001"])
    assert all(q.id == f"{q.article}:q{i}" for qs in sample_quotes.values() for i, q in enumerate(qs))


# ------------------------------------------------------------------ attribution patterns and continuations


def _spk(nlp, text, start):
    return next(q.speaker for q in _direct(_quotes(nlp, text)) if q.text.startswith(start))


def test_any_verb_after_a_comma_closed_quote(nlp):
    text = "Senator Paula Grant toured the plant. “Who will pay for all of this?” she wondered aloud."
    assert _spk(nlp, text, "Who will pay") == "Paula Grant"


def test_inverted_said_with_apposition_then_continuation(nlp):
    text = (
        "“The schools are full,” said Daniel Moss, an ally of Governor Ruth Hale. “We need two more of them.”"
    )
    qs = _direct(_quotes(nlp, text))
    assert [q.speaker for q in qs] == ["Daniel Moss", "Daniel Moss"]


def test_abbreviations_do_not_end_the_attribution(nlp):
    text = (
        "“They have nothing to worry about,” Sen. Carl Moody (D-N.Y.) said Tuesday. "
        "“If they did, they should be held accountable.”"
    )
    qs = _direct(_quotes(nlp, text))
    assert [q.speaker for q in qs] == ["Carl Moody", "Carl Moody"]


def test_colon_introduction_and_quote_paragraph_continuation(nlp):
    text = (
        "Mayor Lena Ortiz spoke after the vote. She continued:\n"
        "“We will rebuild the bridge before winter.”\n"
        "“And we will pay for it without new taxes.”\n"
        "The council adjourned at noon.\n"
        "“Nobody asked us,” said Tom Baker, a local shop owner.\n"
        "Officials met again on Friday to discuss the budget.\n"
        "“This is the right plan.”"
    )
    qs = _direct(_quotes(nlp, text))
    spk = {q.text[:12]: q.speaker for q in qs}
    assert spk["We will rebu"] == "Lena Ortiz"
    assert spk["And we will "] == "Lena Ortiz"  # the previous paragraph was a quote paragraph
    assert spk["Nobody asked"] == "Tom Baker"
    assert spk["This is the "] is None  # after a narrative paragraph: no speaker carried over


def test_name_before_colon_is_the_speaker(nlp):
    text = "The result did not surprise pollster Maria Chen: “Turnout decides these races.”"
    assert _spk(nlp, text, "Turnout decides") == "Maria Chen"


def test_mixed_straight_and_curly_marks(nlp):
    text = '"Never underestimate him. He is hard to predict,” Harold Price said in an interview.'
    qs = _direct(_quotes(nlp, text))
    assert len(qs) == 1 and qs[0].speaker == "Harold Price"


def test_subject_lost_by_the_parser_falls_back_to_the_last_name(nlp):
    text = (
        "In a statement to the Observer, her senior policy adviser, Jake Sullivan, said: "
        "“Mary Stone believes that cooperation is essential.”"
    )
    assert _spk(nlp, text, "Mary Stone believes") == "Jake Sullivan"


def test_pronoun_gender_from_first_names_and_not_from_inside_quotes(nlp):
    text = (
        "Susan Ward met Robert Klein at the rally. Klein spoke about the economy. "
        "“Margaret Lowe can never win this state,” he told reporters."
    )
    assert _spk(nlp, text, "Margaret Lowe can") == "Klein"
    text = "Karen Doyle and Richard Voss debated on Monday. “I have a plan for every county,” she said."
    assert _spk(nlp, text, "I have a plan") == "Karen Doyle"


def test_recent_speaker_stays_the_topic(nlp):
    text = (
        "“The vote is close,” said Peter Lang. If gun control is Lang’s life’s work, it is also a cause that "
        "President Ken Ford embraced. “It is a litmus test now,” he told me."
    )
    assert _spk(nlp, text, "It is a litmus") in ("Lang", "Peter Lang")


def test_unresolved_pronoun_keeps_the_words(nlp):
    text = "“It just came out of my mouth,” she said."
    q = _direct(_quotes(nlp, text))[0]
    assert q.speaker == "she" and text[q.speaker_span[0] : q.speaker_span[1]] == "she"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "People familiar with the matter told Reuters that the talks had stalled.",
            "People familiar with the matter",
        ),
        (
            "Officials briefed on the talks said the deal could be signed next week.",
            "Officials briefed on the talks",
        ),
        ("A spokesman for the ministry said the plan was on track.", "A spokesman for the ministry"),
    ],
)
def test_anonymous_sources_keep_what_identifies_them(nlp, text, speaker):
    qs = _quotes(nlp, text)
    assert [q.speaker for q in qs] == [speaker]


# ------------------------------------------------------------------ participles, documents, labels, generic frames


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            'Governor Ana Silva praised the budget, saying that "we have kept every promise to our teachers."',
            "Ana Silva",
        ),
        (
            'Mayor Tom Reyes toured the bridge on Friday, adding that "it will open in May, as we promised."',
            "Tom Reyes",
        ),
        (
            'Senator Paula Grant left the hearing early, telling reporters "this committee has lost its way."',
            "Paula Grant",
        ),
        # the parser takes the name for the verb ("trump"): the name the participle hangs from speaks
        (
            'Trump highlighted progress on farm purchases, writing that "we have done a great deal for our farmers."',
            "Trump",
        ),
        # a participle modifying the name directly
        ('Novak, saying that "the talks were frank and useful," left the room.', "Novak"),
    ],
)
def test_participle_speech_verb_takes_the_subject_of_its_clause(nlp, text, speaker):
    qs = _direct(_quotes(nlp, text))
    assert len(qs) == 1 and qs[0].speaker == speaker
    assert text[qs[0].speaker_span[0] : qs[0].speaker_span[1]] == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "The council approved the plan, according to a statement from the city housing department.",
            "the city housing department",
        ),
        ("Talks stalled in May, according to the ministry's statement.", "the ministry"),
        (
            "Exports fell 5 percent, according to a report by the Central Statistics Office.",
            "the Central Statistics Office",
        ),
        ("Prices rose sharply, according to Commerce Department data.", "Commerce Department"),
        # no source named: the document stays the source, as written
        ("Prices rose sharply, according to a statement.", "a statement"),
        # "of" names the source only when a name follows
        ("The leaders spoke for an hour, according to a readout of the call.", "a readout of the call"),
    ],
)
def test_according_to_a_document_gives_its_source(nlp, text, speaker):
    qs = [q for q in _quotes(nlp, text) if q.cue == "according to"]
    assert [q.speaker for q in qs] == [speaker]
    assert text[qs[0].speaker_span[0] : qs[0].speaker_span[1]] == speaker


def test_according_to_a_document_in_a_direct_quote(nlp):
    text = "“We will not back down,” according to a statement from the Defence Ministry."
    assert _spk(nlp, text, "We will not back down") == "the Defence Ministry"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("State news agency Xinhua reported that the minister would resign.", "Xinhua"),
        # the parser splits label and name into two subjects
        ("Regional news agency Tass reported that the minister would resign.", "Tass"),
        ("“The minister will resign,” state news agency Tass reported.", "Tass"),
    ],
)
def test_labelled_name_speaks_not_its_label(nlp, text, speaker):
    qs = _quotes(nlp, text)
    assert [q.speaker for q in qs] == [speaker]
    assert text[qs[0].speaker_span[0] : qs[0].speaker_span[1]] == speaker


@pytest.mark.parametrize(
    "text",
    [
        'When critics say "this plan is a giveaway," they ignore the numbers.',
        'If someone says "the vote was rigged," ask them for proof.',
        "Whenever a reporter asks whether the plant will close, the company declines to comment.",
    ],
)
def test_generic_or_hypothetical_saying_is_not_a_quote(nlp, text):
    assert _quotes(nlp, text) == []


def test_a_named_speaker_in_a_when_clause_is_still_quoted(nlp):
    text = 'When Reyes says "we will build it," he means it.'
    assert _spk(nlp, text, "we will build it") == "Reyes"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the passive subject of "described as" / "told" is what is talked about or to, not the speaker
        ("The mayor's planned visit to the plant has been described as a “publicity stunt” in the local press.", None),
        ("The striking workers were told “the gates stay shut” on Friday.", None),
        # ... unless an agent says who spoke
        ("The deal was described as “historic” by Treasury Secretary Scott Bessent.", "Scott Bessent"),
        # "quoted as saying": the passive subject is the speaker
        ("Smith was quoted as saying “we will win the vote.”", "Smith"),
    ],
)
def test_passive_speech_verbs(nlp, text, speaker):
    qs = _quotes(nlp, text)
    assert len(qs) == 1 and qs[0].speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will keep building,” Garcia’s post continued.", "Garcia"),
        ("A statement from the Finance Ministry said the budget was “balanced and fair.”", "the Finance Ministry"),
        # a document with no source named stays as written
        ("A statement said the budget was “balanced and fair.”", "A statement"),
    ],
)
def test_a_document_subject_speaks_for_its_source(nlp, text, speaker):
    qs = _quotes(nlp, text)
    assert len(qs) == 1 and qs[0].speaker == speaker
