"""Entity mentions: cleaned spans, labels (titles, appositions), nominal references, metonyms, coreference."""

from __future__ import annotations

import json

import pytest

from crosswire.extract.entities import country_key, extract_mentions, mention_key, name_key, person_key
from crosswire.models import Article


def _art(text: str, aid: str = "a1") -> Article:
    return Article(id=aid, source="t", external_id=aid, text=text)


def _mentions(nlp, text: str):
    a = _art(text)
    return extract_mentions(nlp(text), a)


def _by_text(ms, text):
    return [m for m in ms if m.text == text]


def test_keys():
    assert person_key("President Xi Jinping's") == "xi jinping"
    assert person_key("J. D. Vance") == person_key("JD Vance") == "jd vance"
    assert person_key("Donald J. Trump") == "donald trump"
    assert country_key("the U.S.") == country_key("US") == country_key("America") == "united states"
    assert country_key("PRC") == "china"
    assert country_key("Atlantis") is None
    # titles written without their dot are titles too
    assert person_key("Gov. Jerry Brown") == person_key("Gov Jerry Brown") == "jerry brown"
    assert person_key("Dr Mark Vinar") == "mark vinar"


def test_place_and_org_keys():
    assert mention_key("Mt. Cook", "LOC") == mention_key("Mt Cook", "GPE") == mention_key("Mount Cook", "FAC")
    assert mention_key("St. Louis", "GPE") == mention_key("Saint Louis", "GPE") == "saint louis"
    assert mention_key("Main St.", "FAC") == "main street"  # "St" by its place in the name
    assert mention_key("Mount St. Helens", "LOC") == "mount saint helens"
    assert mention_key("Co. Durham", "GPE") == "county durham"
    assert mention_key("the Ford Motor Co.", "ORG") == mention_key("Ford Motor Company", "ORG")
    assert mention_key("Apple Inc.", "ORG") == mention_key("Apple", "ORG") == "apple"
    assert mention_key("Johnson & Johnson", "ORG") == mention_key("Johnson and Johnson", "ORG")
    assert mention_key("Mid - South Canterbury", "ORG") == mention_key("Mid-South Canterbury", "ORG")
    assert mention_key("McDonald's", "ORG") == mention_key("McDonald", "ORG")
    assert mention_key("Stanford Univ.", "ORG") == mention_key("Stanford University", "ORG")
    assert mention_key("Ltd", "ORG") == "ltd"  # a name is never emptied
    assert mention_key("the U.S.", "GPE") == "united states"
    for k in ("mount cook", "saint louis", "main street", "apple", "st", "co"):
        assert name_key(name_key(k)) == name_key(k)  # idempotent: linking re-applies it to stored heads


def test_ids_spans_and_prenominal_titles(nlp):
    text = "German Chancellor Olaf Scholz met Prime Minister Narendra Modi in Berlin on Monday."
    ms = _mentions(nlp, text)
    assert [m.id for m in ms] == [f"a1:m{i}" for i in range(len(ms))]
    for m in ms:
        assert text[m.span[0] : m.span[1]] == m.text
        if m.label_span:
            assert text[m.label_span[0] : m.label_span[1]] == m.label
    scholz = _by_text(ms, "Olaf Scholz")[0]
    assert scholz.type == "PERSON" and scholz.label == "German Chancellor"
    modi = _by_text(ms, "Narendra Modi")[0]
    assert modi.label == "Prime Minister"
    assert not any(m.text.startswith("the ") for m in ms)


def test_possessive_trimmed_and_titles_out_of_span(nlp):
    ms = _mentions(nlp, "Senator Elizabeth Warren's bill was blocked. Warren said she would try again.")
    names = {m.text for m in ms if m.type == "PERSON"}
    assert "Elizabeth Warren" in names and not any("'s" in n for n in names)
    heads = {m.head for m in ms if m.type == "PERSON"}
    assert heads == {"elizabeth warren"}


def test_apposition_label(nlp):
    text = (
        "“Markets are nervous,” said Janet Moore, chief economist at the Bank of Nowhere, a research firm. "
        "Ahmed Karim, the country's finance minister, declined to comment."
    )
    ms = _mentions(nlp, text)
    moore = _by_text(ms, "Janet Moore")[0]
    assert moore.label == "chief economist at the Bank of Nowhere"
    karim = _by_text(ms, "Ahmed Karim")[0]
    assert karim.label is not None and "finance minister" in karim.label


def _label_of(ms, text):
    found = _by_text(ms, text)
    assert found, f"no mention {text!r} in {[m.text for m in ms]}"
    return found[0].label


def _check_spans(text, ms):
    for m in ms:
        if m.label_span:
            assert text[m.label_span[0] : m.label_span[1]] == m.label


def test_org_and_place_prefix_labels(nlp):
    text = "Chinese state news agency Xinhua reported the call. China claims the self-governing island Taiwan."
    ms = _mentions(nlp, text)
    _check_spans(text, ms)
    assert _label_of(ms, "Xinhua") == "Chinese state news agency"
    assert _label_of(ms, "Taiwan") == "self-governing island"
    # negative: a pre-modifier run without a common-noun head is no label ("the Trump administration" has the
    # name first; "last year" is a date)
    ms = _mentions(nlp, "US soybean farmers want China to buy more. Farmers in Iowa sold soybeans in Shanghai.")
    assert not [m for m in ms if m.type != "PERSON" and m.label]


