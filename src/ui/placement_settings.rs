//! The placement rules in the Settings tab: who is eligible, age limits, the agreement's
//! length, the district's minimum-wage tier, the social-insurance subsidy and the dated
//! minimum-wage table (shipped figures are marked until the user checks them).

use egui::Ui;

use super::{field_error_ui, store_error_message, text_field_ui};
use crate::domain::money::{format_yuan, parse_yuan};
use crate::domain::pay::{MinimumWage, PayRules};
use crate::domain::placement::PlacementRules;
use crate::i18n::{Lang, common as c, placements as pl};
use crate::store::categories::Category;
use crate::store::payroll::{self, WageRow};
use crate::store::{Store, placements};

/// A new minimum-wage row as typed.
#[derive(Default)]
struct NewWage {
    from: String,
    tier: u8,
    monthly: String,
    hourly: String,
}

/// State of the placement-rules section.
#[derive(Default)]
pub struct PlacementSettings {
    loaded: Option<u64>,
    rules: Option<PlacementRules>,
    tier: u8,
    social_insurance: String,
    wages: Vec<WageRow>,
    new_wage: NewWage,
    message: Option<(String, bool)>,
}

impl PlacementSettings {
    fn reload(&mut self, store: &Store) {
        if self.loaded == Some(store.revision()) {
            return;
        }
        self.loaded = Some(store.revision());
        self.rules = placements::rules(store.conn()).ok();
        let pay = payroll::pay_rules(store.conn()).unwrap_or(PayRules {
            tier: 2,
            social_insurance_fen: 0,
        });
        self.tier = pay.tier;
        self.social_insurance = format_yuan(pay.social_insurance_fen);
        self.wages = payroll::wage_rows(store.conn()).unwrap_or_default();
        if self.new_wage.tier == 0 {
            self.new_wage.tier = pay.tier;
        }
    }

