//! Tests of the PDF writer.

use super::*;
use std::process::Command;

/// A Latin-only font that every build has: egui's default proportional face.
fn latin_only() -> PdfFont {
    let defaults = egui::FontDefinitions::default();
    let font = defaults
        .font_data
        .get("Ubuntu-Light")
        .expect("egui's Ubuntu-Light");
    PdfFont {
        data: font.font.clone(),
        index: font.index,
    }
}

/// The embedded Chinese font: the same on every machine, so these tests need nothing installed.
fn cjk() -> PdfFont {
    let font = crate::fonts::embedded_font();
    PdfFont {
        data: font.data.clone(),
        index: font.index,
    }
}

const FULL_ID: &str = "11010519491231002X";

/// A public notice of `rows` people; every row also carries the full ID in a sixth cell,
/// which has no column and so must never reach the PDF.
fn notice(rows: usize) -> TableReport {
    let names = ["张三丰", "李秀英", "王建国", "欧阳晓明", "赵敏"];
    let row = |i: usize| {
        let cells = [&i.to_string(), names[(i - 1) % 5], "110105********002X"];
        let cells = cells
            .into_iter()
            .chain(["村（社区）保洁员", "1,800.00", FULL_ID]);
        cells.map(String::from).collect()
    };
    let column = |header, weight, align| ReportColumn::new(header, weight).aligned(align);
    TableReport {
        title: "钢城区城乡公益性岗位上岗人员公示".into(),
        subtitle: "公示期：2026-11-01 至 2026-11-30".into(),
        columns: vec![
            column("序号", 0.7, Align::Right),
            column("姓名", 1.2, Align::Left),
            column("身份证号", 2.2, Align::Left),
            column("岗位", 2.0, Align::Left),
            column("月补贴（元）", 1.3, Align::Right),
        ],
        rows: (1..=rows).map(row).collect(),
        footer: "如有异议，请在公示期内向区人社局反映。电话：0634-6012345".into(),
        generated_on: "生成于 2026-11-01".into(),
        page_label: "第 {} 页，共 {} 页".into(),
        made_by: Some(crate::report::Authorship {
            name: "张三".into(),
            at: jiff::civil::date(2026, 11, 1).at(9, 30, 0, 0),
            line: "导出人：张三  导出时间：2026-11-01 09:30".into(),
        }),
    }
}

/// The text of each page, read back from the file's fonts' ToUnicode maps (the way a
/// reader copies text, so a wrong map fails here too); each text object ends a line.
fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let document = lopdf::Document::load_mem(pdf).expect("a PDF lopdf can read");
    let pages: Vec<u32> = document.get_pages().into_keys().collect();
    assert!(!pages.is_empty(), "no pages");
    let text = |page| {
        document
            .extract_text(&[page])
            .unwrap_or_else(|e| panic!("page {page}: {e}"))
    };
    pages.into_iter().map(text).collect()
}

