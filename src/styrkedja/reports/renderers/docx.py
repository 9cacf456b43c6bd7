"""The report as a Word document (DOCX) that committees can edit, built with python-docx.

The format-neutral content of `styrkedja.reports.tables` is laid out with Word's own structure, so that
the document is accessible and behaves like one written in Word:

- sections are real headings (Heading 1 for chapters, 2 for inriktningsmål, 3 for KF:s mål, 4 for
  nämndmål: the content's levels, so the outline never skips a level); headings that the documents keep
  out of the table of contents (the memo, Bilagor, Beskrivning, Analys …) use styles based on the heading
  styles, which keep their outline level but are not listed by the TOC field (`\\o` takes the built-in
  heading styles only);
- a TOC field that Word updates (the settings ask Word to update fields on opening), pre-filled with
  linked entries and a hint, so that it reads well before the update too;
- tables with a header row that repeats on every page (`w:tblHeader`), rows that do not split across
  pages (`w:cantSplit`; except a row too long for a page, `printable.long_row`), fixed column widths, a numbered caption (a SEQ field) and the caption as the
  table's title (`w:tblCaption`);
- charts as PNG pictures, drawn by Typst from their specifications as in the PDF
  (`styrkedja.reports.renderers.typst_charts`), with their text alternative as the image description
  (`wp:docPr/@descr`);
- the core properties (title, author = the organisation, language sv-SE, created and modified = the
  document's own date) and Swedish as the proofing language.

The same data gives the same bytes: the dates come from the data, and the zip is rewritten with fixed
time stamps and the entries in sorted order ([Content_Types].xml first). No Django here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph

from styrkedja.lib.markup import Span
from styrkedja.reports import tables as t
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.kinds import Part
from styrkedja.reports.printable import cut, long_row, printable_document
from styrkedja.reports.renderers.typst_charts import chart_images

LANGUAGE = "sv-SE"
FONT = "Arial"
# Word finds a font for a character its font lacks by itself (font linking); the file names one for east
# Asian text, which Word sets apart (w:eastAsia): Noto Sans CJK (fonts-noto-cjk, in LibreOffice and on
# Linux), in the font table with Microsoft YaHei as the font Word on Windows takes instead.
EAST_ASIAN_FONT = "Noto Sans CJK SC"
EAST_ASIAN_ALT = "Microsoft YaHei"
PROPERTY_LIMIT = 255  # characters of a core property (title, subject, author, keywords)
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)  # A4
MARGIN = Cm(2.0)
TEXT_WIDTH_DXA = round((21.0 - 2 * 2.0) / 2.54 * 1440)  # twentieths of a point
IMAGE_WIDTH = Cm(16.0)
TOC_LEVELS = t.TOC_DEPTH
UNLISTED = "Rubrik {level}, ej i innehållsförteckningen"
HEADING_COLOUR = RGBColor(0x1F, 0x3A, 0x5F)  # 11:1 against white
HEADER_FILL, SECTION_FILL, TOTAL_FILL = "DCE6F0", "F2F2F2", "F2F2F2"
TOC_HINT = (
    "Innehållsförteckningen är ett fält: Word fyller i sidnumren när fälten uppdateras "
    "(Word frågar när dokumentet öppnas; annars markera förteckningen och tryck F9)."
)


def render(doc: ReportDocument) -> bytes:
    return render_content(t.report_content(printable_document(doc)))


def render_content(content: t.ReportContent) -> bytes:
    chart_images([f.chart for f in content.figures()])  # drawn in one Typst run, then taken one by one
    word = Document()
    _set_up(word, content)
    _Writer(word, content).write()
    buffer = io.BytesIO()
    word.save(buffer)
    return normalise_zip(buffer.getvalue(), content.date)


# --- The package --------------------------------------------------------------------------------


def normalise_zip(data: bytes, date: dt.date) -> bytes:
    """The same package with every entry dated `date` and in sorted order: python-docx writes the current
    time into the zip."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


