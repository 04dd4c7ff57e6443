//! The window's tabs and the small widgets they share.
//!
//! A tab is a [`Tab`]: a view struct that holds only UI state and rows kept with the data
//! revision and filter they were read for ([`loaded::Loaded`]); it reads the store again
//! only when one of those changed, and draws with the [`Ctx`] the window hands it.

mod account_settings;
pub mod audit;
mod bank_settings;
pub mod context;
pub mod import;
pub mod loaded;
pub mod path_prompt;
pub mod people;
pub mod permit;
pub(crate) mod person_form;
pub mod petitions;
mod placement_settings;
pub mod placements;
pub(crate) mod regions;
pub mod service_points;
pub mod settings;
pub mod sign_in;
mod table_rows;

use crate::store::Read;
use std::borrow::Cow;

use egui::{Color32, Response, RichText, Ui};

use crate::domain::mask::MaskPattern;
pub use context::{Command, Ctx, Notice, PathRequest, Tab};
pub use permit::Permit;

use crate::i18n::{Lang, Text};
use crate::store::{Result, settings as stored_settings};

/// How personal data is shown: masked by the file's patterns, always.
///
/// There is no switch to show everything in full: seeing one person's full ID number or
/// phone is a permission ([`crate::domain::access::Action::Reveal`]) used one person at a
/// time, with a button beside the masked value ([`reveal_button_ui`]), and each use is kept in
/// the access records ([`crate::store::access_log`]). Viewers see masked data only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Masker {
    /// Pattern for resident ID numbers.
    pub id: MaskPattern,
    /// Pattern for phones.
    pub phone: MaskPattern,
    /// Pattern for bank account numbers.
    pub account: MaskPattern,
}

impl Masker {
    /// The file's patterns (defaults where unset), masking.
    pub fn load(conn: &Read<'_>) -> Result<Masker> {
        let (id, phone) = stored_settings::mask_patterns(conn)?;
        Ok(Masker {
            id,
            phone,
            account: crate::store::bank::account_mask(conn)?,
        })
    }

    /// An ID number as it may be shown.
    pub fn id_number<'a>(&self, s: &'a str) -> Cow<'a, str> {
        Cow::Owned(self.id.apply(s))
    }

    /// A bank account number as it may be shown.
    pub fn account<'a>(&self, s: &'a str) -> Cow<'a, str> {
        Cow::Owned(self.account.apply(s))
    }

    /// A phone as it may be shown.
    pub fn phone<'a>(&self, s: &'a str) -> Cow<'a, str> {
        if s.is_empty() {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(self.phone.apply(s))
        }
    }
}

/// Whether the signed-in user may see full ID numbers or phones of anyone (the button to do
/// so is shown only then); the store checks the person's street when the reveal is recorded,
/// and the people a street's clerk is shown are that street's.
pub fn may_reveal(store: &crate::store::Store) -> bool {
    store.session().may_somewhere(
        crate::domain::access::Area::Registry,
        crate::domain::access::Action::Reveal,
    )
}

/// Records that the user is shown `person`'s full `what`; the value may be shown only if
/// this succeeds (the store refuses a user who may not, or a file it can not write).
pub fn record_reveal(
    store: &mut crate::store::Store,
    person: crate::domain::PersonId,
    what: crate::store::access_log::What,
) -> Result<()> {
    store.write(|w| crate::store::access_log::record_reveal(w, person, what, None))
}

/// The small button beside a masked value that shows it in full (and says so on hover).
pub fn reveal_button_ui(ui: &mut Ui, lang: Lang) -> Response {
    ui.small_button(lang.t(crate::i18n::audit::REVEAL))
        .on_hover_text(lang.t(crate::i18n::audit::REVEAL_HINT))
}

