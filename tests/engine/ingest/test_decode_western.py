"""Western single-byte text (cp1252, Latin-1) is read as such, not as GB18030; Chinese stays as it was."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.engine.ingest.decode import CP1252, GB18030, LATIN1, WESTERN_MIN, decode_bytes, western_score
from tui.engine.ingest.load import load

GERMAN = (
    "Berlin, 5. April. Die Größe der Verluste überrascht die Beobachter. Der Bürgermeister sagte: "
    "„Wir müssen die Straßen schützen.“ – Preise steigen um 5 €; Fräulein Müller äußerte sich erschüttert.\n"
)
FRENCH = (
    "Paris, le 5 avril. L'été sera long : la Chambre a voté à l'unanimité les crédits. « Où en sommes-nous ? » "
    "demanda le député, très ému. Le garçon apporta une crème brûlée à côté de l'hôtel de ville.\n"
)


def test_a_cp1252_german_text_decodes_correctly(tmp_path):
    (tmp_path / "de.txt").write_bytes(GERMAN.encode("cp1252"))
    tf = load(tmp_path).file("de.txt")
    assert tf.encoding == CP1252 and tf.text == GERMAN and tf.warning is None


def test_a_latin1_french_text_decodes_correctly(tmp_path):
    (tmp_path / "fr.txt").write_bytes(FRENCH.encode("latin-1"))
    tf = load(tmp_path).file("fr.txt")
    assert tf.encoding == LATIN1 and tf.text == FRENCH


def test_the_trap_is_real_and_still_avoided():
    data = "Müller und Söhne, Köln\n".encode("latin-1")
    assert data.decode(GB18030)  # GB18030 reads it too, as Chinese characters
    assert decode_bytes(data).text == "Müller und Söhne, Köln\n"


def test_an_xml_file_declaring_latin1_is_read_by_its_declaration(tmp_path):
    page = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><alto><Layout><Page><PrintSpace><TextBlock><TextLine>'
        '<String CONTENT="Größe"/><String CONTENT="ça"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>'
    )
    (tmp_path / "p.xml").write_bytes(page.encode("latin-1"))
    tf = load(tmp_path).file("p.xml")
    assert tf.text == "Größe ça\n" and tf.encoding == "iso-8859-1"


hanzi = st.text(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c.encode("gb2312", "ignore")),
    min_size=2,
    max_size=60,
)


@given(hanzi, st.sampled_from(["", "abc ", "2024年", " iPhone "]))
def test_chinese_bytes_never_score_as_western(text, mixed):
    data = (mixed + text + mixed).encode("gb18030")
    assert western_score(data.decode("latin-1")) < WESTERN_MIN
    assert decode_bytes(data).encoding not in (CP1252, LATIN1)


@pytest.mark.parametrize("text", [GERMAN, FRENCH])
def test_western_text_scores_high(text):
    assert western_score(text) >= WESTERN_MIN