def test_org_and_place_apposition_labels(nlp):
    text = "Xinhua, China's official news agency, said the talks were candid. Acme Corp, a Texas-based oil company, cut its forecast."
    ms = _mentions(nlp, text)
    _check_spans(text, ms)
    assert _label_of(ms, "Xinhua") == "China's official news agency"
    assert _label_of(ms, "Acme Corp") == "Texas-based oil company"
    # negatives: an apposition that is another name, a relative clause, a list
    ms = _mentions(nlp, "The talks in Geneva, Switzerland, ended. Apple, which makes the iPhone, said sales fell. "
                        "Apple, Microsoft and Google reported earnings.")
    assert not [m for m in ms if m.label]


def test_place_x_of_y_labels(nlp):
    text = "Washington has pledged to defend the self-ruled island of Taiwan. Ministers from the oil-rich nation of Qatar attended."
    ms = _mentions(nlp, text)
    _check_spans(text, ms)
    assert _label_of(ms, "Taiwan") == "self-ruled island"
    assert _label_of(ms, "Qatar") == "oil-rich nation"
    # negatives: "of" relating two different things
    ms = _mentions(nlp, "The president of France met the capital of Japan's mayor. Most of China was hit by floods, "
                        "and the people of Taiwan voted.")
    assert not [m for m in ms if m.label]


def test_surname_coreference_and_retyping(nlp):
    text = (
        "Brazilian President Luiz Inacio Lula da Silva spoke with President Emmanuel Macron. "
        "Macron said the talks were useful. Lula agreed, and Macron left for Paris."
    )
    ms = _mentions(nlp, text)
    macrons = [m for m in ms if "Macron" in m.text]
    assert len(macrons) == 3 and {m.head for m in macrons} == {"emmanuel macron"}
    assert all(m.type == "PERSON" for m in macrons)


def test_nominal_reference_resolved_when_unambiguous(nlp):
    text = (
        "French President Emmanuel Macron hosted Japanese Prime Minister Fumio Kishida. "
        "The French leader said the visit was historic."
    )
    ms = _mentions(nlp, text)
    nominal = [m for m in ms if m.text == "French leader"]
    assert nominal and nominal[0].head == "emmanuel macron" and nominal[0].type == "PERSON"


def test_nominal_reference_left_alone_when_ambiguous(nlp):
    text = "President Joe Biden called President Emmanuel Macron. The president said they agreed."
    ms = _mentions(nlp, text)
    assert not [m for m in ms if m.text == "president"]


def test_metonyms(nlp):
    ms = _mentions(nlp, "Moscow warned London against new sanctions. Paris is lovely in spring.")
    by = {m.text: m for m in ms}
    assert by["Moscow"].metonym == "government of Russia"
    assert by["London"].metonym == "government of the United Kingdom"
    assert by["Paris"].metonym is None


def test_missed_name_after_title(nlp):
    ms = _mentions(nlp, "US Vice-President J D Vance on Wednesday unveiled plans for a trade bloc.")
    vance = [m for m in ms if m.type == "PERSON"]
    assert vance and vance[0].text == "J D Vance" and vance[0].head == "jd vance"
    assert vance[0].label == "US Vice-President"


@pytest.fixture(scope="module")
def sample_mentions(nlp, sample_dir):
    meta = json.loads((sample_dir / "sources.json").read_text("utf-8"))
    out = {}
    for name in sorted(meta):
        text = (sample_dir / name).read_text("utf-8")
        out[name[:3]] = extract_mentions(nlp(text), _art(text, name[:3]))
    return out


def _xi_labels(ms):
    return {m.label for m in ms if m.head == "xi jinping" and m.label}


def test_sample_xi_labels_per_file(sample_mentions):
    assert "Chinese Communist Party leader" in _xi_labels(sample_mentions["003"])
    assert "Chinese President" in _xi_labels(sample_mentions["004"])
    assert "Chinese President" in _xi_labels(sample_mentions["002"])
    assert "Chinese leader" in _xi_labels(sample_mentions["002"])  # nominal "The Chinese leader said ..."
    assert "President" in _xi_labels(sample_mentions["000"])


def test_sample_other_labels(sample_mentions):
    def label(aid, head):
        return {m.label for m in sample_mentions[aid] if m.head == head and m.label}

    assert "spokesperson" in label("004", "mao ning")
    assert label("000", "bonnie glaser") == {
        "head of the Indo-Pacific programme at the German Marshall Fund of the United States"
    }
    assert "47th president" in label("001", "donald trump")
    assert "U.S. president" in label("002", "donald trump")
    assert "Secretary of State" in label("003", "marco rubio")


def test_sample_org_labels(sample_mentions):
    def label(aid, text):
        return {m.label for m in sample_mentions[aid] if m.text == text and m.label}

    assert label("002", "Xinhua") == {"Chinese state news agency"}
    assert label("002", "Cofco Group") == {"state-owned trader"}
    # "omitted any mention of Russia, Trump's own post-call statements confirmed ...": a clause, not an apposition
    assert not label("001", "Russia")


def test_sample_metonyms(sample_mentions):
    first = [m for m in sample_mentions["000"] if m.text in ("Beijing", "Washington")][:2]
    assert [m.metonym for m in first] == ["government of China", "government of the United States"]
