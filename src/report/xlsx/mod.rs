//! Writes report tables to an `.xlsx` workbook: the month's 补贴发放表 for the bank, and later
//! reports, in a shape that survives further work in Excel or WPS.
//!
//! Every sheet has the same layout (0-based rows, as in `rust_xlsxwriter` and `calamine`):
//! [`TITLE_ROW`] the title merged across the columns, [`SUBTITLE_ROW`] the subtitle (kept even
//! when empty, so that code reading a sheet back finds the header at a fixed place),
//! [`HEADER_ROW`] the bold bordered column headers, the data from [`FIRST_DATA_ROW`], then the
//! totals row (only if a column is totalled) and, after one blank row, the footer lines.
//!
//! Text is written as string cells with the text format `@`: an 18-digit ID number stored as a
//! number keeps only 15 significant digits in Excel, and a landline's leading 0 would vanish.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::utility::cell_range;
use rust_xlsxwriter::{ColNum, Format, FormatAlign, FormatBorder, Formula, RowNum};
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError as WriterError};

use crate::domain::money::Fen;

/// Row of the title.
pub const TITLE_ROW: u32 = 0;
/// Row of the subtitle (unit, month, 金额单位：元 …).
pub const SUBTITLE_ROW: u32 = 1;
/// Row of the column headers, frozen on screen and repeated on every printed page.
pub const HEADER_ROW: u32 = 2;
/// Row of the first data row.
pub const FIRST_DATA_ROW: u32 = 3;

/// Paper size index of A4 in the OOXML page setup.
const PAPER_A4: u8 = 9;
/// Excel's built-in number format `@` ("Text"), by index so that Excel and WPS show it as such.
const TEXT_FORMAT: u8 = 49;
/// Excel's number of rows of a worksheet.
const MAX_ROWS: RowNum = 1_048_576;
/// Excel's number of columns of a worksheet.
const MAX_COLS: ColNum = 16_384;

/// What the sheet-building helpers return: `rust_xlsxwriter`'s error, named by the caller.
type Written = Result<(), WriterError>;

/// One cell of a data row.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    /// Text, written as a string cell with the text format `@`: names, ID numbers, phones,
    /// bank accounts — anything Excel must not turn into a number.
    Text(String),
    /// Money in fen, written as yuan: the number `fen / 100` with the format `0.00`. The
    /// double nearest to a 2-decimal yuan amount shows and sums back to the exact fen for
    /// amounts below 10^13 fen (Excel keeps 15 significant digits), so a bank or a clerk can
    /// compute with the cell, while the totals row is still computed here in integer fen.
    Fen(Fen),
    /// Any other number, written with Excel's General format.
    Number(f64),
    /// A count or other integer, written with the format `0` (exact below 2^53).
    Int(i64),
}

/// A column of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetColumn {
    /// The header text.
    pub header: String,
    /// Width in Excel's character units (a CJK character takes about 2).
    pub width: f64,
    /// Whether the totals row sums this column.
    pub total: bool,
}

/// One worksheet: a titled table with an optional totals row and footer lines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetTable {
    /// Name of the worksheet tab (Excel allows at most 31 characters, none of `[]:*?/\`).
    pub sheet_name: String,
    /// The title above the table, e.g. "2025年6月公益性岗位补贴发放表".
    pub title: String,
    /// The line under the title, e.g. "单位：东城街道　　金额单位：元"; may be empty.
    pub subtitle: String,
    /// The columns, left to right.
    pub columns: Vec<SheetColumn>,
    /// The data rows; every row must have exactly one cell per column.
    pub rows: Vec<Vec<CellValue>>,
    /// Label of the totals row, e.g. "合计", written left of the first totalled column.
    pub totals_label: String,
    /// Lines under the table, e.g. "制表人：____　审核人：____".
    pub footer: Vec<String>,
}

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// A table could not be laid out (ragged row, bad sheet name, beyond Excel's 1,048,576
    /// rows …); the file was not touched.
    #[error("could not write sheet \"{sheet}\" of {path}: {source}")]
    Sheet {
        /// The file that was not written.
        path: PathBuf,
        /// The sheet's name.
        sheet: String,
        /// What went wrong.
        source: WriterError,
    },
    /// The workbook could not be finished (two sheets of one name) or the file could not be
    /// written (missing folder, no permission, open in Excel …).
    #[error("could not write {path}: {source}")]
    Save {
        /// The file that could not be written.
        path: PathBuf,
        /// What `rust_xlsxwriter` reported.
        source: WriterError,
    },
}

