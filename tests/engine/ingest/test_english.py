"""English OCR pages: article starts against hand labels, page furniture, continuation lines, partitions."""

import json
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.engine.ingest import english
from tui.engine.ingest.decode import decode_bytes
from tui.engine.ingest.segment import segment, split_lines

WEEK = ROOT.parent / "shared" / "corpora" / "chronam-1916-04-week1"
LABELS = json.loads((Path(__file__).parent / "fixtures" / "chronam_starts.json").read_text(encoding="utf-8"))
TUNE = {**LABELS["tune"], **LABELS["tune_more"], **LABELS["tune_extra"]}
TOLERANCE = 1
TARGET = 0.8  # issue 11's acceptance on the held-out pages: not reached (see the fixture's history)
HELD_OUT_FLOOR = 0.65  # what the segmenter does reach there (0.709): a regression fails
TUNE_FLOOR = 0.70  # the twenty-five tuning pages (0.716; the first twelve alone 0.824)

needs_week = pytest.mark.skipif(not WEEK.is_dir(), reason="the shared corpora are not beside the checkout")


def page(relpath: str) -> str:
    return decode_bytes((WEEK / relpath).read_bytes()).text


def matched(predicted: list[int], gold: list[int]) -> int:
    """Starts matched one to one within the tolerance, exact matches first (line 1 is not scored)."""
    predicted = [p for p in predicted if p != 1]
    free = [g for g in gold if g != 1]
    hits = 0
    for tol in range(TOLERANCE + 1):
        for p in list(predicted):
            g = next((g for g in free if abs(g - p) <= tol), None)
            if g is not None:
                free.remove(g)
                predicted.remove(p)
                hits += 1
    return hits


def near(line: int, lines: list[int]) -> bool:
    return any(abs(line - other) <= TOLERANCE for other in lines)


def on_fragments(predicted: list[int], gold: list[int], fragments: list[int]) -> int:
    """Predicted starts that match no label but fall on a listed fragment (rule 7b: fragments are not scored)."""
    return sum(1 for s in predicted if s != 1 and near(s, fragments) and not near(s, gold))


@cache
def boundary_f1(which: str, fragments_scored: bool = True) -> tuple[float, float, float]:
    """(precision, recall, F1) on the tuning or held-out pages; a start predicted on a fragment counts as
    a false one unless ``fragments_scored`` is off, as the fixture's rule 7b states."""
    pages = TUNE if which == "tune" else LABELS["held_out"]
    hits = n_pred = n_gold = 0
    for relpath, labels in pages.items():
        starts = [a.start_line for a in segment(page(relpath), relpath)]
        hits += matched(starts, labels["starts"])
        n_pred += sum(1 for s in starts if s != 1)
        if not fragments_scored:
            n_pred -= on_fragments(starts, labels["starts"], labels["fragments"])
        n_gold += sum(1 for s in labels["starts"] if s != 1)
    precision, recall = hits / n_pred, hits / n_gold
    return precision, recall, 2 * precision * recall / (precision + recall)


def paper(relpath: str) -> str:
    return Path(relpath).name.split("-ed")[0]


def test_the_labels_are_pages_of_as_many_papers_six_held_out():
    pages = {**TUNE, **LABELS["held_out"]}
    assert len(LABELS["tune"]) == len(LABELS["tune_more"]) == len(LABELS["held_out"]) == 6
    assert len(LABELS["tune_extra"]) == 13
    assert len({paper(p) for p in pages}) == len(pages) == 31
    assert not {paper(p) for p in TUNE} & {paper(p) for p in LABELS["held_out"]}
    assert LABELS["rule"] and LABELS["history"]


def test_matching_counts_each_label_once_within_one_line():
    assert matched([1, 5, 6, 20], [1, 5, 21, 40]) == 2  # 6 finds no free label; line 1 is not scored
    assert matched([11, 12], [12]) == 1
    assert on_fragments([1, 9, 30, 41], [1, 10, 40], [8, 31]) == 1  # 9 is a label's, 41 no fragment's, 30 counts


