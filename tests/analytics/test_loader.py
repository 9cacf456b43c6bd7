"""The loader refuses files it must not read, naming the file, the column and the row."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from styrkedja.analytics.loader import MicrodataError, open_microdata
from styrkedja.analytics.pnr import looks_like_pnr

from .conftest import complete, write_csv, write_parquet

D = dt.date


def refusal(folder: Path, table: str = "enrolments") -> MicrodataError:
    with pytest.raises(MicrodataError) as caught:
        open_microdata(folder, [table])
    return caught.value


# A valid personnummer (check digit by Luhn) in its shapes, and a coordination number (day + 60).
PNR = ["198112189876", "811218-9876", "8112189876", "19811218-9876", "811278-9873"]


@pytest.mark.parametrize("text", PNR)
def test_personal_identity_numbers_are_recognised(text: str) -> None:
    assert looks_like_pnr(text)


@pytest.mark.parametrize(
    "text", ["8112189875", "811318-9876", "811200-9876", "12345", "amn", "2022-01-10", "123456789"]
)
def test_other_values_are_not_taken_for_personal_identity_numbers(text: str) -> None:
    assert not looks_like_pnr(text)


def test_it_refuses_a_csv_whose_person_id_holds_personal_identity_numbers(tmp_path: Path) -> None:
    rows = [complete("enrolments", {}) for _ in range(3)]
    rows[2]["person_id"] = "19811218-9876"
    write_csv(tmp_path, "enrolments", rows, raw=True)
    error = refusal(tmp_path)
    assert (error.file, error.column, error.row) == ("enrolments.csv", "person_id", 3)
    assert "personal identity numbers" in str(error)
    assert str(error).startswith("enrolments.csv, column person_id, row 3:")


def test_it_refuses_an_extra_parquet_column_of_personal_identity_numbers_before_anything_else(
    tmp_path: Path,
) -> None:
    path = write_parquet(tmp_path, "measures", [{}, {}])
    table = pq.read_table(path).append_column("personnummer", pa.array(["", "8112189876"]))
    pq.write_table(table, path)
    error = refusal(tmp_path, "measures")
    assert (error.column, error.row) == ("personnummer", 2)
    assert "personal identity numbers" in str(error)


def test_it_refuses_twelve_digit_integers_that_are_personal_identity_numbers(tmp_path: Path) -> None:
    path = write_parquet(tmp_path, "outreach", [{}])
    table = pq.read_table(path).append_column("lopnr", pa.array([198112189876], type=pa.int64()))
    pq.write_table(table, path)
    error = refusal(tmp_path, "outreach")
    assert error.column == "lopnr" and "personal identity numbers" in str(error)


def test_pseudonymous_ids_are_not_mistaken_for_personal_identity_numbers(tmp_path: Path) -> None:
    write_parquet(tmp_path, "measures", [{"person_id": 811218987}, {"person_id": 999_999_999}])
    assert open_microdata(tmp_path, ["measures"]).files["measures"][0].rows == 2


def test_it_refuses_a_missing_column(tmp_path: Path) -> None:
    rows = [complete("courses", {})]
    for row in rows:
        del row["grade"]
    write_csv(tmp_path, "courses", rows, raw=True)
    error = refusal(tmp_path, "courses")
    assert error.column == "grade" and "missing column" in str(error)


def test_it_refuses_a_column_outside_the_schema(tmp_path: Path) -> None:
    rows = [{**complete("courses", {}), "name": "Anna"}]
    write_csv(tmp_path, "courses", rows, raw=True)
    error = refusal(tmp_path, "courses")
    assert error.column == "name" and "not in the schema" in str(error)


def test_it_refuses_a_value_of_the_wrong_type(tmp_path: Path) -> None:
    rows = [complete("enrolments", {}), complete("enrolments", {"enrolled_on": "2022-13-01"})]
    write_csv(tmp_path, "enrolments", rows, raw=True)
    error = refusal(tmp_path)
    assert (error.file, error.column, error.row) == ("enrolments.csv", "enrolled_on", 2)
    assert "date" in str(error)


def test_it_refuses_a_parquet_column_of_the_wrong_type(tmp_path: Path) -> None:
    path = write_parquet(tmp_path, "outreach", [{}])
    table = pq.read_table(path)
    table = table.set_column(table.schema.get_field_index("neet"), "neet", pa.array(["ja"]))
    pq.write_table(table, path)
    error = refusal(tmp_path, "outreach")
    assert error.column == "neet" and "expected boolean" in str(error)


def test_it_refuses_an_unknown_code(tmp_path: Path) -> None:
    write_parquet(tmp_path, "courses", [{}, {}, {"school_form": "sfi", "sex": "X"}])
    error = refusal(tmp_path, "courses")
    assert (error.column, error.row) == ("sex", 3)
    assert "'X' is not one of the codes K, M" in str(error)


def test_it_refuses_an_empty_required_value(tmp_path: Path) -> None:
    write_parquet(tmp_path, "measures", [{}, {"started_on": None}])
    error = refusal(tmp_path, "measures")
    assert (error.column, error.row) == ("started_on", 2)


def test_it_refuses_an_id_outside_the_pseudonym_range(tmp_path: Path) -> None:
    write_parquet(tmp_path, "measures", [{"person_id": 0}])
    error = refusal(tmp_path, "measures")
    assert (error.column, error.row) == ("person_id", 1)


def test_it_refuses_a_row_that_breaks_a_rule(tmp_path: Path) -> None:
    write_parquet(
        tmp_path,
        "enrolments",
        [{}, {"enrolled_on": D(2022, 3, 1), "ended_on": D(2022, 2, 1), "end_reason": "work"}],
    )
    error = refusal(tmp_path)
    assert error.row == 2 and "ended_on before enrolled_on" in str(error)


def test_it_names_a_missing_table(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    error = refusal(tmp_path, "outreach")
    assert "no file for table outreach" in str(error)


def test_it_reads_csv_and_a_folder_of_parquet_parts_and_hashes_every_file(tmp_path: Path) -> None:
    write_csv(tmp_path, "enrolments", [{"person_id": 1}, {"person_id": 2, "sex": None}])
    write_parquet(tmp_path / "courses", "courses", [{}], name="2021.parquet")
    write_parquet(tmp_path / "courses", "courses", [{}, {}], name="2022.parquet")
    microdata = open_microdata(tmp_path, ["enrolments", "courses"])
    inputs = microdata.inputs(["courses", "enrolments"])
    assert [(i["file"], i["rows"]) for i in inputs] == [
        ("courses/2021.parquet", 1),
        ("courses/2022.parquet", 2),
        ("enrolments.csv", 2),
    ]
    for item in inputs:
        assert item["sha256"] == hashlib.sha256((tmp_path / item["file"]).read_bytes()).hexdigest()
    count = microdata.con.execute(
        f"SELECT count(*), count(sex) FROM {microdata.relation('enrolments')}"
    ).fetchall()
    assert count == [(2, 1)]