/// The colour of an error message under a field.
pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// A view's last message, if any: an outcome, or an error in the error colour.
pub fn message_ui(ui: &mut Ui, message: &Option<Notice>, lang: Lang) {
    if let Some(notice) = message {
        let text = notice.msg.get(lang);
        if notice.error {
            error_ui(ui, text);
        } else {
            ui.label(text);
        }
    }
}

/// An error where the rows or the result would have been.
pub fn error_ui(ui: &mut Ui, text: &str) -> Response {
    ui.label(RichText::new(text).color(error_color(ui)))
}

/// A striped, resizable table whose cells cut long text instead of wrapping, so every
/// row keeps its height (the tables lay out only the rows in view), with one column per
/// `(title, least width)` of `columns`, the last taking the room left.
///
/// A column starts as wide as its widest cell first shown and never narrower than its
/// title in this language, so "Village/community" is not cut where "村居" fitted. The
/// widths the user sets are remembered between runs, separately per language.
pub fn data_table<'a>(
    ui: &'a mut Ui,
    id_salt: &str,
    lang: Lang,
    columns: &[(Text, f32)],
) -> egui_extras::TableBuilder<'a> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widths: Vec<f32> = columns
        .iter()
        .map(|(title, least)| {
            let title = ui.fonts_mut(|f| {
                f.layout_no_wrap(
                    lang.t(*title).to_string(),
                    font.clone(),
                    Color32::PLACEHOLDER,
                )
                .size()
                .x
            });
            // Room for a sort arrow and the cell's margins.
            least.max(title + 24.0)
        })
        .collect();
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let mut table = egui_extras::TableBuilder::new(ui)
        .id_salt((id_salt, lang))
        .striped(true)
        .resizable(true);
    let last = widths.len().saturating_sub(1);
    for (index, width) in widths.into_iter().enumerate() {
        table = table.column(if index == last {
            egui_extras::Column::remainder().at_least(width)
        } else {
            egui_extras::Column::auto().at_least(width)
        });
    }
    table
}

/// Plain text cells; they do not take the click, so the row can.
pub fn text_cells<I: Into<egui::WidgetText>>(
    row: &mut egui_extras::TableRow<'_, '_>,
    texts: impl IntoIterator<Item = I>,
) {
    for text in texts {
        row.col(|ui| {
            cell_label(ui, text);
        });
    }
}

/// A table cell's text: cut with "…" where the column is too narrow, but measured whole
/// while the table sizes its columns to their content.
pub fn cell_label(ui: &mut Ui, text: impl Into<egui::WidgetText>) -> Response {
    let wrap = if ui.is_sizing_pass() {
        egui::TextWrapMode::Extend
    } else {
        egui::TextWrapMode::Truncate
    };
    ui.add(egui::Label::new(text).selectable(false).wrap_mode(wrap))
}

/// The width of the widest of `texts` in the body font: the least width of a column whose
/// cells take a few known values (a category, a status), so none is cut.
pub fn widest<'t>(ui: &Ui, texts: impl IntoIterator<Item = &'t str>) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    texts
        .into_iter()
        .map(|t| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap(t.to_string(), font.clone(), Color32::PLACEHOLDER)
                    .size()
                    .x
            })
        })
        .fold(0.0, f32::max)
        + 12.0
}

/// A table's header row of bold titles (the columns given to [`data_table`]).
pub fn header_row(mut header: egui_extras::TableRow<'_, '_>, lang: Lang, columns: &[(Text, f32)]) {
    for (title, _) in columns {
        header.col(|ui| {
            cell_label(ui, RichText::new(lang.t(*title)).strong());
        });
    }
}

/// An error message under the field it belongs to.
pub fn field_error_ui(ui: &mut Ui, message: &str) -> Response {
    ui.label(RichText::new(message).color(error_color(ui)))
}

/// A labelled single-line text field; the label names the field for screen readers and tests.
pub fn text_field_ui(ui: &mut Ui, label: &str, value: &mut String, width: f32) -> Response {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(width))
        .labelled_by(label.id)
}
