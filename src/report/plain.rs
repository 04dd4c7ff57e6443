//! Plain tables as a bank's import reads them: the column titles in the first row, one
//! record a row from the second, nothing above or below (no title, no totals row), as an
//! Excel workbook or as CSV.
//!
//! CSV is UTF-8 with a byte-order mark, so that Excel and WPS open the Chinese correctly,
//! with CRLF line ends; a field is quoted only when it holds a comma, a quote or a line end.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError as WriterError};

use super::xlsx::{CellValue, XlsxError};

/// Excel's built-in number format `@` ("Text").
const TEXT_FORMAT: u8 = 49;

/// Writes `rows` under `headers` to a one-sheet workbook at `path`, replacing the file;
/// `made_by` goes into the workbook's properties only (a line under the rows would be read
/// as a record by the bank's import).
///
/// # Errors
///
/// [`XlsxError::Sheet`] if the table does not fit (a ragged row, a bad sheet name),
/// [`XlsxError::Save`] if the file can not be written.
pub fn write_plain_xlsx(
    path: &Path,
    sheet_name: &str,
    headers: &[(String, f64)],
    rows: &[Vec<CellValue>],
    made_by: &super::Authorship,
) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    super::xlsx::set_properties(&mut workbook, made_by);
    let sheet = workbook.add_worksheet();
    let built = (|| -> Result<(), WriterError> {
        if let Some(i) = rows.iter().position(|r| r.len() != headers.len()) {
            return Err(WriterError::ParameterError(format!(
                "row {} has {} cells for {} columns",
                i + 1,
                rows[i].len(),
                headers.len()
            )));
        }
        sheet.set_name(sheet_name)?;
        let bold = Format::new().set_bold();
        let text = Format::new().set_num_format_index(TEXT_FORMAT);
        let money = Format::new().set_num_format("0.00");
        let int = Format::new().set_num_format("0");
        for (c, (header, width)) in headers.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| WriterError::RowColumnLimitError)?;
            sheet.set_column_width(c, *width)?;
            sheet.write_string_with_format(0, c, header, &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| WriterError::RowColumnLimitError)?;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    CellValue::Text(s) => sheet.write_string_with_format(r, c, s, &text)?,
                    CellValue::Fen(f) => {
                        sheet.write_number_with_format(r, c, *f as f64 / 100.0, &money)?
                    }
                    CellValue::Number(x) => sheet.write_number(r, c, *x)?,
                    CellValue::Int(n) => sheet.write_number_with_format(r, c, *n as f64, &int)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(())
    })();
    built.map_err(|source| XlsxError::Sheet {
        path: path.to_owned(),
        sheet: sheet_name.to_string(),
        source,
    })?;
    let bytes = workbook.save_to_buffer();
    let written = bytes.and_then(|bytes| Ok(std::fs::write(path, bytes)?));
    written.map_err(|source| XlsxError::Save {
        path: path.to_owned(),
        source,
    })
}

/// The CSV text of `rows` under `headers`, with the byte-order mark. Money is written as
/// yuan with two decimals and no thousands separator (`1800.00`, see `format_yuan`).
pub fn csv_bytes(headers: &[String], rows: &[Vec<CellValue>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: Vec<String>| {
        let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(headers.to_vec());
    for row in rows {
        line(
            row.iter()
                .map(|cell| match cell {
                    CellValue::Text(s) => s.clone(),
                    CellValue::Fen(f) => crate::domain::money::format_yuan(*f),
                    CellValue::Number(x) => x.to_string(),
                    CellValue::Int(n) => n.to_string(),
                })
                .collect(),
        );
    }
    out.into_bytes()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_bom_crlf_and_quotes_only_where_needed() {
        let rows = vec![vec![
            CellValue::Int(1),
            CellValue::Text("张三".into()),
            CellValue::Text("6222021234567890123".into()),
            CellValue::Fen(180_050),
            CellValue::Text("农行, 钢城\"支行\"".into()),
        ]];
        let headers: Vec<String> = ["序号", "姓名", "账号", "金额", "开户行"]
            .map(String::from)
            .to_vec();
        let text = String::from_utf8(csv_bytes(&headers, &rows)).unwrap();
        assert_eq!(
            text,
            "\u{feff}序号,姓名,账号,金额,开户行\r\n1,张三,6222021234567890123,1800.50,\"农行, 钢城\"\"支行\"\"\"\r\n"
        );
    }
}