@needs_week
def test_boundary_f1_on_the_tuning_and_the_held_out_pages(capsys):
    tune, held = boundary_f1("tune"), boundary_f1("held_out")
    tune_7b, held_7b = boundary_f1("tune", fragments_scored=False), boundary_f1("held_out", fragments_scored=False)
    with capsys.disabled():
        print(f"\nboundary F1 (±{TOLERANCE} line): tune P={tune[0]:.3f} R={tune[1]:.3f} F1={tune[2]:.3f}; ", end="")
        print(f"held out P={held[0]:.3f} R={held[1]:.3f} F1={held[2]:.3f}")
        print(f"starts on fragments not scored (rule 7b): tune F1={tune_7b[2]:.3f}; held out F1={held_7b[2]:.3f}")
    assert tune[2] >= TUNE_FLOOR and held[2] >= HELD_OUT_FLOOR


@needs_week
@pytest.mark.xfail(strict=True, reason="issue 11 asks F1 >= 0.8 on the held-out six; the rule reaches 0.71")
def test_boundary_f1_on_the_held_out_pages_reaches_the_target():
    assert boundary_f1("held_out")[2] >= TARGET


@needs_week
@pytest.mark.parametrize("relpath", sorted({**TUNE, **LABELS["held_out"]}))
def test_a_labelled_page_stays_a_partition(relpath):
    text = page(relpath)
    arts = segment(text, relpath)
    assert "".join(a.raw for a in arts) == text
    assert all(prev.end == nxt.start for prev, nxt in pairwise(arts))
    _lines, starts = split_lines(text)
    assert {a.start for a in arts} <= set(starts)


def test_lines_of_an_english_page_have_their_kinds():
    kinds = {
        "GREED IN THE": english.Line.CAPS,
        "Sen. Chamberlain Pleads for": english.Line.DECK,
        "WASHINGTON, April 5.—The president": english.Line.DATELINE,
        "San Francisco, Cal., April 5 - The": english.Line.DATELINE,
        "London, April 5. Germany": english.Line.DATELINE,
        "By Wilbur S. Forrest,": english.Line.BYLINE,
        "(United Press Staff Correspondent)": english.Line.CREDIT,
        "(By Associated Press)": english.Line.CREDIT,
        "(Continued on Page Eight)": english.Line.CONTINUED_TO,
        "(Coatinued on Page Two.)": english.Line.CONTINUED_TO,  # as the OCR misreads it
        "fContinued from Page Two.)": english.Line.CONTINUED_FROM,
        "Continued from Page One": english.Line.CONTINUED_FROM,
        "THIRTY-NINTH YEAR": english.Line.FURNITURE,
        "PRICE ONE CENT.": english.Line.FURNITURE,
        "SATURDAY, APRIL 1, 1916": english.Line.FURNITURE,
        "C. S. ALBERT.": english.Line.BODY,  # a signature, not a headline
        "United States troops were sent": english.Line.BODY,
        ". it 7 . u. . T- . i": english.Line.NOISE,
        "oo": english.Line.SEPARATOR,
        "No. 5.": english.Line.NOISE,  # an item of a numbered list, not the masthead's number
        "VOL. XX NO. 15.": english.Line.FURNITURE,
        "No. 2 .": english.Line.NOISE,  # a row of a market table
        "SANDERS BROS.": english.Line.BODY,  # an advertiser's name, address and telephone close its advertisement
        "Mexico Music Co:": english.Line.BODY,
        "MALTA, MONTANA": english.Line.BODY,
        "WALTERSVILLE, - - KENTUCKY": english.Line.BODY,
        "SIOUX CITY, IOWA": english.Line.BODY,
        ", PERRYSBURG. OHIO": english.Line.BODY,
        "BERLIN, GERMANY": english.Line.CAPS,  # a place, but no state of the Union: a head
        "Z PHONE 190.": english.Line.BODY,
        "Battell Block": english.Line.BODY,
        "THE QUALITY SHOE STORE": english.Line.BODY,
        "Miles; New Haven: A. B. Hoffnagle,": english.Line.BODY,  # a list of names, not a deck
        "CHICAGO, SATUBl) AY, APRIL 1,1910.": english.Line.FURNITURE,  # the date line, as the OCR garbles it
        "continued to fail, however, and": english.Line.BODY,  # no page named: text, not a continuation line
        "Continued on eighth page,": english.Line.CONTINUED_TO,
    }
    for line in ('May 11, 1910."', "Tuesday April 18th 1916"):  # a date in the text, not the masthead's
        assert english.classify(line) is not english.Line.FURNITURE, line
    for line, kind in kinds.items():
        assert english.classify(line) is kind, line


