"""The rule table, settings, elections and custom law files."""

import datetime as dt

import pandas as pd
import pytest

import netra


def test_rule_table_has_every_rule_with_its_article_and_file():
    t = netra.rules()
    book = netra.default_rule_book()
    assert len(t) == len(book) > 300
    assert t["rule_id"].is_unique
    row = t.set_index("rule_id").loc["pp94.absence.cumulative_3_days"]
    assert row["kind"] == "level" and row["norm"] == "pp94.duty.attendance"
    assert row["level"] == "RINGAN" and row["outcome"] == "SANCTION" and row["regime"] == "DISCIPLINE"
    assert row["sanction_types"] == "R1"
    assert "PP 94/2021 Pasal 9 ayat (2) huruf b angka 1" in row["citation"]
    assert row["file"] == "law/pp94_2021.textproto" and row["line"] > 0
    assert "pp94_2021" in row["instruments"]
    assert row["in_force_from"] == pd.Timestamp("2021-08-31")
    assert pd.isna(row["in_force_until"])
    s2t = t.set_index("rule_id").loc[t.set_index("rule_id")["sanction_types"].eq("S2T")
                                     & t.set_index("rule_id")["kind"].eq("sanction_type")]
    assert len(s2t) == 1 and s2t.iloc[0]["level"] == "SEDANG"


def test_rules_as_of_a_date_drop_rules_not_yet_in_force():
    before = netra.rules(as_of=dt.date(2021, 1, 1))
    after = netra.rules(as_of="2025-01-01")
    assert len(before) < len(after) <= len(netra.rules())
    assert "pp94.absence.cumulative_3_days" not in set(before["rule_id"])
    with pytest.raises(netra.InvalidArgumentError, match="as_of"):
        netra.rules(as_of="2025-13-01")


def test_one_rule_and_unknown_rule():
    r = netra.default_rule_book().rule("pp94.absence.cumulative_3_days")
    assert r.level.norm == "pp94.duty.attendance" and r.paraphrase
    with pytest.raises(netra.NotFoundError, match="pp94.nope") as e:
        netra.default_rule_book().rule("pp94.nope")
    assert isinstance(e.value, LookupError)


def test_settings_table():
    s = netra.settings().set_index("name")
    assert s.loc["skb_d08_level", "default"] == "BERAT"
    assert s.loc["neutrality_follow_up_days", "default"] == "14"
    assert s.loc["skb_d08_level", "choices"] == ("SEDANG", "BERAT")
    assert {"tukin_sedang_operative_from", "pact_due_rule"} <= set(s.index)


def test_elections_table():
    e = netra.elections()
    regent = e[(e["election"] == "pilkada2024") & e["offices"].map(lambda o: "REGENT" in o)].iloc[0]
    assert regent["determination"] == pd.Timestamp("2024-09-22")
    assert regent["kind"] == "PILKADA"
    assert "pilkada2024" in netra.default_rule_book().elections_text()


def test_a_custom_law_file_is_loaded_and_a_bad_one_names_file_line_and_rule(tmp_path):
    good = tmp_path / "perda.textproto"
    good.write_text('instruments { id: "perda_x_2025" kind: KEPUTUSAN number: "1" year: 2025 '
                    'title: "Contoh" in_force_from: "2025-01-01" article_count: 3 }\n', encoding="utf-8")
    book = netra.RuleBook([good])
    assert book.revision != netra.default_rule_book().revision and len(book) == len(netra.default_rule_book())
    bad = tmp_path / "bad.textproto"
    bad.write_text('rules {\n  id: "perda.x"\n  citations { instrument: "no_such" pasal: 1 }\n'
                   '  paraphrase: "x" confidence: PRIMARY\n  norm { kind: OBLIGATION }\n}\n', encoding="utf-8")
    with pytest.raises(netra.InvalidArgumentError, match=r"bad\.textproto:\d+.*perda\.x"):
        netra.RuleBook([bad])
    with pytest.raises(netra.NotFoundError):
        netra.RuleBook([tmp_path / "missing.textproto"])
    with pytest.raises(TypeError, match="law_files"):
        netra.RuleBook([42])
    with pytest.raises(TypeError, match="law_texts"):
        netra.RuleBook(law_texts=["not a pair"])


def test_a_text_named_like_an_embedded_file_replaces_it():
    embedded = dict(netra._netra.embedded_law())
    text = embedded["law/pp94_2021.textproto"]
    # A copy of the same text replaces it: same rules, same answers.
    book = netra.RuleBook(law_texts=[("pp94_2021.textproto", text)])
    assert len(book) == len(netra.default_rule_book())
    ev = netra.Evaluator(book)
    from conftest import absence_request
    assert ev.evaluate(absence_request(3)).level == netra.Level.RINGAN


def test_rules_text_and_rule_file():
    assert "pp94.absence.cumulative_3_days" in netra.default_rule_book().rules_text()
    f = netra.default_rule_book().rule_file()
    assert len(f.rules) == len(netra.default_rule_book()) and f.instruments


def test_cite():
    c = netra.v1.common_pb2.Citation(instrument="pp94_2021", pasal=10, ayat=2, huruf="f", angka=2)
    assert netra.default_rule_book().cite(c) == "PP 94/2021 Pasal 10 ayat (2) huruf f angka 2"
