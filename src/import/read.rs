//! Reading the office's file as it is: every sheet of an `.xlsx`/`.xls` workbook through
//! calamine, or a `.csv` in UTF-8 (with or without BOM) or GBK/GB18030 as Chinese Excel and
//! WPS save it. Cells keep what the file says they are (text, number, date), so that the
//! cleaning can tell an ID typed as text from one Excel stored as a number.

use std::path::Path;

use jiff::civil::Date;

use super::ImportError;

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, as typed.
    Text(String),
    /// A number cell (an ID stored this way has lost its last digits).
    Number(f64),
    /// A cell Excel formats as a date.
    Date(Date),
}

impl Cell {
    /// Whether the cell holds nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => super::clean::normalise(t).is_empty(),
            _ => false,
        }
    }

    /// The cell as the clerk reads it on screen, normalised (see [`super::clean::normalise`]).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => super::clean::normalise(t),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// A number as Excel shows it in a General cell: no `.0` on whole numbers.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One sheet: its rows from the sheet's first row, so `rows[i]` is sheet row `i + 1`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The sheet's name (a CSV file's name for a CSV).
    pub name: String,
    /// Every row, from row 1.
    pub rows: Vec<Vec<Cell>>,
}

/// The text encoding of a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// GBK and its superset GB18030, as Chinese Excel and WPS save CSV.
    Gb18030,
}

impl Encoding {
    /// Both, for the choice in the window.
    pub const ALL: [Encoding; 2] = [Encoding::Utf8, Encoding::Gb18030];

    /// Its usual name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GBK/GB18030",
        }
    }

    /// Reads a command-line or settings spelling.
    pub fn parse(s: &str) -> Option<Encoding> {
        match s.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" | "gbk/gb18030" => Some(Encoding::Gb18030),
            _ => None,
        }
    }
}

/// A file read: its sheets, and for a CSV the encoding it was read in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    /// Every sheet, in the file's order.
    pub sheets: Vec<Sheet>,
    /// The encoding a CSV was read in (none for a workbook).
    pub encoding: Option<Encoding>,
}

/// Reads `path`: a workbook by its extension, anything else as CSV in `encoding` (detected
/// when none).
pub fn read_file(path: &Path, encoding: Option<Encoding>) -> Result<Workbook, ImportError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        _ => {
            let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()))?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let (sheet, encoding) = read_csv(&bytes, &name, encoding);
            Ok(Workbook {
                sheets: vec![sheet],
                encoding: Some(encoding),
            })
        }
    }
}

fn read_workbook(path: &Path) -> Result<Workbook, ImportError> {
    use calamine::Reader;
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| ImportError::Unreadable(e.to_string()))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| ImportError::Unreadable(e.to_string()))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(cell_of));
            while cells.last() == Some(&Cell::Empty) {
                cells.pop();
            }
            rows.push(cells);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(Workbook {
        sheets,
        encoding: None,
    })
}

fn cell_of(data: &calamine::Data) -> Cell {
    use calamine::Data;
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => super::clean::excel_serial_date(dt.as_f64())
            .map_or(Cell::Number(dt.as_f64()), Cell::Date),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| d.parse::<Date>().ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// Which encoding `bytes` are in: UTF-8 when they decode as UTF-8 (a BOM says so too),
/// otherwise GB18030, which every byte sequence Chinese Excel and WPS write decodes in.
pub fn detect_encoding(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) || std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    }
}

/// Decodes `bytes` in `encoding`; bytes that do not decode become U+FFFD.
pub fn decode(bytes: &[u8], encoding: Encoding) -> String {
    let enc = match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Gb18030 => encoding_rs::GB18030,
    };
    // `decode` strips a BOM of its own encoding.
    enc.decode(bytes).0.into_owned()
}

/// Reads CSV bytes into one sheet named `name`, in `encoding` or the detected one.
pub fn read_csv(bytes: &[u8], name: &str, encoding: Option<Encoding>) -> (Sheet, Encoding) {
    let encoding = encoding.unwrap_or_else(|| detect_encoding(bytes));
    let text = decode(bytes, encoding);
    let rows = parse_csv(&text)
        .into_iter()
        .map(|row| {
            let mut cells: Vec<Cell> = row
                .into_iter()
                .map(|f| {
                    if f.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f)
                    }
                })
                .collect();
            while cells.last() == Some(&Cell::Empty) {
                cells.pop();
            }
            cells
        })
        .collect();
    (
        Sheet {
            name: name.to_string(),
            rows,
        },
        encoding,
    )
}

/// Splits CSV text into fields (RFC 4180: commas, double quotes doubled inside quoted
/// fields, line breaks inside quotes kept; CRLF or LF ends a record).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_quotes_and_line_breaks() {
        let rows = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",\n");
        assert_eq!(rows[0], vec!["a", "b,c", "say \"hi\""]);
        assert_eq!(rows[1], vec!["1", "two\nlines", ""]);
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn gbk_is_detected_and_utf8_with_bom_is_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,身份证号\n张三,1\n");
        let (sheet, enc) = read_csv(&gbk, "x", None);
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(sheet.rows[0][0], Cell::Text("姓名".into()));
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice("姓名,身份证号\n".as_bytes());
        let (sheet, enc) = read_csv(&utf8, "x", None);
        assert_eq!(enc, Encoding::Utf8);
        assert_eq!(sheet.rows[0][0], Cell::Text("姓名".into()));
        // Chosen by hand, GBK bytes read as UTF-8 come out broken, not as an error.
        let (sheet, _) = read_csv(&gbk, "x", Some(Encoding::Utf8));
        assert!(sheet.rows[0][0].text().contains('\u{FFFD}'));
    }

    #[test]
    fn whole_numbers_show_without_a_decimal_point() {
        assert_eq!(number_text(13812345678.0), "13812345678");
        assert_eq!(number_text(1500.5), "1500.5");
    }
}