WIRE_PAGE = """THE DAILY NEWS
VOL. XX NO. 15.
SATURDAY, APRIL 1, 1916. PRICE ONE CENT.
GERMANS MAKE GAINS
NEAR VERDUN FORTS
Crown Prince Throws Huge Masses
of Men Against French Lines
By Wilbur S. Forrest,
(United Press Staff Correspondent)
London, April 1. The German crown prince
gained a foothold in the eastern outskirts
of Vaux village, the dispatches said today.
Heavy artillery duels were fought all night
along the whole of the northern front line.
(Continued on Page Eight)
The city council met last evening in regular
session and passed the new paving ordinance.
German Report.
Berlin, April 1. The war office said today
that the attacks had all been beaten back.
ZEPPELIN IS CAPTURED
London, April 1. One of the Zeppelins that
raided the coast last night came down at sea.
"""


def test_a_wire_page_splits_at_its_heads_and_keeps_its_furniture_apart():
    arts = segment(WIRE_PAGE, "p.txt")
    assert [a.start_line for a in arts] == [1, 4, 16, 21]
    masthead, war, council, zeppelin = arts
    assert masthead.title == "THE DAILY NEWS"
    assert war.title == "GERMANS MAKE GAINS NEAR VERDUN FORTS"
    kinds = [(p.kind, p.text) for p in war.paragraphs]
    assert kinds[:4] == [
        ("title", "GERMANS MAKE GAINS NEAR VERDUN FORTS"),
        ("subtitle", "Crown Prince Throws Huge Masses of Men Against French Lines"),
        ("byline", "By Wilbur S. Forrest,"),
        ("meta", "(United Press Staff Correspondent)"),
    ]
    assert kinds[-1] == ("meta", "(Continued on Page Eight)")
    assert council.untitled and council.title.startswith("The city council met")
    assert ("heading", "German Report.") in [(p.kind, p.text) for p in council.paragraphs]  # a section head
    assert zeppelin.title == "ZEPPELIN IS CAPTURED"


def test_a_story_continued_from_another_page_starts_an_article():
    text = WIRE_PAGE.replace("German Report.\n", "Continued from Page One\n")
    jumped = next(a for a in segment(text, "p.txt") if a.start_line == 18)
    assert jumped.untitled and jumped.title.startswith("Berlin, April 1.")
    assert jumped.paragraphs[0].kind == "meta"  # the continuation line is not the story's text


STORY = ["The city council met last evening in regular", "session and passed the new paving ordinance."]
PROSE = ["Those having broken plates to be repaired", "may mail them to me in a strong package."]


def test_a_deck_line_with_a_comma_stays_in_its_head():
    head = ["GREAT RUSSIAN DRIVE", "ALMOST STOPPED", "So Declare Germans, Official", "Cablegrams Saying Losses"]
    head += ["QUOTE ARMY ORDER TO", "SHOW SLAV PLANS UPSET", "Teutons Were to Be Driven Out"]
    assert english.article_starts(STORY + head + STORY) == [0, 2]