/// Writes `tables` to a new workbook at `path`, one worksheet per table, replacing the file;
/// `made_by` becomes the workbook's author and creation time, and its line the last line
/// under every table.
///
/// The whole workbook is built in memory before the file is touched, so a bad table leaves an
/// existing file as it was (a few MB for 100,000 rows).
///
/// # Errors
///
/// [`XlsxError::Sheet`] if a table does not fit a worksheet (a row without one cell per
/// column, a name Excel refuses, too many rows), [`XlsxError::Save`] if the file can not be
/// written.
pub fn write_xlsx(
    path: &Path,
    tables: &[SheetTable],
    made_by: &crate::report::Authorship,
) -> Result<(), XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    set_properties(&mut workbook, made_by);
    for table in tables {
        let sheet = workbook.add_worksheet();
        let mut signed;
        let table = if made_by.line.is_empty() {
            table
        } else {
            signed = table.clone();
            signed.footer.push(made_by.line.clone());
            &signed
        };
        write_sheet(sheet, table, &styles).map_err(|source| XlsxError::Sheet {
            path: path.to_owned(),
            sheet: table.sheet_name.clone(),
            source,
        })?;
    }
    // `Workbook::save` creates the file before its last checks (e.g. two sheets of one name),
    // which would empty an existing file; the finished bytes are written in one go instead.
    let bytes = workbook.save_to_buffer();
    let written = bytes.and_then(|bytes| Ok(std::fs::write(path, bytes)?));
    written.map_err(|source| XlsxError::Save {
        path: path.to_owned(),
        source,
    })
}

/// Names `made_by` as the workbook's author, and its time as the creation time (Excel's
/// File ▸ Info, WPS's document properties).
pub(crate) fn set_properties(workbook: &mut Workbook, made_by: &crate::report::Authorship) {
    let at = made_by.at;
    let mut properties = rust_xlsxwriter::DocProperties::new().set_author(&made_by.name);
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(
        at.year().clamp(1900, 9999) as u16,
        at.month() as u8,
        at.day() as u8,
    )
    .and_then(|d| d.and_hms(at.hour() as u16, at.minute() as u8, at.second() as f64));
    if let Ok(created) = created {
        properties = properties.set_creation_datetime(&created);
    }
    workbook.set_properties(&properties);
}

/// The formats of a workbook, built once because `rust_xlsxwriter` looks a format up per cell.
struct Styles {
    title: Format,
    plain: Format,
    text_column: Format,
    header: Format,
    body: CellFormats,
    total: CellFormats,
}

/// The formats of value cells, one per kind of [`CellValue`].
struct CellFormats {
    text: Format,
    money: Format,
    number: Format,
    int: Format,
}

impl Styles {
    fn new() -> Self {
        let cell = Format::new().set_border(FormatBorder::Thin);
        let cell = cell.set_align(FormatAlign::VerticalCenter);
        let title = Format::new().set_bold().set_font_size(16);
        let title = title.set_align(FormatAlign::Center);
        let header = cell.clone().set_bold().set_align(FormatAlign::Center);
        Styles {
            title: title.set_align(FormatAlign::VerticalCenter),
            plain: Format::new().set_align(FormatAlign::Left),
            // Without the border, which would otherwise run down the whole empty column.
            text_column: Format::new().set_num_format_index(TEXT_FORMAT),
            // Long Chinese headers wrap instead of widening the printed page.
            header: header.set_text_wrap(),
            body: CellFormats::new(&cell),
            total: CellFormats::new(&cell.set_bold()),
        }
    }
}

impl CellFormats {
    fn new(base: &Format) -> Self {
        CellFormats {
            text: base.clone().set_num_format_index(TEXT_FORMAT),
            money: base.clone().set_num_format("0.00"),
            number: base.clone(),
            int: base.clone().set_num_format("0"),
        }
    }
}