def _set_up(word: WordDocument, content: t.ReportContent) -> None:
    created = dt.datetime.combine(content.date, dt.time(0, 0), tzinfo=dt.UTC)
    props = word.core_properties
    props.title = cut(content.title, PROPERTY_LIMIT)
    props.subject = cut(content.subtitle, PROPERTY_LIMIT)
    props.author = cut(content.author, PROPERTY_LIMIT)
    props.last_modified_by = cut(content.author, PROPERTY_LIMIT)
    props.language = LANGUAGE
    props.keywords = cut(content.kind.wording.name, PROPERTY_LIMIT)
    props.category = cut(content.kind.wording.name, PROPERTY_LIMIT)
    props.comments = ""
    props.created = created
    props.modified = created
    props.revision = 1
    package = word.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's generic preview picture
            del package.rels[rid]

    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.0)

    _set_language(word)
    _declare_fonts(word)
    _set_settings(word)
    _add_styles(word)
    _add_footer(word, content)


def _set_fonts(r_pr: BaseOxmlElement) -> None:
    """Arial (on every Windows and Mac; Liberation Sans elsewhere), not the template's theme fonts."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _declare_fonts(word: WordDocument) -> None:
    """The east Asian font in the font table, with the font Word on Windows takes in its place."""
    for part in word.part.package.iter_parts():
        if part.partname == "/word/fontTable.xml":
            table = parse_xml(part.blob)
            table.append(
                parse_xml(
                    f'<w:font {nsdecls("w")} w:name="{EAST_ASIAN_FONT}"><w:altName w:val="{EAST_ASIAN_ALT}"/>'
                    '<w:charset w:val="86"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
                )
            )
            part._blob = serialize_part_xml(table)


def _set_language(word: WordDocument) -> None:
    defaults = word.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(r_pr)
    for style in word.styles.element.findall(qn("w:style")):
        style_r_pr = style.find(qn("w:rPr"))
        if style_r_pr is not None and style_r_pr.find(qn("w:rFonts")) is not None:
            _set_fonts(style_r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)


def _set_settings(word: WordDocument) -> None:
    settings = word.settings.element
    for tag in ("w:proofState", "w:savePreviewPicture"):  # spelling not checked yet; no thumbnail
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")  # Word fills in the TOC's page numbers on opening
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)
    font_lang = settings.find(qn("w:themeFontLang"))
    if font_lang is not None:
        font_lang.set(qn("w:val"), LANGUAGE)
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)


def _paragraph_style(
    word: WordDocument, name: str, base: str, size: float | None = None, style_id: str = ""
) -> None:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style_id:
        style.style_id = style_id
    style.base_style = word.styles[base]
    style.quick_style = True
    if size is not None:
        style.font.size = Pt(size)


def _add_styles(word: WordDocument) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    for level in range(1, TOC_LEVELS + 1):
        name = UNLISTED.format(level=level)
        _paragraph_style(word, name, f"Heading {level}", style_id=f"RubrikUtanInnehall{level}")
        style = styles[name]
        style.next_paragraph_style = normal
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        style.element.get_or_add_pPr().append(outline)
    for level in range(1, TOC_LEVELS + 1):
        _paragraph_style(word, f"toc {level}", "Normal", style_id=f"TOC{level}")
        fmt = styles[f"toc {level}"].paragraph_format
        fmt.left_indent = Cm(0.6 * (level - 1))
        fmt.space_after = Pt(2)
    _paragraph_style(word, "Tabelltext", "Normal", 9)
    _paragraph_style(word, "Tabelltext liten", "Normal", 8, style_id="TabelltextLiten")
    _paragraph_style(word, "Tabellhuvud smal", "Normal", 7.5, style_id="TabellhuvudSmal")
    for name in ("Tabelltext", "Tabelltext liten", "Tabellhuvud smal"):
        fmt = styles[name].paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(1), Pt(1), 1.0
    _paragraph_style(word, "Tabellnot", "Normal", 8.5)
    styles["Tabellnot"].paragraph_format.space_before = Pt(3)
    _paragraph_style(word, "Rubriketikett", "Normal", 9)
    label = styles["Rubriketikett"]
    label.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_after = Pt(0)
    for name in [*(f"Heading {n}" for n in range(1, 10)), "Title", "Subtitle", "TOC Heading"]:
        r_pr = styles[name].element.get_or_add_rPr()
        for colour in r_pr.findall(qn("w:color")):
            r_pr.remove(colour)
        styles[name].font.color.rgb = HEADING_COLOUR  # the template's light blues fall below 4.5:1
    caption = styles["Caption"]
    caption.font.color.rgb = RGBColor(0x1A, 0x1A, 0x1A)
    caption.font.size = Pt(9)
    caption.font.bold = True


def _add_footer(word: WordDocument, content: t.ReportContent) -> None:
    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph.style = word.styles["Footer"]
    paragraph.add_run(clean(f"{content.title} – sida "))
    paragraph._p.append(_simple_field("PAGE", "1"))
    paragraph.add_run(" av ")
    paragraph._p.append(_simple_field("NUMPAGES", "1"))


# --- XML pieces ---------------------------------------------------------------------------------


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text without the control characters XML cannot hold (text extracted from PDF may have them)."""
    return _NOT_XML.sub("", text)


