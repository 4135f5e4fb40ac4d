"""CPR numbers are pseudonymised at ingest and never stored, shown or written (SPEC §6)."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from akassemonitor.config import Config, PrivacyConfig
from akassemonitor.registers import InputError

KEY = "a-secret-key-of-some-length"
ENV = "AKASSEMONITOR_PSEUDONYM_KEY"
CPR_FORMS = ("0101901234", "010190-1234", " 010190 - 1234")


def expected_pseudonym(cpr: str, key: str = KEY) -> str:
    return hmac.new(key.encode(), cpr.encode(), hashlib.sha256).hexdigest()


def write_cpr_registers(registers) -> None:
    header = ["forloeb_id", "cpr", "akasse", "start_dato", "slut_dato", "slut_aarsag"]
    (registers.data / "forloeb.csv").write_text(
        ",".join(header) + "\n"
        "F1,010190-1234,FTF-A,2022-01-01,,\n"
        "F2,0202802222,NOPE,2022-01-01,,\n"
        "F3,,FTF-A,2022-01-01,,\n"
    )
    (registers.data / "samtaler.csv").write_text(
        "samtale_id;cpr;dato;samtaletype\nS1; 0101901234 ;2022-02-01;JOB\nS2;0202802222;bad;CV\n"
    )


def test_same_cpr_in_two_registers_gets_the_same_pseudonym(registers, monkeypatch):
    monkeypatch.setenv(ENV, KEY)
    write_cpr_registers(registers)
    loaded = registers.load()
    person = expected_pseudonym("0101901234")
    assert registers.column(loaded, "forloeb", "person_id") == [person]
    assert registers.column(loaded, "samtaler", "person_id") == [person]
    assert len(person) == 64


def test_cpr_normalisation_drops_whitespace_and_one_hyphen(registers, monkeypatch):
    monkeypatch.setenv(ENV, KEY)
    rows = [[f"T{i}", cpr, "2022-03-01", "LOENTILSKUD"] for i, cpr in enumerate(CPR_FORMS)]
    (registers.data / "tilbud.csv").write_text(
        "tilbud_id,cpr,start_dato,kategori\n" + "\n".join(",".join(r) for r in rows) + "\n"
    )
    loaded = registers.load()
    assert set(registers.column(loaded, "tilbud", "person_id")) == {
        expected_pseudonym("0101901234")
    }


def test_raw_cpr_appears_nowhere(registers, monkeypatch):
    monkeypatch.setenv(ENV, KEY)
    write_cpr_registers(registers)
    messages: list[str] = []
    loaded = registers.load(progress=messages.append)

    rejects = registers.rejects_of("forloeb")
    assert [r["person_id"] for r in rejects] == [expected_pseudonym("0202802222"), ""]
    assert "cpr" not in rejects[0]
    assert rejects[1]["reason"] == "person_id is empty"

    outputs = [
        *(path.read_text(encoding="utf-8") for path in registers.rejects.iterdir()),
        *(str(t.to_pylist()) for t in loaded.tables.values()),
        json.dumps(str(loaded.quality)),
        *messages,
    ]
    for text in outputs:
        for digits in ("0101901234", "010190-1234", "0202802222", "020280"):
            assert digits not in text


def test_key_file_takes_the_key_and_another_key_gives_other_pseudonyms(
    registers, monkeypatch, tmp_path
):
    monkeypatch.delenv(ENV, raising=False)
    key_file = tmp_path / "key.txt"
    key_file.write_text("another-secret-key-12345\n")  # the newline is not part of the key
    write_cpr_registers(registers)
    config = Config(privacy=PrivacyConfig(key_file=key_file))
    loaded = registers.load(config)
    person = registers.column(loaded, "forloeb", "person_id")[0]
    assert person == expected_pseudonym("0101901234", "another-secret-key-12345")
    assert person != expected_pseudonym("0101901234")


def test_cpr_without_a_key_explains_both_ways_to_give_one(registers, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    write_cpr_registers(registers)
    with pytest.raises(InputError) as info:
        registers.load()
    message = str(info.value)
    assert "forloeb.csv has a cpr column" in message
    assert "privacy.key_file" in message and ENV in message


def test_unreadable_key_file_and_short_key_are_errors(registers, monkeypatch, tmp_path):
    monkeypatch.setenv(ENV, "short")
    write_cpr_registers(registers)
    with pytest.raises(InputError, match="shorter than 16 characters"):
        registers.load()
    config = Config(privacy=PrivacyConfig(key_file=tmp_path / "missing.key"))
    with pytest.raises(InputError, match="missing.key"):
        registers.load(config)


def test_no_key_is_needed_without_a_cpr_column(registers, monkeypatch, tmp_path):
    monkeypatch.delenv(ENV, raising=False)
    config = Config(privacy=PrivacyConfig(key_file=tmp_path / "missing.key"))
    assert registers.load(config).tables["forloeb"].num_rows == 1


def test_parse_error_in_a_cpr_file_does_not_echo_the_row(registers, monkeypatch):
    monkeypatch.setenv(ENV, KEY)
    (registers.data / "tilbud.csv").write_text(
        "tilbud_id,cpr,start_dato,kategori\nT1,0101901234,2022-03-01,LOENTILSKUD,x,y\n"
    )
    with pytest.raises(InputError) as info:
        registers.load()
    assert "line 2 has 6 value(s)" in str(info.value)
    assert "0101901234" not in str(info.value)
