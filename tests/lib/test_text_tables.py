from styrkedja.lib import text_tables
from styrkedja.reports.blocks import Paragraph, Table
from styrkedja.reports.goal_tables import prose

TABLE = """Tabell: Inskrivna per målgrupp
| Målgrupp | Kvinna | Man |
|---|---|---:|
| Försörjningsstöd | 1132 | 1 411 |
| KAA 16-19 år | 185,50 |  |"""


def test_a_pipe_table_is_parsed_with_numeric_columns_right_aligned_in_swedish_format():
    table = text_tables.parse(TABLE)
    assert table is not None
    assert table.caption == "Inskrivna per målgrupp"
    assert table.header == ["Målgrupp", "Kvinna", "Man"]
    assert table.align == ["left", "right", "right"]
    assert table.rows == [["Försörjningsstöd", "1\u00a0132", "1\u00a0411"], ["KAA 16-19 år", "185,50", ""]]


def test_written_and_read_back_the_table_is_the_same():
    text = text_tables.to_text(["Mål", "Antal"], [["A|B", "12"], ["C", ""]], caption="Antal per mål")
    table = text_tables.parse(text)
    assert table is not None
    assert (table.caption, table.header, table.rows, table.align) == (
        "Antal per mål",
        ["Mål", "Antal"],
        [["A/B", "12"], ["C", ""]],
        ["left", "right"],
    )


def test_anything_not_exactly_a_table_stays_prose():
    for text in (
        "| a | b |",  # no delimiter row
        "| a | b |\n| x | y |",  # the second row is no delimiter
        "| a | b |\n|---|---|\n| 1 |",  # a row of another width
        "Inledning\n| a | b |\n|---|---|\n| 1 | 2 |",  # a line that is no row (nor a caption)
    ):
        assert text_tables.parse(text) is None, text
        assert all(isinstance(b, Paragraph) for b in prose(text))


def test_the_report_prints_it_as_a_table_between_paragraphs():
    blocks = prose(f"Före.\n\n{TABLE}\n\nEfter.")
    assert [type(b) for b in blocks] == [Paragraph, Table, Paragraph]
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.header[0] == "Målgrupp" and table.caption == "Inskrivna per målgrupp"
