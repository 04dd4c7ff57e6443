//! Tests of the PDF writer.

use super::*;
use fontique::{Collection, CollectionOptions, FontStyle, FontWeight, FontWidth};
use std::process::Command;

/// The regular face of `family` on this machine, if installed.
fn system_font(family: &str) -> Option<PdfFont> {
    let options = CollectionOptions {
        shared: false,
        system_fonts: true,
    };
    let family = Collection::new(options).family_by_name(family)?;
    let normal = (FontWidth::NORMAL, FontStyle::Normal, FontWeight::NORMAL);
    let font = family.match_font(normal.0, normal.1, normal.2, false)?;
    let data = font.load(None)?.into_raw_parts().0;
    Some(PdfFont {
        data,
        index: font.index(),
    })
}

/// The embedded Chinese font: the same on every machine, so these tests need nothing installed.
fn cjk() -> Option<PdfFont> {
    let font = crate::fonts::embedded_font();
    Some(PdfFont {
        data: font.data.clone(),
        index: font.index,
    })
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
    }
}

/// `pdftotext -layout` output, pages split at form feeds; None if poppler is missing.
fn pdftotext(pdf: &[u8]) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let Ok(out) = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
    else {
        eprintln!("SKIPPED: pdftotext is not installed (apt install poppler-utils)");
        return None;
    };
    assert!(out.status.success(), "pdftotext rejected the file");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    Some(
        text.split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(String::from)
            .collect(),
    )
}

#[test]
fn chinese_notice_reads_back_with_masked_ids_only() {
    let Some(font) = cjk() else { return };
    let mut report = notice(3);
    report.rows[1][3] = "村（社区）公共设施维护及环境卫生保洁协管员".into();
    let pdf = write_table_pdf(&report, &font).expect("pdf");
    eprintln!("one-page notice: {} bytes", pdf.len());
    assert!(pdf.len() < 60_000, "font not subset? {} bytes", pdf.len());
    let Some(pages) = pdftotext(&pdf) else { return };
    let text = pages.join("\n");
    let title = "钢城区城乡公益性岗位上岗人员公示";
    let ids_and_labels = [
        "110105********002X",
        "第 1 页，共 1 页",
        "生成于 2026-11-01",
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
    let Some(font) = cjk() else { return };
    let started = std::time::Instant::now();
    let pdf = write_table_pdf(&notice(5000), &font).expect("pdf");
    eprintln!("5,000 rows: {} bytes in {:?}", pdf.len(), started.elapsed());
    let Some(pages) = pdftotext(&pdf) else { return };
    assert!(pages.len() > 50, "only {} pages", pages.len());
    let last = &pages[pages.len() - 1];
    let label = format!("第 {0} 页，共 {0} 页", pages.len());
    for part in ["身份证号", "月补贴（元）", "5000", "0634-6012345", &label] {
        assert!(
            last.contains(part),
            "{part:?} missing from the last page:\n{last}"
        );
    }
}

#[test]
fn first_page_renders_to_png() {
    let Some(font) = cjk() else { return };
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
    let Ok(status) = run else {
        return eprintln!("SKIPPED: pdftoppm is not installed (apt install poppler-utils)");
    };
    let png = dir.join("page1.png");
    assert!(status.success() && std::fs::metadata(&png).expect("png").len() > 5_000);
    eprintln!("first page: {}", png.display());
}

#[test]
fn english_labels_and_a_wrapped_note() {
    let Some(font) = cjk() else { return };
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
    let Some(pages) = pdftotext(&pdf) else { return };
    assert!(pages[0].contains("Page 1 of 1") && pages[0].contains("Zhang San"));
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
    if let Some(latin) = system_font("DejaVu Sans") {
        let err = write_table_pdf(&notice(1), &latin);
        assert!(
            matches!(&err, Err(PdfError::FontUnusable(m)) if m.contains('钢')),
            "{err:?}"
        );
    }
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
