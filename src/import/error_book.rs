//! The error workbook: the refused rows exactly as they were, under the file's own header
//! row, with a 错误原因 column added, for the clerk to correct and import again.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::read::{Cell, Sheet};
use super::{ImportError, Mapping, Plan};
use crate::i18n::{Lang, Msg, import as im};

/// Writes the refused rows of `plan` (read from `sheet`) to `path`. Returns how many rows it
/// holds.
pub fn write(
    path: &Path,
    sheet: &Sheet,
    plan: &Plan,
    mapping: &Mapping,
    headers: &[String],
    lang: Lang,
) -> Result<usize, ImportError> {
    write_rows(
        path,
        sheet,
        plan.header_row,
        &plan.refused(mapping, headers),
        lang,
    )
}

/// Writes sheet rows `refused` (numbers, each with its reasons) of `sheet` under its header
/// row `header_row` to `path`. Returns how many rows it holds.
pub fn write_rows(
    path: &Path,
    sheet: &Sheet,
    header_row: u32,
    refused: &[(u32, Msg)],
    lang: Lang,
) -> Result<usize, ImportError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = |e: rust_xlsxwriter::XlsxError| ImportError::Write(e.to_string());
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let header_cells = &sheet.rows[header_row as usize - 1];
    let width = sheet
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(header_cells.len()) as u16;
    let put = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, cell: &Cell| {
        match cell {
            Cell::Empty => {}
            Cell::Text(t) => {
                ws.write_string(r, c, t)?;
            }
            Cell::Number(n) => {
                ws.write_number(r, c, *n)?;
            }
            Cell::Date(d) => {
                ws.write_string_with_format(r, c, d.to_string(), &date)?;
            }
        }
        Ok::<(), rust_xlsxwriter::XlsxError>(())
    };
    for (c, cell) in header_cells.iter().enumerate() {
        put(ws, 0, c as u16, cell).map_err(err)?;
    }
    ws.write_string(0, width, lang.t(im::ERROR_COLUMN))
        .map_err(err)?;
    let mut out = 0u32;
    for (number, why) in refused {
        out += 1;
        for (c, cell) in sheet.rows[*number as usize - 1].iter().enumerate() {
            put(ws, out, c as u16, cell).map_err(err)?;
        }
        ws.write_string(out, width, why.get(lang)).map_err(err)?;
    }
    ws.set_column_width(width, 60).map_err(err)?;
    book.save(path).map_err(err)?;
    Ok(out as usize)
}