#[test]
fn chinese_notice_reads_back_with_masked_ids_only() {
    let font = cjk();
    let mut report = notice(3);
    report.rows[1][3] = "村（社区）公共设施维护及环境卫生保洁协管员".into();
    let pdf = write_table_pdf(&report, &font).expect("pdf");
    eprintln!("one-page notice: {} bytes", pdf.len());
    assert!(pdf.len() < 60_000, "font not subset? {} bytes", pdf.len());
    let pages = pdf_pages(&pdf);
    let text = pages.join("\n");
    let title = "钢城区城乡公益性岗位上岗人员公示";
    let ids_and_labels = [
        "110105********002X",
        "第 1 页，共 1 页",
        "生成于 2026-11-01",
        "导出人：张三",
    ];
    for part in [
        title,
        "公示期：2026-11-01",
        "张三丰",
        "0634-6012345",
        "村（社区）公共",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    for part in ids_and_labels {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
    assert!(!text.contains(FULL_ID), "the unmasked ID leaked:\n{text}");
    // The long post is cut with an ellipsis instead of running into the next column.
    assert!(text.contains('…') && !text.contains("保洁协管员"), "{text}");
    assert_eq!(pages.len(), 1);
}

#[test]
fn five_thousand_rows_break_into_pages_that_repeat_the_header() {
    let font = cjk();
    let started = std::time::Instant::now();
    let pdf = write_table_pdf(&notice(5000), &font).expect("pdf");
    eprintln!("5,000 rows: {} bytes in {:?}", pdf.len(), started.elapsed());
    let pages = pdf_pages(&pdf);
    let count = pages.len();
    assert!(count > 50, "only {count} pages");
    for (i, page) in pages.iter().enumerate() {
        let label = format!("第 {} 页，共 {count} 页", i + 1);
        for part in [
            "序号",
            "身份证号",
            "月补贴（元）",
            "生成于 2026-11-01",
            &label,
        ] {
            assert!(
                page.contains(part),
                "{part:?} missing from page {}:\n{page}",
                i + 1
            );
        }
    }
    // Every row once, in order, masked: the rows' numbers are lines of their own.
    let text = pages.concat();
    let numbers: Vec<usize> = text.lines().filter_map(|l| l.trim().parse().ok()).collect();
    assert_eq!(numbers, (1..=5000).collect::<Vec<_>>());
    assert_eq!(text.matches("110105********002X").count(), 5000);
    assert!(!text.contains(FULL_ID), "the unmasked ID leaked");
    let last = &pages[count - 1];
    assert!(
        last.contains("0634-6012345"),
        "the note is not on the last page:\n{last}"
    );
    let title = "钢城区城乡公益性岗位上岗人员公示";
    assert!(pages[0].contains(title) && !last.contains(title));
}

/// A picture of the first page to look at (poppler's pdftoppm). Not run by `cargo test`,
/// which must pass with nothing installed: `cargo test --lib first_page -- --ignored`.
#[test]
#[ignore = "needs pdftoppm (poppler-utils); writes a PNG to look at"]
fn first_page_renders_to_png() {
    let font = cjk();
    let dir = std::env::temp_dir().join("minsheng-report-pdf");
    std::fs::create_dir_all(&dir).expect("dir");
    let pdf = dir.join("notice.pdf");
    std::fs::write(&pdf, write_table_pdf(&notice(60), &font).expect("pdf")).expect("write");
    let args = ["-png", "-r", "60", "-singlefile", "-f", "1", "-l", "1"];
    let run = Command::new("pdftoppm")
        .args(args)
        .arg(&pdf)
        .arg(dir.join("page1"))
        .status();
    let status = run.expect("pdftoppm is needed for this test (apt install poppler-utils)");
    let png = dir.join("page1.png");
    assert!(status.success() && std::fs::metadata(&png).expect("png").len() > 5_000);
    eprintln!("first page: {}", png.display());
}

#[test]
fn english_labels_and_a_wrapped_note() {
    let font = cjk();
    let report = TableReport {
        title: "Public notice".into(),
        columns: vec![ReportColumn::new("Name", 1.0)],
        rows: vec![vec!["Zhang San".into()]],
        footer: "Objections may be raised at the district office. ".repeat(12),
        page_label: "Page {} of {}".into(),
        ..TableReport::default()
    };
    let pdf = write_table_pdf(&report, &font).expect("pdf");
    let face = FontRef::from_index((*font.data).as_ref(), font.index).expect("face");
    let shaper = Shaper::new(&face);
    let lines = shaper.wrap(&report.footer, 10.0, CONTENT_W);
    assert!(lines.len() > 2, "{lines:?}");
    for line in &lines {
        assert!(shaper.width(line, 10.0) <= CONTENT_W, "{line:?} too wide");
        assert!(line.starts_with("Objections") || line.starts_with(char::is_lowercase));
    }
    let pages = pdf_pages(&pdf);
    for part in [
        "Public notice",
        "Name",
        "Zhang San",
        "Page 1 of 1",
        &lines[1],
    ] {
        assert!(
            pages[0].contains(part),
            "{part:?} missing from:\n{}",
            pages[0]
        );
    }
}

#[test]
fn unusable_fonts_and_missing_columns_are_errors() {
    let junk = PdfFont {
        data: Arc::new(vec![0u8; 64]),
        index: 0,
    };
    let err = write_table_pdf(&notice(1), &junk);
    assert!(matches!(err, Err(PdfError::FontUnusable(_))), "{err:?}");
    let no_columns = TableReport {
        columns: Vec::new(),
        ..notice(1)
    };
    assert!(matches!(
        write_table_pdf(&no_columns, &junk),
        Err(PdfError::NoColumns)
    ));
    // A Latin-only font for a Chinese notice would print boxes: refuse it.
    let err = write_table_pdf(&notice(1), &latin_only());
    assert!(
        matches!(&err, Err(PdfError::FontUnusable(m)) if m.contains('钢')),
        "{err:?}"
    );
}

#[test]
fn pagination_places_everything_once_and_keeps_the_note_with_a_row() {
    for (rows, lines) in [(0, 0), (1, 1), (5000, 3), (47, 40), (0, 200)] {
        let pages = paginate(rows, lines, rows % 2 == 0);
        let (mut row, mut line) = (0, 0);
        for page in &pages {
            assert_eq!((page.rows.start, page.footer.start), (row, line));
            (row, line) = (page.rows.end, page.footer.end);
        }
        assert_eq!((row, line), (rows, lines), "{pages:?}");
    }
    // Rows that exactly fill the first page leave no room for the note: the last row
    // moves to the second page with it.
    let full = paginate(1000, 0, true)[0].rows.len();
    let pages = paginate(full, 1, true);
    assert_eq!(
        (pages[1].rows.clone(), pages[1].footer.clone()),
        (full - 1..full, 0..1)
    );
    assert_eq!(page_label("Page {} of {}", 2, 7), "Page 2 of 7");
    assert_eq!(page_label("", 1, 3), "1 / 3");
}