/// Lays out one table on `ws`.
fn write_sheet(ws: &mut Worksheet, table: &SheetTable, styles: &Styles) -> Written {
    // A cell without a column would print without a header, and a missing cell would shift an
    // amount under the wrong header: refuse ragged rows before writing anything.
    let ncols = table.columns.len();
    if let Some(i) = table.rows.iter().position(|row| row.len() != ncols) {
        let (row, found) = (i + 1, table.rows[i].len());
        let why = format!("data row {row} has {found} cells but the sheet has {ncols} columns");
        return Err(WriterError::ParameterError(why));
    }
    // Checked once here, so that the `as` casts to Excel's row and column types below are exact.
    let last_row = FIRST_DATA_ROW as usize + table.rows.len() + 1 + table.footer.len();
    if ncols > usize::from(MAX_COLS) || last_row >= MAX_ROWS as usize {
        return Err(WriterError::RowColumnLimitError);
    }
    ws.set_name(&table.sheet_name)?;
    let last_col = ncols.max(1) as ColNum - 1;
    write_band(ws, TITLE_ROW, last_col, &table.title, &styles.title)?;
    ws.set_row_height(TITLE_ROW, 30)?;
    write_band(ws, SUBTITLE_ROW, last_col, &table.subtitle, &styles.plain)?;

    for (c, column) in table.columns.iter().enumerate() {
        let col = c as ColNum;
        ws.set_column_width(col, column.width)?;
        ws.write_string_with_format(HEADER_ROW, col, &column.header, &styles.header)?;
        // A text column keeps `@` below the data too, so an ID typed into a new row stays text.
        let text = |row: &Vec<CellValue>| matches!(row[c], CellValue::Text(_));
        if !table.rows.is_empty() && table.rows.iter().all(text) {
            ws.set_column_format(col, &styles.text_column)?;
        }
    }
    let mut next = FIRST_DATA_ROW;
    for row in &table.rows {
        for (c, cell) in row.iter().enumerate() {
            write_cell(ws, next, c as ColNum, cell, &styles.body)?;
        }
        next += 1;
    }
    if table.columns.iter().any(|c| c.total) {
        write_totals(ws, table, next, &styles.total)?;
        next += 1;
    }
    for line in &table.footer {
        next += 1; // the first footer line leaves a blank row under the table
        write_band(ws, next, last_col, line, &styles.plain)?;
    }

    // Keep the header on screen while scrolling, and on every printed page.
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_paper_size(PAPER_A4).set_landscape();
    // One page wide, as many pages long as needed: a bank sheet must not split its columns.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// Writes one text line across columns `0..=last`, merged (but Excel refuses to merge one cell).
fn write_band(ws: &mut Worksheet, row: RowNum, last: ColNum, text: &str, f: &Format) -> Written {
    if last > 0 {
        ws.merge_range(row, 0, row, last, text, f)?;
    } else {
        ws.write_string_with_format(row, 0, text, f)?;
    }
    Ok(())
}

/// Writes one value cell with the format of its kind.
fn write_cell(ws: &mut Worksheet, r: RowNum, c: ColNum, v: &CellValue, f: &CellFormats) -> Written {
    match v {
        CellValue::Text(s) => ws.write_string_with_format(r, c, s, &f.text)?,
        CellValue::Fen(fen) => ws.write_number_with_format(r, c, *fen as f64 / 100.0, &f.money)?,
        CellValue::Number(x) => ws.write_number_with_format(r, c, *x, &f.number)?,
        // Excel has only doubles; counts are far below 2^53.
        CellValue::Int(n) => ws.write_number_with_format(r, c, *n as f64, &f.int)?,
    };
    Ok(())
}

/// Writes the totals row at `row`: the label left of the first totalled column, and for each
/// totalled column a `SUM` formula whose cached result is the exact total computed here, so
/// Excel and WPS keep the total live when a row is edited, while readers that do not
/// calculate (a bank's import, `calamine`) still see the right value.
fn write_totals(ws: &mut Worksheet, table: &SheetTable, row: RowNum, f: &CellFormats) -> Written {
    let first = table.columns.iter().position(|c| c.total).unwrap_or(0);
    if first > 0 {
        write_band(ws, row, first as ColNum - 1, &table.totals_label, &f.text)?;
    }
    for (c, column) in table.columns.iter().enumerate().skip(first) {
        let col = c as ColNum;
        if !column.total {
            ws.write_blank(row, col, &f.text)?;
            continue;
        }
        let (value, result, format) = column_total(table, c, f);
        if table.rows.is_empty() {
            ws.write_number_with_format(row, col, value, format)?;
        } else {
            let sum = format!("=SUM({})", cell_range(FIRST_DATA_ROW, col, row - 1, col));
            ws.write_formula_with_format(row, col, Formula::new(sum).set_result(result), format)?;
        }
    }
    Ok(())
}

/// The total of column `c`: its value, its exact text for the formula's cached result, and
/// its format. A money column is summed in integer fen (as `i128`, which no number of `i64`
/// rows overflows); any other column as doubles of the shown values.
fn column_total<'f>(table: &SheetTable, c: usize, f: &'f CellFormats) -> (f64, String, &'f Format) {
    let (mut fen, mut other, mut money) = (0_i128, 0.0_f64, true);
    for row in &table.rows {
        match row[c] {
            CellValue::Text(_) => {}
            CellValue::Fen(x) => fen += i128::from(x),
            CellValue::Number(x) => (other, money) = (other + x, false),
            CellValue::Int(x) => (other, money) = (other + x as f64, false),
        }
    }
    if money {
        return (
            fen as f64 / 100.0,
            crate::domain::money::format_yuan(fen),
            &f.money,
        );
    }
    let sum = fen as f64 / 100.0 + other;
    (sum, sum.to_string(), &f.number)
}

#[cfg(test)]
mod tests;
