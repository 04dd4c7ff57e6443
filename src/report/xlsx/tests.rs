//! Tests of the Excel writer.

use super::*;
use calamine::{Data, Dimensions, Reader, Xlsx, open_workbook};

fn s(text: &str) -> CellValue {
    CellValue::Text(text.into())
}

fn person(no: i64, name: &str, id: &str, phone: &str, fen: Fen) -> Vec<CellValue> {
    vec![
        CellValue::Int(no),
        s(name),
        s(id),
        s(phone),
        CellValue::Fen(fen),
    ]
}

/// Nobody: no line under the tables, so the layouts below are the tables' own.
fn made_by() -> crate::report::Authorship {
    crate::report::Authorship {
        name: "张三".into(),
        at: jiff::civil::date(2026, 11, 20).at(9, 0, 0, 0),
        line: String::new(),
    }
}

fn subsidy_table() -> SheetTable {
    let col = |header: &str, width, total| SheetColumn {
        header: header.into(),
        width,
        total,
    };
    SheetTable {
        sheet_name: "2025年6月".into(),
        title: "2025年6月公益性岗位补贴发放表".into(),
        subtitle: "单位：东城街道　　金额单位：元".into(),
        columns: vec![
            col("序号", 6.0, false),
            col("姓名", 10.0, false),
            col("身份证号", 22.0, false),
            col("联系电话", 16.0, false),
            col("补贴金额", 12.0, true),
        ],
        rows: vec![
            person(1, "张𠮷秀", "11010519491231002X", "13800138000", 150_000),
            person(2, "欧阳娜娜", "371203198506120017", "0634-6012345", 112_050),
            person(
                3,
                "李四（补扣）",
                "371203198506120017",
                "0634-6012345",
                -5_000,
            ),
        ],
        totals_label: "合计".into(),
        footer: vec![
            "制表人：____　审核人：____".into(),
            "制表日期：2025年6月30日".into(),
        ],
    }
}

#[test]
fn subsidy_sheet_round_trips_through_calamine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("补贴发放表.xlsx");
    let mut empty = subsidy_table();
    (empty.sheet_name, empty.rows) = ("无人".into(), vec![]);
    write_xlsx(&path, &[subsidy_table(), empty], &made_by()).unwrap();

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["2025年6月", "无人"]);
    let range = book.worksheet_range("2025年6月").unwrap();
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let text = |t: &str| Data::String(t.into());
    assert_eq!(at(TITLE_ROW, 0), text("2025年6月公益性岗位补贴发放表"));
    assert_eq!(at(SUBTITLE_ROW, 0), text("单位：东城街道　　金额单位：元"));
    let headers: Vec<Data> = (0..5).map(|c| at(HEADER_ROW, c)).collect();
    assert_eq!(
        headers,
        ["序号", "姓名", "身份证号", "联系电话", "补贴金额"].map(text)
    );

    let first = FIRST_DATA_ROW;
    assert_eq!(at(first, 0), Data::Float(1.0));
    assert_eq!(at(first, 1), text("张𠮷秀"));
    assert_eq!(at(first, 2), text("11010519491231002X"));
    assert_eq!(at(first + 1, 1), text("欧阳娜娜"));
    assert_eq!(at(first + 1, 2), text("371203198506120017"));
    assert_eq!(at(first + 1, 3), text("0634-6012345"));
    let amounts: Vec<Data> = (0..3).map(|r| at(first + r, 4)).collect();
    assert_eq!(amounts, [1500.0, 1120.5, -50.0].map(Data::Float));

    // 150000 + 112050 − 5000 = 257050 fen, cached under a live SUM.
    let totals = first + 3;
    assert_eq!(at(totals, 0), text("合计"));
    assert_eq!(at(totals, 4), Data::Float(2570.50));
    let formulas = book.worksheet_formula("2025年6月").unwrap();
    assert_eq!(formulas.get_value((totals, 4)).unwrap(), "SUM(E4:E6)");
    assert_eq!(at(totals + 2, 0), text("制表人：____　审核人：____"));
    assert_eq!(at(totals + 3, 0), text("制表日期：2025年6月30日"));

    let merged = book.merge_cells_by_sheet_name("2025年6月").unwrap();
    assert!(merged.contains(&Dimensions {
        start: (TITLE_ROW, 0),
        end: (TITLE_ROW, 4)
    }));
    assert!(merged.contains(&Dimensions {
        start: (totals, 0),
        end: (totals, 3)
    }));
    let names = book.defined_names();
    let titles = names.iter().find(|(n, _)| n == "_xlnm.Print_Titles");
    assert!(
        titles.is_some_and(|(_, v)| v.ends_with("$3:$3")),
        "{names:?}"
    );

    // Without data rows the totals row follows the header and shows 0.00.
    let range = book.worksheet_range("无人").unwrap();
    assert_eq!(range.get_value((FIRST_DATA_ROW, 0)), Some(&text("合计")));
    assert_eq!(
        range.get_value((FIRST_DATA_ROW, 4)),
        Some(&Data::Float(0.0))
    );
}

#[test]
fn missing_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("没有这个文件夹").join("发放表.xlsx");
    let err = write_xlsx(&path, &[subsidy_table()], &made_by()).unwrap_err();
    assert!(matches!(err, XlsxError::Save { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with(&format!("could not write {}: ", path.display())));
}

#[test]
fn bad_tables_are_refused_and_leave_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("坏表.xlsx");
    let mut ragged = subsidy_table();
    ragged.rows[1].pop();
    let mut badly_named = subsidy_table();
    badly_named.sheet_name = "2025/06".into();
    std::fs::write(&path, b"an older sheet").unwrap();
    let twins = [subsidy_table(), subsidy_table()];
    let cases = [
        (vec![ragged], "data row 2 has 4 cells"),
        (vec![badly_named], "2025/06"),
        (twins.to_vec(), "already been used"),
    ];
    for (tables, why) in cases {
        let message = write_xlsx(&path, &tables, &made_by())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("坏表.xlsx") && message.contains(why),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"an older sheet");
    }
}

/// `cargo test --release xlsx -- --ignored --nocapture` prints the time.
#[test]
#[ignore = "slow: measures writing 100,000 rows"]
fn hundred_thousand_rows() {
    let mut table = subsidy_table();
    table.rows = (0..100_000)
        .map(|i| {
            person(
                i + 1,
                "欧阳娜娜",
                &format!("3712031985{i:08}"),
                "0634-6012345",
                i,
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("大表.xlsx");
    let start = std::time::Instant::now();
    write_xlsx(&path, &[table], &made_by()).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!("100,000 rows: {:?}, {size} bytes", start.elapsed());

    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let range = book.worksheet_range("2025年6月").unwrap();
    let total: i64 = 99_999 * 100_000 / 2; // Σ i for i < 100000, in fen
    let cell = range.get_value((FIRST_DATA_ROW + 100_000, 4));
    assert_eq!(cell, Some(&Data::Float(total as f64 / 100.0)));
}
