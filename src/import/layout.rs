//! Where the table is on a sheet: the header row below merged title rows and blank rows,
//! and the body rows that are not data (blank rows, a totals row, the signature and notes
//! at the end), each said to be ignored.

use super::clean::{header_key, normalise};
use super::read::{Cell, Sheet};

/// Why a row of the body was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ignored {
    /// Nothing in it.
    Blank,
    /// A 合计/总计/小计 row.
    Totals,
    /// A signature or notes row (制表人, 审核, 备注, 说明 …) at the end.
    Notes,
}

/// The table found on a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Index of the header row in [`Sheet::rows`] (sheet row `header + 1`).
    pub header: usize,
    /// The header texts, normalised, one per column.
    pub headers: Vec<String>,
    /// The data rows, by index in [`Sheet::rows`].
    pub body: Vec<usize>,
    /// The rows left out, by index, with why.
    pub ignored: Vec<(usize, Ignored)>,
}

/// How many rows from the top the header is looked for in.
const HEADER_SEARCH_ROWS: usize = 30;

const TOTALS: [&str; 3] = ["合计", "总计", "小计"];
const NOTES: [&str; 14] = [
    "制表",
    "填表",
    "审核",
    "审批",
    "负责人",
    "经办人",
    "备注",
    "说明",
    "注:",
    "注意",
    "签字",
    "签名",
    "盖章",
    "单位(盖章)",
];

/// Finds the table on `sheet`. `known` says whether a header text is one of the kind's
/// names: the header is the row among the first rows that holds the most of them (a merged
/// title holds one text at most), or, when none does, the first row with two texts.
pub fn find(sheet: &Sheet, known: &dyn Fn(&str) -> bool) -> Option<Layout> {
    let score = |row: &Vec<Cell>| {
        row.iter()
            .filter(|c| !c.is_blank() && known(&header_key(&c.text())))
            .count()
    };
    let filled = |row: &Vec<Cell>| row.iter().filter(|c| !c.is_blank()).count();
    let top = sheet.rows.len().min(HEADER_SEARCH_ROWS);
    let best = (0..top)
        .map(|i| (score(&sheet.rows[i]), i))
        .filter(|(s, _)| *s > 0)
        .max_by_key(|(s, i)| (*s, std::cmp::Reverse(*i)))
        .map(|(_, i)| i)
        .or_else(|| (0..top).find(|&i| filled(&sheet.rows[i]) >= 2))?;
    let headers = sheet.rows[best].iter().map(Cell::text).collect();
    let mut body = Vec::new();
    let mut ignored = Vec::new();
    let mut after_totals = false;
    for (i, row) in sheet.rows.iter().enumerate().skip(best + 1) {
        let n = filled(row);
        let first = row
            .iter()
            .find(|c| !c.is_blank())
            .map(|c| header_key(&c.text()))
            .unwrap_or_default();
        let why = if n == 0 {
            Some(Ignored::Blank)
        } else if row.iter().any(|c| {
            let k = header_key(&c.text());
            TOTALS.iter().any(|t| k.starts_with(t))
        }) {
            after_totals = true;
            Some(Ignored::Totals)
        } else if n <= 2 && NOTES.iter().any(|p| first.starts_with(p)) || after_totals && n <= 1 {
            Some(Ignored::Notes)
        } else {
            None
        };
        match why {
            Some(why) => ignored.push((i, why)),
            None => body.push(i),
        }
    }
    Some(Layout {
        header: best,
        headers,
        body,
        ignored,
    })
}

/// The text of a header cell for the mapping's memory: the normalised headers joined.
pub fn signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| header_key(h))
        .collect::<Vec<_>>()
        .join("\u{1F}")
}

/// Whether a text is blank once normalised.
pub fn blank(text: &str) -> bool {
    normalise(text).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn header_below_a_title_and_the_rows_that_are_not_data() {
        let sheet = Sheet {
            name: "s".into(),
            rows: vec![
                row(&["钢城区公益性岗位人员花名册"]),
                row(&["填报单位：汶源街道", "", "2026年6月"]),
                row(&["序号", "姓名", "身份证号", "联系电话"]),
                row(&["1", "张三", "x", ""]),
                row(&["", "", "", ""]),
                row(&["2", "李四", "y", ""]),
                row(&["合计", "2人"]),
                row(&["制表人：王五", "审核人：赵六"]),
                row(&["2026年6月30日"]),
            ],
        };
        let known = |h: &str| ["姓名", "身份证号", "联系电话"].contains(&h);
        let layout = find(&sheet, &known).unwrap();
        assert_eq!(layout.header, 2);
        assert_eq!(layout.body, vec![3, 5]);
        assert_eq!(
            layout.ignored,
            vec![
                (4, Ignored::Blank),
                (6, Ignored::Totals),
                (7, Ignored::Notes),
                (8, Ignored::Notes)
            ]
        );
    }
}
