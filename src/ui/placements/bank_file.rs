//! The bank file of an approved month, previewed before export: who is paid what, with
//! account numbers masked on screen (the file itself carries them in full), and what stands
//! in the way: people without an account, accounts held in another name, lines of zero or
//! less (left out).

use egui::{RichText, Ui};

use crate::domain::money::format_yuan;
use crate::domain::pay::Month;
use crate::i18n::{audit as au, bank as bk, common as c};
use crate::jobs::{JobSpec, bank_export};
use crate::store::bank::{self, BankFile};
use crate::ui::loaded::Loaded;
use crate::ui::{Ctx, PathRequest, field_error_ui};

/// The tables the preview is read from.
const TABLES: &[&str] = &[
    "bank_accounts",
    "subsidy_lines",
    "subsidy_months",
    "placements",
    "people",
];

/// State of the preview: the month shown, if open.
#[derive(Default)]
pub struct BankFileView {
    month: Option<Month>,
    data: Loaded<(u64, Month), BankFile>,
    accept_mismatches: bool,
    /// Why the file is made: required, kept in the access records with the exporter.
    reason: String,
}

impl BankFileView {
    /// Opens the preview of `month`.
    pub fn open(&mut self, month: Month) {
        self.month = Some(month);
        self.accept_mismatches = false;
        self.reason.clear();
    }

    /// Draws the preview, if open and of `shown`, the month the view shows (moving to
    /// another month closes it).
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, shown: Month) {
        let Some(month) = self.month else { return };
        if month != shown {
            self.month = None;
            return;
        }
        let lang = cx.lang;
        let masker = cx.masker;
        self.data
            .ensure_now(&cx.store.read(), (cx.rev(TABLES), month), |conn| {
                bank::bank_file(conn, month)
            });
        let mut close = false;
        let mut export = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(bk::bank_file_title(month).text(lang));
                if ui.button(lang.t(bk::CLOSE)).clicked() {
                    close = true;
                }
            });
            ui.weak(lang.t(bk::BANK_FULL_NUMBERS));
            ui.weak(lang.t(bk::BANK_AMOUNT_RULE));
            let Some(file) = self.data.status_ui(ui, lang) else {
                return;
            };
            ui.label(
                RichText::new(
                    bk::bank_summary(file.lines.len(), format_yuan(file.total_fen())).text(lang),
                )
                .strong(),
            );
            if !file.missing_accounts.is_empty() {
                field_error_ui(ui, lang.t(bk::MISSING_ACCOUNTS));
                let names: Vec<&str> = file
                    .missing_accounts
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect();
                ui.label(names.join("、"));
            }
            if !file.mismatches.is_empty() {
                field_error_ui(ui, lang.t(bk::HOLDER_MISMATCHES));
                for m in &file.mismatches {
                    ui.label(bk::holder_mismatch(&m.name, &m.holder_name).text(lang));
                }
                ui.checkbox(&mut self.accept_mismatches, lang.t(bk::ACCEPT_MISMATCHES));
            }
            if !file.left_out.is_empty() {
                ui.strong(lang.t(bk::LEFT_OUT));
                let lines: Vec<String> = file
                    .left_out
                    .iter()
                    .map(|l| format!("{} {}", l.name, format_yuan(l.amount_fen)))
                    .collect();
                ui.label(lines.join("、"));
            }
            let ready = file.missing_accounts.is_empty()
                && (file.mismatches.is_empty() || self.accept_mismatches)
                && !file.lines.is_empty();
            ui.horizontal(|ui| {
                let label = ui.label(lang.t(au::BANK_REASON));
                ui.add(
                    egui::TextEdit::singleline(&mut self.reason)
                        .hint_text(lang.t(au::BANK_REASON_HINT))
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            });
            let ready = ready && !self.reason.trim().is_empty();
            ui.horizontal(|ui| {
                for (format, label) in [
                    (bank_export::BankFormat::Xlsx, bk::EXPORT_BANK_XLSX),
                    (bank_export::BankFormat::Csv, bk::EXPORT_BANK_CSV),
                ] {
                    if ui
                        .add_enabled(ready, egui::Button::new(lang.t(label)))
                        .clicked()
                    {
                        export = Some(format);
                    }
                }
            });
            ui.weak(lang.t(bk::CSV_HINT));
            egui::ScrollArea::vertical()
                .id_salt("bank_file_lines")
                .max_height(220.0)
                .show(ui, |ui| {
                    egui::Grid::new("bank_file_grid")
                        .striped(true)
                        .show(ui, |ui| {
                            for title in [
                                c::COL_NAME,
                                bk::FIELD_ACCOUNT_NO,
                                bk::FIELD_BANK,
                                bk::COL_AMOUNT,
                            ] {
                                ui.strong(lang.t(title));
                            }
                            ui.end_row();
                            for l in &file.lines {
                                let Some(account) = &l.account else { continue };
                                ui.label(&l.name);
                                ui.monospace(masker.account(&account.account_no));
                                ui.label(&account.bank);
                                ui.label(format_yuan(l.amount_fen));
                                ui.end_row();
                            }
                        });
                });
        });
        if let Some(format) = export {
            let accept = self.accept_mismatches;
            let reason = self.reason.trim().to_string();
            cx.ask_path(PathRequest {
                title: bk::EXPORT_BANK_TO,
                suggested_name: format!("{}-{month}.{}", lang.t(bk::BANK_FILE), format.extension()),
                extension: format.extension(),
                then: Box::new(move |path| {
                    JobSpec::new(crate::i18n::window::JOB_EXPORT, move |store, reporter| {
                        bank_export::bank_file(store, month, &path, accept, &reason, reporter)
                    })
                }),
            });
        }
        if close {
            self.month = None;
        }
    }
}