def _text_run(text: str, *, bold: bool = False, colour: str = "") -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "")
    r_pr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{r_pr}<w:t xml:space="preserve">{escape(clean(text))}</w:t></w:r>'


def _run_element(text: str) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    element = OxmlElement("w:t")
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    element.text = clean(text)
    run.append(element)
    return run


def _simple_field(instruction: str, shown: str) -> BaseOxmlElement:
    return parse_xml(
        f"<w:fldSimple {nsdecls('w')} w:instr={quoteattr(f' {instruction} ')}>{_text_run(shown)}</w:fldSimple>"
    )


def _field_char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _append(paragraph: WordParagraph, xml: str) -> None:
    """Append runs (or other paragraph content) given as WordprocessingML."""
    for child in list(parse_xml(f"<w:wrap {nsdecls('w')}>{xml}</w:wrap>")):
        paragraph._p.append(child)


# --- The body -----------------------------------------------------------------------------------


class _Writer:
    def __init__(self, word: WordDocument, content: t.ReportContent) -> None:
        self.word = word
        self.content = content
        self.body = word.element.body
        self.tables = 0
        self.figures = 0
        self.bookmarks = 0
        self.style_ids = {style.name: style.style_id for style in word.styles}
        listed = [s for s in content.sections if self._listed(s)]
        self.toc_names = {s.anchor: f"_Toc{i:05d}" for i, s in enumerate(listed, start=1)}
        numbering = word.part.numbering_part.element
        self.num_ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        list_number = word.styles["List Number"].element.pPr.numPr.numId.val
        self.list_abstract = next(
            n.find(qn("w:abstractNumId")).get(qn("w:val"))
            for n in numbering.findall(qn("w:num"))
            if int(n.get(qn("w:numId"))) == list_number
        )

    @staticmethod
    def _listed(section: t.Section) -> bool:
        return section.in_toc and section.level <= TOC_LEVELS and section.role == "body"

    # paragraphs

    def paragraph(self, text: str = "", style: str = "Normal") -> WordParagraph:
        # python-docx looks a style name up by scanning every style; with hundreds of paragraphs that
        # was most of the build time, so the ids are looked up once.
        p = self.body.add_p()
        if style != "Normal":
            p.style = self.style_ids[style]
        if text:
            p.append(_run_element(text))
        return WordParagraph(p, self.word._body)

    def heading(self, text: str, level: int, *, listed: bool, new_page: bool = False) -> WordParagraph:
        level = max(1, min(level, 9))
        style = f"Heading {level}" if listed or level > TOC_LEVELS else UNLISTED.format(level=level)
        paragraph = self.paragraph(text, style)
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def bookmark(self, paragraph: WordParagraph, name: str) -> None:
        self.bookmarks += 1
        start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{self.bookmarks}" w:name="{name}"/>')
        end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{self.bookmarks}"/>')
        p = paragraph._p
        p_pr = p.find(qn("w:pPr"))
        if p_pr is not None:
            p_pr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)

    def write(self) -> None:
        if self.content.kind.has(Part.TITLE_PAGE):
            self.paragraph(self.content.title, "Title")
            self.paragraph(self.content.subtitle, "Subtitle")
            self.paragraph(self.content.date_label)
        for section in self.content.sections:
            if section.role == "memo":
                self.memo(section)
            elif section.role == "toc":
                self.toc(section)
            else:
                self.section(section)

    def memo(self, section: t.Section) -> None:
        """The facts (Handläggare, Till …) above the memo's heading, as the documents print them."""
        for block in [b for b in section.blocks if isinstance(b, t.Facts)]:
            self.block(block, section)
        self.heading(section.heading, section.level, listed=False)
        for other in section.blocks:
            if not isinstance(other, t.Facts):
                self.block(other, section)

    def section(self, section: t.Section) -> None:
        if section.kicker:
            self.paragraph(
                section.kicker, "Rubriketikett"
            ).paragraph_format.page_break_before = section.new_page
        heading = self.heading(
            section.heading,
            section.level,
            listed=self._listed(section),
            new_page=section.new_page and not section.kicker,
        )
        if section.anchor in self.toc_names:
            self.bookmark(heading, self.toc_names[section.anchor])
        for block in section.blocks:
            self.block(block, section)

    def toc(self, section: t.Section) -> None:
        heading = self.paragraph(section.title, "TOC Heading")
        # after a cover memo the contents start a page of their own
        heading.paragraph_format.page_break_before = self.content.kind.has(Part.COVER_MEMO)
        entries = [e for e in self.content.toc_entries() if e.anchor in self.toc_names]
        begin = (
            _field_char("begin")
            + f'<w:r><w:instrText xml:space="preserve"> TOC \\o "1-{TOC_LEVELS}" \\h \\z </w:instrText></w:r>'
            + _field_char("separate")
        )
        hint = self.paragraph("", "Tabellnot")
        _append(hint, begin + _text_run(TOC_HINT))
        last = hint
        for entry in entries:
            text = f"{entry.number} {entry.title}" if entry.number else entry.title
            last = self.paragraph("", f"toc {min(entry.level, TOC_LEVELS)}")
            link = (
                f'<w:hyperlink w:anchor="{self.toc_names[entry.anchor]}" w:history="1">'
                f"{_text_run(text)}</w:hyperlink>"
            )
            _append(last, link)
        _append(last, _field_char("end"))

    # blocks

    def block(self, block: t.Block, section: t.Section) -> None:
        if isinstance(block, t.Paragraph):
            self.text(block)
        elif isinstance(block, t.Heading):
            self.heading(block.text, block.level, listed=False)
        elif isinstance(block, t.BulletList):
            for item in block.items:
                self.paragraph(item, "List Bullet")
        elif isinstance(block, t.NumberedList):
            self.numbered(block)
        elif isinstance(block, t.Facts):
            for label, value in block.items:
                paragraph = self.paragraph()
                paragraph.paragraph_format.space_after = Pt(2)
                paragraph.add_run(clean(f"{label}: ")).bold = True
                paragraph.add_run(clean(value))
        elif isinstance(block, t.Rating):
            paragraph = self.paragraph()
            paragraph.add_run(clean(f"{block.word}: "))
            _append(paragraph, self._rating(block))
        elif isinstance(block, t.Table):
            self.table(block)
        elif isinstance(block, t.Signatures):
            self.table(block.table())
        elif isinstance(block, t.Figure):
            self.figure(block)
        elif isinstance(block, t.Toc):
            pass  # written by `toc`

    @staticmethod
    def _rating(block: t.Rating) -> str:
        colour = (block.text_colour or "#1A1A1A").lstrip("#").upper()  # ≥ 4.5:1 against white
        return _text_run(f"● {block.label}", bold=True, colour=colour)

    def text(self, block: t.Paragraph) -> None:
        if block.style == "note":
            self.paragraph(block.text, "Tabellnot")
            return
        paragraph = self.paragraph()
        if block.spans:
            self.spans(paragraph, block.spans)
            return
        run = paragraph.add_run(clean(block.text))
        if block.style in ("subheading", "label"):
            run.bold = True
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(3)

    def spans(self, paragraph: WordParagraph, spans: list[Span]) -> None:
        """A paragraph of the safe text format: bold, italic, and links to their addresses."""
        for span in spans:
            if span.style == "link":
                r_id = self.word.part.relate_to(span.url, RT.HYPERLINK, is_external=True)
                _append(
                    paragraph,
                    f'<w:hyperlink r:id="{r_id}" {nsdecls("r")} w:history="1"><w:r><w:rPr>'
                    '<w:color w:val="0B5CAD"/><w:u w:val="single"/></w:rPr>'
                    f'<w:t xml:space="preserve">{escape(clean(span.text))}</w:t></w:r></w:hyperlink>',
                )
                continue
            run = paragraph.add_run(clean(span.text))
            run.bold = span.style == "strong" or None
            run.italic = span.style == "em" or None

    def numbered(self, block: t.NumberedList) -> None:
        """A list of its own: a new numbering instance restarting at `start`."""
        num_id = max(self.num_ids) + 1
        self.num_ids.append(num_id)
        numbering = self.word.part.numbering_part.element
        numbering.findall(qn("w:num"))[-1].addnext(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{self.list_abstract}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{block.start}"/></w:lvlOverride></w:num>'
            )
        )
        for item in block.items:
            paragraph = self.paragraph(item, "List Number")
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id

    def caption(self, kind: str, number: int, text: str) -> WordParagraph:
        paragraph = self.paragraph("", "Caption")
        paragraph.add_run(f"{kind} ")
        paragraph._p.append(_simple_field(f"SEQ {kind} \\* ARABIC", str(number)))
        paragraph.add_run(clean(f". {text}"))
        return paragraph

    def table(self, table: t.Table) -> None:
        self.tables += 1
        caption = self.caption("Tabell", self.tables, table.caption)
        caption.paragraph_format.keep_with_next = True
        self.body.insert_element_before(parse_xml(table_xml(table)), "w:sectPr")
        if table.note:
            self.paragraph(table.note, "Tabellnot")
        else:
            self.paragraph("").paragraph_format.space_after = Pt(0)

    def figure(self, block: t.Figure) -> None:
        chart = block.chart
        [png] = chart_images([chart])
        self.figures += 1
        paragraph = self.paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=IMAGE_WIDTH)
        doc_pr = shape._inline.docPr
        doc_pr.set("name", f"Diagram {self.figures}")
        doc_pr.set("descr", clean(chart.alt))
        doc_pr.set("title", clean(chart.title))
        self.caption("Diagram", self.figures, chart.title)


