"""The charts as Typst draws them: the specification as Typst data, and the Word document's pictures —
PNG at a fixed size, without time stamps, the same bytes on every build, drawn once per chart."""

from __future__ import annotations

import struct
from decimal import Decimal

import pytest

from styrkedja.reports import charts
from styrkedja.reports.renderers import typst_charts
from tests.reports.test_charts import followup_economy, self_sufficient


@pytest.fixture(autouse=True)
def fresh_cache():
    typst_charts._CACHE.clear()
    yield
    typst_charts._CACHE.clear()


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_the_data_carry_values_as_numbers_and_every_text_as_printed():
    data = typst_charts.chart_data(charts.indicator_chart(self_sufficient()))
    assert data["kind"] == "lines" and data["categories"] == ["2020", "2021"]
    total = data["series"][0]
    assert total["values"] == [74.5, 75.28] and total["labels"] == ["74,5\u00a0%", "75,28\u00a0%"]
    # 2021: the men's point is close above (76,45 %), the women's further below (73,69 %)
    assert total["labels_below"] == [False, True]
    assert data["series"][-1]["values"] == [76.93, None] and data["series"][-1]["marker"] == "diamond"
    assert (total["stroke"], total["marker"]) == ("solid", "circle")
    assert data["target"]["label"] == "Årsmål 72\u00a0%" and data["target"]["value"] == 72.0
    assert all(isinstance(t["value"], float) and isinstance(t["label"], str) for t in data["axis"]["ticks"])


def test_the_pictures_are_png_sixteen_centimetres_wide_without_time_or_software():
    line, bars = typst_charts.chart_images(
        [charts.indicator_chart(self_sufficient()), charts.deviation_chart(followup_economy())]
    )
    width = round((typst_charts.IMAGE_WIDTH_PT + 8) / 72 * typst_charts.IMAGE_PPI)
    assert png_size(line)[0] == png_size(bars)[0] == width
    assert png_size(line)[1] > 300 and png_size(bars)[1] > 100
    assert b"tIME" not in line and b"Software" not in line


def test_the_same_chart_gives_the_same_bytes_and_is_drawn_once():
    chart = charts.indicator_chart(self_sufficient())
    [first] = typst_charts.chart_images([chart])
    assert typst_charts.chart_images([charts.indicator_chart(self_sufficient())])[0] is first
    typst_charts._CACHE.clear()
    assert typst_charts.chart_images([chart]) == [first]
    other = self_sufficient()
    other.history[0].total = Decimal("70")
    assert typst_charts.chart_images([charts.indicator_chart(other)]) != [first]


class DictStore:
    def __init__(self) -> None:
        self.images: dict[str, bytes] = {}
        self.loads = 0

    def load(self, keys):
        self.loads += 1
        return {k: self.images[k] for k in keys if k in self.images}

    def save(self, images):
        self.images.update(images)


def test_a_picture_is_drawn_once_per_data_and_then_taken_from_the_store(monkeypatch):
    store = DictStore()
    monkeypatch.setattr(typst_charts, "_STORE", [store])
    chart = charts.indicator_chart(self_sufficient())
    [drawn] = typst_charts.chart_images([chart])
    assert store.images == {typst_charts.image_key(chart): drawn}
    typst_charts._CACHE.clear()  # another process

    def no_typst(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(typst_charts.typesetting, "compile_png", no_typst)
    assert typst_charts.chart_images([charts.indicator_chart(self_sufficient())]) == [drawn]
    assert store.loads == 2
    other = self_sufficient()
    other.history[0].total = Decimal("70")
    with pytest.raises(AssertionError, match="drawn again"):
        typst_charts.chart_images([charts.indicator_chart(other)])


def test_the_key_names_the_data_the_size_and_the_drawing(monkeypatch):
    chart = charts.indicator_chart(self_sufficient())
    key = typst_charts.image_key(chart)
    assert len(key) == 64 and key == typst_charts.image_key(charts.indicator_chart(self_sufficient()))
    assert key != typst_charts.image_key(charts.deviation_chart(followup_economy()))
    typst_charts._drawing.cache_clear()
    monkeypatch.setattr(typst_charts, "IMAGE_PPI", 300)
    assert typst_charts.image_key(chart) != key
    typst_charts._drawing.cache_clear()


# A chart alone on a page as wide as a chart beside another in the PDF (half the text area): its words
# read back with their boxes (pdftotext -bbox).
ALONE = b"""#import "charts.typ": draw-chart
#let data = json(bytes(sys.inputs.data))
#set page(width: 236pt, height: auto, margin: 0pt)
#set text(font: data.fonts)
#draw-chart(data.chart, 236pt)
"""


def chart_words(chart: charts.Chart, tmp_path) -> tuple[float, list[tuple[str, float, float, float, float]]]:
    import subprocess
    import xml.etree.ElementTree as ET

    from styrkedja.reports.renderers import fonts, typesetting

    data = {"chart": typst_charts.chart_data(chart), "fonts": list(fonts.families())}
    pdf = typesetting._compiler().compile(
        input=ALONE, format="pdf", sys_inputs={"data": typesetting.canonical_json(data)}
    )
    (tmp_path / "chart.pdf").write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(tmp_path / "chart.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ET.fromstring(html.replace("<!DOCTYPE", "<!-- ").replace('.dtd">', '.dtd" -->'))
    page = next(e for e in root.iter() if e.tag.endswith("page"))
    words = [
        (w.text or "", *(float(w.get(k) or 0) for k in ("xMin", "yMin", "xMax", "yMax")))
        for w in root.iter()
        if w.tag.endswith("word")
    ]
    return float(page.get("width") or 0), words


def test_no_two_texts_of_a_chart_overlap_and_the_legend_stays_within_the_chart(tmp_path):
    # Five legend entries at half the text's width (two rows), and the point's label at the target's height
    # (the target's label is in the legend, not on the line beside the point).
    row = self_sufficient(target=Decimal("75.2800"))
    width, words = chart_words(charts.indicator_chart(row), tmp_path)
    assert {"Kvinnor,", "Helår", "Årsmål", "75,28"} <= {w[0] for w in words}
    for text, x_min, _, x_max, _ in words:
        assert x_min >= 0 and x_max <= width + 0.5, f"{text!r} outside the chart ({x_min}–{x_max} of {width})"
    for i, (a, ax0, ay0, ax1, ay1) in enumerate(words):
        for b, bx0, by0, bx1, by1 in words[i + 1 :]:
            overlap = min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5
            assert not overlap, f"{a!r} and {b!r} overlap"