def test_a_long_rule_of_noise_parts_two_heads():
    rule = ["tt"] * english.RULE_LINES
    lines = STORY + ["DRY GOODS SALE"] + rule + ["MAIN STREET CLOSED"] + STORY
    assert english.article_starts(lines) == [0, 2, 3 + english.RULE_LINES]
    one = STORY + ["DRY GOODS SALE", "tt", "MAIN STREET CLOSED"] + STORY  # one noise line: one head
    assert english.article_starts(one) == [0, 2]


def test_a_short_dateline_under_two_decks_is_the_text_of_their_story():
    head = ["Border a Fertile Field for Rumors;", "One Report Says Bandit Is Already Prisoner"]
    text = ["EL PASO, April 3.—Fears", "that Francisco Villa had evaded the", "cavalry columns sweeping the hills"]
    assert english.article_starts(STORY + ["tains farther south"] + head + text) == [0, 3]


def test_a_printed_border_parts_two_heads_and_ends_what_is_above_it():
    for border in ("$ $ $ $ $ $ $ $ $ $ $ $", "4+++++++++++++++++++rd+++++++++", "ooooooooooooocioooooooooo"):
        assert english.is_border(border), border
        lines = STORY + ["DRY GOODS SALE", border, "MAIN STREET CLOSED"] + STORY
        assert english.article_starts(lines) == [0, 2, 4]
    assert not english.is_border("WVsMAsAAssMass") and not english.is_border("tt")


def test_a_head_under_a_line_ending_with_a_colon_goes_on_with_it():
    notice = ["In the matter of the petition of B. C.", "Hull and one hundred and forty others:", "NOTICE OF ELECTION"]
    assert english.article_starts(notice + PROSE) == [0]
    broken = ["The rates are regulated by the state", "Under the classification by the"]  # a column break
    assert english.article_starts(broken + ["RAILROAD EMPLOYES", "MAKE FORMAL DEMANDS"] + PROSE) == [0, 2]


def test_a_capitals_line_under_one_line_of_text_stays_in_its_advertisement():
    ad = [
        "THE FIRST NATIONAL BANK",
        "Of individuals and corporations upon",
        "LOANS MONEY ON SECURITY",
        "MAKES FARM LOANS",
    ]
    assert english.article_starts(STORY + ad + STORY) == [0, 2]


def test_a_one_line_head_after_a_short_last_line_starts_an_article():
    cut = ["The loss was about two hundred dollars and", "on the furniture"]  # the OCR lost the full stop
    assert english.article_starts(cut + ["Tomato Plants For Sale"] + PROSE) == [0, 2]
    going = ["The loss was about two hundred dollars and", "the furniture of both houses was saved by"]
    assert english.article_starts(going + ["Tomato Plants For Sale"] + PROSE) == [0]


def test_a_head_with_a_full_stop_starts_an_article_unless_a_dispatch_is_above_it():
    assert english.article_starts(STORY + ["Dental Notice."] + PROSE) == [0, 2]
    wire = ["London, April 1. The war office said today", "that the attacks had all been beaten back."]
    assert english.article_starts(wire + ["German Report."] + PROSE) == [0]
    garbled = ["April 1. (noon.) German attacks were", "beaten back by the French last night."]  # no place
    assert english.article_starts(garbled + ["German Report."] + PROSE) == [0]
    local = ["The lodge will hold its next meeting on Wednesday", "evening, April 10."]  # a date, no dispatch
    assert english.article_starts(local + ["WEBSTER-BATTLES."] + PROSE) == [0, 2]
    assert english.classify(", Spare The Snake") is english.Line.DECK  # a speck of the OCR before a head


def test_an_advertisers_name_or_address_ends_the_advertisement_above_the_next_head():
    coupon = ["Sign Name", "Address", "Private Residence", "Firehouse", "Block"]
    head = ["ALLISON HILL FIRST TO TAKE UP", "DECORATION OF WHOLE BLOCKS"]
    assert english.article_starts(STORY + coupon + head + PROSE) == [0, 7]  # not moved up to "Firehouse"