    /// Draws the section.
    pub fn ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, categories: &[Category]) {
        self.reload(store);
        ui.heading(lang.t(pl::PLACEMENT_RULES));
        crate::ui::message_ui(ui, &self.message);
        let Some(rules) = &mut self.rules else { return };
        ui.label(lang.t(pl::ELIGIBLE_CATEGORIES));
        ui.horizontal_wrapped(|ui| {
            for c in categories.iter().filter(|c| c.active) {
                let mut on = rules.eligible_categories.contains(&c.id);
                if ui.checkbox(&mut on, c.name(lang)).changed() {
                    rules.eligible_categories.retain(|id| *id != c.id);
                    if on {
                        rules.eligible_categories.push(c.id);
                    }
                }
            }
        });
        egui::Grid::new("placement_rules")
            .num_columns(2)
            .show(ui, |ui| {
                for (label, value, range) in [
                    (pl::MIN_AGE, &mut rules.min_age, 14..=70),
                    (pl::MAX_AGE_MALE, &mut rules.max_age_male, 40..=75),
                    (pl::MAX_AGE_FEMALE, &mut rules.max_age_female, 40..=75),
                ] {
                    let label = ui.label(lang.t(label));
                    ui.add(egui::DragValue::new(value).range(range))
                        .labelled_by(label.id);
                    ui.end_row();
                }
                let label = ui.label(lang.t(pl::AGREEMENT_YEARS));
                ui.add(egui::DragValue::new(&mut rules.agreement_years).range(1..=10))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(lang.t(pl::WAGE_TIER));
                ui.add(egui::DragValue::new(&mut self.tier).range(1..=4))
                    .labelled_by(label.id);
                ui.end_row();
                text_field_ui(
                    ui,
                    lang.t(pl::SOCIAL_INSURANCE_SUBSIDY),
                    &mut self.social_insurance,
                    90.0,
                );
                ui.end_row();
            });
        if ui
            .horizontal(|ui| ui.button(lang.t(c::SAVE)).clicked())
            .inner
        {
            self.save_rules(store, lang);
        }
        ui.add_space(8.0);
        self.wages_ui(ui, store, lang);
    }

    fn save_rules(&mut self, store: &mut Store, lang: Lang) {
        let Some(rules) = self.rules.clone() else {
            return;
        };
        let Ok(social_insurance_fen) = parse_yuan(&self.social_insurance) else {
            self.message = Some((lang.t(pl::ADJUSTMENT_INVALID).to_string(), true));
            return;
        };
        let pay = PayRules {
            tier: self.tier,
            social_insurance_fen,
        };
        let result = store.write(|w| {
            placements::set_rules(w, &rules)?;
            payroll::set_pay_rules(w, &pay)
        });
        self.message = Some(match result {
            Ok(()) => (lang.t(c::SETTINGS_SAVED).to_string(), false),
            Err(e) => (store_error_message(&e, lang), true),
        });
    }

    fn wages_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(pl::MINIMUM_WAGES));
        ui.weak(lang.t(pl::MINIMUM_WAGES_EXPLAIN));
        let mut verify = None;
        egui::Grid::new("wage_table")
            .striped(true)
            .num_columns(5)
            .show(ui, |ui| {
                for t in [
                    pl::EFFECTIVE_FROM,
                    pl::WAGE_TIER,
                    pl::MONTHLY_MINIMUM,
                    pl::HOURLY_MINIMUM,
                    pl::VERIFIED,
                ] {
                    ui.strong(lang.t(t));
                }
                ui.end_row();
                for row in &self.wages {
                    ui.label(row.wage.effective_from.to_string());
                    ui.label(row.wage.tier.to_string());
                    ui.label(format_yuan(row.wage.monthly_fen));
                    ui.label(format_yuan(row.wage.hourly_fen));
                    if row.verified {
                        ui.label("✔");
                    } else if ui
                        .small_button(lang.t(pl::MARK_VERIFIED))
                        .on_hover_text(&row.source)
                        .clicked()
                    {
                        verify = Some(row.clone());
                    }
                    ui.end_row();
                }
            });
        if let Some(row) = verify {
            self.save_wage(store, lang, &row.wage, true, &row.source);
        }
        ui.horizontal_wrapped(|ui| {
            text_field_ui(
                ui,
                lang.t(pl::EFFECTIVE_FROM),
                &mut self.new_wage.from,
                100.0,
            );
            let label = ui.label(lang.t(pl::WAGE_TIER));
            ui.add(egui::DragValue::new(&mut self.new_wage.tier).range(1..=4))
                .labelled_by(label.id);
            text_field_ui(
                ui,
                lang.t(pl::MONTHLY_MINIMUM),
                &mut self.new_wage.monthly,
                70.0,
            );
            text_field_ui(
                ui,
                lang.t(pl::HOURLY_MINIMUM),
                &mut self.new_wage.hourly,
                60.0,
            );
            if ui.button(lang.t(pl::ADD_WAGE)).clicked() {
                let parsed = (
                    self.new_wage.from.trim().parse(),
                    parse_yuan(&self.new_wage.monthly),
                    parse_yuan(&self.new_wage.hourly),
                );
                match parsed {
                    (Ok(effective_from), Ok(monthly_fen), Ok(hourly_fen))
                        if monthly_fen > 0 && hourly_fen > 0 =>
                    {
                        let wage = MinimumWage {
                            effective_from,
                            tier: self.new_wage.tier,
                            monthly_fen,
                            hourly_fen,
                        };
                        self.save_wage(store, lang, &wage, true, "entered by the user");
                        self.new_wage = NewWage {
                            tier: self.tier,
                            ..NewWage::default()
                        };
                    }
                    _ => self.message = Some((lang.t(pl::WAGE_INVALID).to_string(), true)),
                }
            }
        });
        if let Some((text, true)) = &self.message {
            field_error_ui(ui, text);
        }
    }

    fn save_wage(
        &mut self,
        store: &mut Store,
        lang: Lang,
        wage: &MinimumWage,
        verified: bool,
        source: &str,
    ) {
        if let Err(e) = store.write(|w| payroll::save_wage(w, wage, verified, source)) {
            self.message = Some((store_error_message(&e, lang), true));
        }
    }
}