# --- Tables -------------------------------------------------------------------------------------


def _widths(table: t.Table) -> list[int]:
    n = len(table.header)
    fractions = table.widths if len(table.widths) == n else [1 / n] * n
    widths = [round(f / sum(fractions) * TEXT_WIDTH_DXA) for f in fractions]
    widths[0] += TEXT_WIDTH_DXA - sum(widths)
    return widths


def _cell(
    text: str, width: int, align: str, style: str, *, bold: bool = False, fill: str = "", span: int = 1
) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    jc = '<w:jc w:val="right"/>' if align == "right" else ""
    lines = text.split("\n") if text else [""]
    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>{_text_run(line, bold=bold) if line else ""}</w:p>'
        for line in lines
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def table_xml(table: t.Table) -> str:
    """A Word table: fixed column widths, a header row repeated on every page, rows kept whole."""
    widths = _widths(table)
    n = len(widths)
    style = "TabelltextLiten" if n >= 7 else "Tabelltext"
    # the narrow columns of the nine-column indicator table fit "Periodens" at 7.5 pt, not at 8
    header_style = "TabellhuvudSmal" if n >= 7 else "TabelltextLiten"
    align = [table.align[i] if i < len(table.align) else "left" for i in range(n)]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = [
        "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        + "".join(
            _cell(h, widths[i], align[i], header_style, bold=True, fill=HEADER_FILL)
            for i, h in enumerate(table.header)
        )
        + "</w:tr>"
    ]
    for row in table.rows:
        cells = list(row.cells) + [""] * (n - len(row.cells))
        if row.kind == "section":
            body = _cell(cells[0], sum(widths), "left", style, bold=True, fill=SECTION_FILL, span=n)
        else:
            bold = row.kind in ("subtotal", "total")
            fill = TOTAL_FILL if row.kind == "total" else ""
            body = "".join(
                _cell(c, widths[i], align[i], style, bold=bold, fill=fill) for i, c in enumerate(cells[:n])
            )
        keep = "" if long_row(cells) else "<w:cantSplit/>"
        rows.append(f"<w:tr><w:trPr>{keep}</w:trPr>{body}</w:tr>")
    description = f"{table.caption}. {table.note}" if table.note else table.caption
    return (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        '<w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="45" w:type="dxa"/><w:right w:w="45" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/>'
        f"<w:tblCaption w:val={quoteattr(clean(table.caption))}/>"
        f"<w:tblDescription w:val={quoteattr(clean(description))}/>"
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
