//! Settings of paying through the bank and of the public notice: the account mask, the
//! bank file's column titles, the phone for objections, the notice period, and the
//! working-day calendar (holidays and worked weekends, each checked by the office).

use egui::Ui;

use super::loaded::Loaded;
use super::{Ctx, Notice, Permit, text_field_ui};
use crate::domain::access::{Action, Area};
use crate::domain::calendar::DayKind;
use crate::domain::mask::MaskPattern;
use crate::i18n::{Lang, bank as bk, common as c};
use crate::store::bank::{self, CalendarDay};
use crate::store::settings;

/// A fictional card number to show what the mask does.
const SAMPLE_ACCOUNT: &str = "6228480012345678903";

/// State of the section.
#[derive(Default)]
pub struct BankSettings {
    /// The revision of the settings the fields were filled from.
    read: Option<u64>,
    mask: String,
    columns: String,
    phone: String,
    days: String,
    calendar: Loaded<u64, Vec<CalendarDay>>,
    new_day: String,
    new_kind_workday: bool,
    new_name: String,
    message: Option<Notice>,
}

impl BankSettings {
    /// Draws the section.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.reload(cx);
        ui.heading(lang.t(bk::BANK_SETTINGS));
        // The file's own settings (written by the store for administrators of the ledger);
        // the calendar is the programme's administrators'.
        let permit = Permit::keeps_accounts(cx.store.session());
        permit.section_ui(ui, lang, |ui| {
            egui::Grid::new("bank_settings_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    text_field_ui(ui, lang.t(bk::MASK_ACCOUNT_PATTERN), &mut self.mask, 60.0);
                    ui.end_row();
                    if let Ok(pattern) = MaskPattern::parse(&self.mask) {
                        ui.label("");
                        ui.monospace(pattern.apply(SAMPLE_ACCOUNT));
                        ui.end_row();
                    }
                    text_field_ui(ui, lang.t(bk::BANK_COLUMNS), &mut self.columns, 280.0)
                        .on_hover_text(lang.t(bk::BANK_COLUMNS_HINT));
                    ui.end_row();
                    text_field_ui(ui, lang.t(bk::OBJECTION_PHONE), &mut self.phone, 160.0);
                    ui.end_row();
                    text_field_ui(ui, lang.t(bk::NOTICE_DAYS), &mut self.days, 40.0);
                    ui.end_row();
                })
        });
        if permit.button(ui, lang, lang.t(c::SAVE)) {
            self.save(cx);
        }
        ui.add_space(8.0);
        let calendar = cx.permit_district(Area::Placements, Action::Administer);
        calendar.section_ui(ui, lang, |ui| self.calendar_ui(ui, cx, lang));
        crate::ui::message_ui(ui, &self.message, lang);
    }

    fn reload(&mut self, cx: &Ctx<'_>) {
        let conn = &cx.store.read();
        let rev = cx.rev(&["settings"]);
        if self.read != Some(rev) {
            self.read = Some(rev);
            let mask = bank::account_mask(conn).unwrap_or(bank::ACCOUNT_MASK_DEFAULT);
            self.mask = mask.to_string();
            self.columns = bank::bank_columns(conn)
                .map(|c| c.join(","))
                .unwrap_or_default();
            self.phone = bank::objection_phone(conn)
                .ok()
                .flatten()
                .unwrap_or_default();
            let days: u32 = settings::parsed(conn, bank::NOTICE_DAYS_KEY)
                .ok()
                .flatten()
                .unwrap_or(bank::NOTICE_DAYS_DEFAULT);
            self.days = days.to_string();
        }
        self.calendar
            .ensure_now(conn, cx.rev(&["calendar_days"]), bank::calendar_days);
    }

    fn save(&mut self, cx: &mut Ctx<'_>) {
        let mask = MaskPattern::parse(&self.mask);
        let columns: Vec<String> = self
            .columns
            .split([',', '，'])
            .map(|s| s.trim().to_string())
            .collect();
        let days = self
            .days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=30).contains(d));
        let (Ok(mask), true, Some(days)) = (
            mask,
            columns.len() == 6 && columns.iter().all(|c| !c.is_empty()),
            days,
        ) else {
            self.message = Some(Notice::error(bk::BANK_SETTINGS_INVALID));
            return;
        };
        let phone = self.phone.trim().to_string();
        let result = cx.store.write(|w| {
            settings::set(w, bank::MASK_ACCOUNT_KEY, &mask.to_string())?;
            settings::set(w, bank::BANK_COLUMNS_KEY, &columns.join(","))?;
            settings::set(w, bank::OBJECTION_PHONE_KEY, &phone)?;
            settings::set(w, bank::NOTICE_DAYS_KEY, &days.to_string())
        });
        self.message = Some(match result {
            Ok(()) => Notice::info(c::SETTINGS_SAVED),
            Err(e) => Notice::store_error(&e),
        });
    }

    fn calendar_ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, lang: Lang) {
        ui.strong(lang.t(bk::CALENDAR));
        ui.weak(lang.t(bk::CALENDAR_HINT));
        let mut change: Option<CalendarDay> = None;
        let mut remove = None;
        egui::ScrollArea::vertical()
            .id_salt("calendar_days")
            .max_height(240.0)
            .show(ui, |ui| {
                egui::Grid::new("calendar_grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for title in [
                            bk::COL_DAY,
                            bk::COL_KIND,
                            bk::COL_DAY_NAME,
                            bk::COL_VERIFIED,
                        ] {
                            ui.strong(lang.t(title));
                        }
                        ui.end_row();
                        let Some(days) = self.calendar.rows() else {
                            return;
                        };
                        for day in days {
                            ui.monospace(day.day.to_string());
                            ui.label(lang.t(kind_label(day.kind)));
                            ui.label(&day.name);
                            let mut verified = day.verified;
                            let text = if verified { "" } else { lang.t(bk::TO_CHECK) };
                            if ui.checkbox(&mut verified, text).changed() {
                                change = Some(CalendarDay {
                                    verified,
                                    ..day.clone()
                                });
                            }
                            if ui.small_button(lang.t(c::DELETE)).clicked() {
                                remove = Some(day.day);
                            }
                            ui.end_row();
                        }
                    });
            });
        ui.horizontal(|ui| {
            text_field_ui(ui, lang.t(bk::COL_DAY), &mut self.new_day, 90.0);
            ui.selectable_value(&mut self.new_kind_workday, false, lang.t(bk::DAY_HOLIDAY));
            ui.selectable_value(&mut self.new_kind_workday, true, lang.t(bk::DAY_WORKDAY));
            text_field_ui(ui, lang.t(bk::COL_DAY_NAME), &mut self.new_name, 100.0);
            if ui.button(lang.t(bk::ADD_DAY)).clicked() {
                match self.new_day.trim().parse() {
                    Ok(day) => {
                        change = Some(CalendarDay {
                            day,
                            kind: if self.new_kind_workday {
                                DayKind::Workday
                            } else {
                                DayKind::Holiday
                            },
                            name: self.new_name.clone(),
                            verified: true,
                        });
                    }
                    Err(_) => self.message = Some(Notice::error(bk::BAD_DAY)),
                }
            }
        });
        if let Some(day) = change {
            match cx.store.write(|w| bank::set_calendar_day(w, &day)) {
                Ok(()) => {
                    self.new_day.clear();
                    self.new_name.clear();
                }
                Err(e) => self.message = Some(Notice::store_error(&e)),
            }
        }
        if let Some(day) = remove
            && let Err(e) = cx.store.write(|w| bank::remove_calendar_day(w, day))
        {
            self.message = Some(Notice::store_error(&e));
        }
    }
}

fn kind_label(kind: DayKind) -> crate::i18n::Text {
    match kind {
        DayKind::Holiday => bk::DAY_HOLIDAY,
        DayKind::Workday => bk::DAY_WORKDAY,
    }
}
