//! An empty template workbook for a kind: the fields' usual header names, a note under each
//! on what goes there, and ID and phone columns formatted as text so Excel keeps every digit.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::{ImportError, Kind};
use crate::i18n::Lang;

/// Writes the template of `kind` to `path`: header on row 1, notes on row 2.
pub fn write(path: &Path, kind: &dyn Kind, lang: Lang) -> Result<(), ImportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ImportError::Write(e.to_string());
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let bold = Format::new().set_bold();
    let note = Format::new()
        .set_italic()
        .set_font_color(0x808080)
        .set_text_wrap();
    let text = Format::new().set_num_format("@");
    for (c, field) in kind.fields().iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, field.aliases[0], &bold)
            .map_err(err)?;
        ws.write_string_with_format(1, c, lang.t(field.note), &note)
            .map_err(err)?;
        ws.set_column_width(c, if field.as_text { 22 } else { 14 })
            .map_err(err)?;
        if field.as_text {
            ws.set_column_format(c, &text).map_err(err)?;
        }
    }
    book.save(path).map_err(err)?;
    Ok(())
}
