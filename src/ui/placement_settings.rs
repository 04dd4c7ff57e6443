//! The placement rules in the Settings tab: who is eligible, age limits, the agreement's
//! length, the district's minimum-wage tier, the social-insurance subsidy and the dated
//! minimum-wage table (shipped figures are marked until the user checks them).

use egui::Ui;

use super::{Ctx, Notice, Permit, field_error_ui, text_field_ui};
use crate::domain::access::{Action, Area};
use crate::domain::money::{format_yuan, parse_yuan};
use crate::domain::pay::{AbsenceBasis, AbsenceRule, InsuranceRate, MinimumWage, PayRules};
use crate::domain::placement::PlacementRules;
use crate::domain::retirement::{RetirementGroup, RetirementRule};
use crate::i18n::{Lang, Msg, common as c, pay_rules as pr, placements as pl};
use crate::store::categories::Category;
use crate::store::pay_settings::{self, Marked};
use crate::store::payroll::{self, NewAdjustment, WageRow};
use crate::store::{Result, Store, placements};

/// The tables the section shows.
const TABLES: &[&str] = &[
    "settings",
    "minimum_wages",
    "hardship_categories",
    "insurance_rates",
    "retirement_rules",
];

/// A new social-insurance row as typed: the date, the base, then seven percentages.
#[derive(Default)]
struct NewRate {
    from: String,
    base: String,
    percents: [String; 7],
}

/// A new retirement rule as typed.
struct NewRetirement {
    group: RetirementGroup,
    from: String,
    age: i16,
    step: i16,
    max: i16,
}

impl Default for NewRetirement {
    fn default() -> NewRetirement {
        NewRetirement {
            group: RetirementGroup::Male,
            from: String::new(),
            age: 60,
            step: 4,
            max: 36,
        }
    }
}

/// A new minimum-wage row as typed.
#[derive(Default)]
struct NewWage {
    from: String,
    tier: u8,
    monthly: String,
    hourly: String,
}

/// A back-dated rate waiting for the user to confirm the arrears it brings.
struct PendingWage {
    wage: MinimumWage,
    arrears: Vec<NewAdjustment>,
    /// The person of each line, in the order of `arrears`.
    names: Vec<String>,
}

/// State of the placement-rules section.
#[derive(Default)]
pub struct PlacementSettings {
    loaded: Option<u64>,
    rules: Option<PlacementRules>,
    tier: u8,
    absence: AbsenceRule,
    wages: Vec<WageRow>,
    rates: Vec<Marked<InsuranceRate>>,
    new_rate: NewRate,
    retirement: Vec<Marked<RetirementRule>>,
    new_retirement: NewRetirement,
    new_wage: NewWage,
    pending: Option<PendingWage>,
    message: Option<Notice>,
    failed: Option<Msg>,
}

impl PlacementSettings {
    /// Fills the fields from the file when what they show changed.
    fn reload(&mut self, cx: &Ctx<'_>) {
        let rev = cx.rev(TABLES);
        if self.loaded == Some(rev) {
            return;
        }
        self.loaded = Some(rev);
        self.failed = self
            .read(cx.store)
            .err()
            .map(|e| Notice::store_error(&e).msg);
    }

    fn read(&mut self, store: &Store) -> Result<()> {
        self.rules = Some(placements::rules(&store.read())?);
        let pay = payroll::pay_rules(&store.read())?;
        self.tier = pay.tier;
        self.absence = pay.absence;
        self.wages = payroll::wage_rows(&store.read())?;
        self.rates = pay_settings::insurance_rows(&store.read())?;
        self.retirement = pay_settings::retirement_rows(&store.read())?;
        if self.new_wage.tier == 0 {
            self.new_wage.tier = pay.tier;
        }
        Ok(())
    }

    /// Draws the section.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>, categories: &[Category]) {
        let lang = cx.lang;
        self.reload(cx);
        let store = &mut *cx.store;
        ui.heading(lang.t(pl::PLACEMENT_RULES));
        if let Some(failed) = &self.failed {
            crate::ui::error_ui(ui, failed.get(lang));
            return;
        }
        crate::ui::message_ui(ui, &self.message, lang);
        // The programme's rules and rates: its district administrators'.
        let permit = Permit::district(store.session(), Area::Placements, Action::Administer);
        permit.section_ui(ui, lang, |ui| self.rules_ui(ui, store, lang, categories));
    }

    fn rules_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang, categories: &[Category]) {
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
                let label = ui.label(lang.t(pr::AGREEMENT_MAX_YEARS));
                ui.add(egui::DragValue::new(&mut rules.agreement_years).range(1..=10))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(lang.t(pr::EXTEND_TO_RETIREMENT_YEARS));
                ui.add(egui::DragValue::new(&mut rules.extend_to_retirement_years).range(0..=10))
                    .labelled_by(label.id);
                ui.end_row();
                ui.label("");
                ui.checkbox(
                    &mut rules.women_worker_posts,
                    lang.t(pr::WOMEN_WORKER_POSTS),
                );
                ui.end_row();
                let label = ui.label(lang.t(pl::WAGE_TIER));
                ui.add(egui::DragValue::new(&mut self.tier).range(1..=4))
                    .labelled_by(label.id);
                ui.end_row();
                ui.label(lang.t(pr::ABSENCE_BASIS));
                ui.horizontal(|ui| {
                    let basis = &mut self.absence.basis;
                    ui.radio_value(
                        basis,
                        AbsenceBasis::CalendarDays,
                        lang.t(pr::BASIS_CALENDAR),
                    );
                    ui.radio_value(
                        basis,
                        AbsenceBasis::PaidDays { hundredths: 2175 },
                        lang.t(pr::BASIS_PAID_DAYS),
                    );
                });
                ui.end_row();
                ui.label("");
                ui.checkbox(&mut self.absence.leave_counts, lang.t(pr::LEAVE_COUNTS));
                ui.end_row();
            });
        if ui
            .horizontal(|ui| ui.button(lang.t(c::SAVE)).clicked())
            .inner
        {
            self.save_rules(store);
        }
        ui.add_space(8.0);
        self.wages_ui(ui, store, lang);
        ui.add_space(8.0);
        self.rates_ui(ui, store, lang);
        ui.add_space(8.0);
        self.retirement_ui(ui, store, lang);
    }

    fn rates_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(pr::INSURANCE_RATES));
        ui.weak(lang.t(pr::INSURANCE_EXPLAIN));
        const HEADS: [crate::i18n::Text; 7] = [
            pr::PENSION_EMPLOYER,
            pr::MEDICAL_EMPLOYER,
            pr::UNEMPLOYMENT_EMPLOYER,
            pr::INJURY_EMPLOYER,
            pr::PENSION_PERSON,
            pr::MEDICAL_PERSON,
            pr::UNEMPLOYMENT_PERSON,
        ];
        let mut verify = None;
        egui::Grid::new("insurance_rates")
            .striped(true)
            .num_columns(10)
            .show(ui, |ui| {
                ui.strong(lang.t(pl::EFFECTIVE_FROM));
                ui.strong(lang.t(pr::BASE));
                for h in HEADS {
                    ui.strong(lang.t(h));
                }
                ui.strong(lang.t(pl::VERIFIED));
                ui.end_row();
                for row in &self.rates {
                    let r = &row.value;
                    ui.label(r.effective_from.to_string());
                    ui.label(format_yuan(r.base_fen));
                    for bp in bps(r) {
                        // Basis points read as a percentage with two decimals.
                        ui.label(format_yuan(bp));
                    }
                    if row.verified {
                        ui.label("√");
                    } else if ui
                        .small_button(lang.t(pl::MARK_VERIFIED))
                        .on_hover_text(row.source.as_str())
                        .clicked()
                    {
                        verify = Some(row.clone());
                    }
                    ui.end_row();
                }
            });
        if let Some(row) = verify {
            self.write(store, |w| {
                pay_settings::save_insurance_rate(w, &row.value, true, &row.source)
            });
        }
        ui.horizontal_wrapped(|ui| {
            text_field_ui(
                ui,
                lang.t(pl::EFFECTIVE_FROM),
                &mut self.new_rate.from,
                100.0,
            );
            text_field_ui(ui, lang.t(pr::BASE), &mut self.new_rate.base, 80.0);
            for (h, text) in HEADS.iter().zip(self.new_rate.percents.iter_mut()) {
                text_field_ui(ui, lang.t(*h), text, 50.0);
            }
            if ui.button(lang.t(pr::ADD_INSURANCE_RATE)).clicked() {
                match parse_rate(&self.new_rate) {
                    Some(rate) => {
                        self.write(store, |w| {
                            pay_settings::save_insurance_rate(w, &rate, true, USER_SOURCE)
                        });
                        self.new_rate = NewRate::default();
                    }
                    None => self.message = Some(Notice::error(pr::INSURANCE_INVALID)),
                }
            }
        });
    }

    fn retirement_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(pr::RETIREMENT_RULES));
        ui.weak(lang.t(pr::RETIREMENT_EXPLAIN));
        let mut verify = None;
        egui::Grid::new("retirement_rules")
            .striped(true)
            .num_columns(6)
            .show(ui, |ui| {
                for t in [
                    pr::GROUP,
                    pl::EFFECTIVE_FROM,
                    pr::ORIGINAL_AGE,
                    pr::MONTHS_PER_STEP,
                    pr::MAX_DELAY,
                    pl::VERIFIED,
                ] {
                    ui.strong(lang.t(t));
                }
                ui.end_row();
                for row in &self.retirement {
                    let r = &row.value;
                    ui.label(lang.t(group_label(r.group)));
                    ui.label(r.effective_from.to_string());
                    ui.label(r.original_age_years.to_string());
                    ui.label(r.months_per_step.to_string());
                    ui.label(r.max_delay_months.to_string());
                    if row.verified {
                        ui.label("√");
                    } else if ui
                        .small_button(lang.t(pl::MARK_VERIFIED))
                        .on_hover_text(row.source.as_str())
                        .clicked()
                    {
                        verify = Some(row.clone());
                    }
                    ui.end_row();
                }
            });
        if let Some(row) = verify {
            self.write(store, |w| {
                pay_settings::save_retirement_rule(w, &row.value, true, &row.source)
            });
        }
        ui.horizontal_wrapped(|ui| {
            let n = &mut self.new_retirement;
            let label = ui.label(lang.t(pr::GROUP));
            egui::ComboBox::from_id_salt("retirement_group")
                .selected_text(lang.t(group_label(n.group)))
                .show_ui(ui, |ui| {
                    for g in RetirementGroup::ALL {
                        ui.selectable_value(&mut n.group, g, lang.t(group_label(g)));
                    }
                })
                .response
                .labelled_by(label.id);
            text_field_ui(ui, lang.t(pl::EFFECTIVE_FROM), &mut n.from, 100.0);
            for (label, value, range) in [
                (pr::ORIGINAL_AGE, &mut n.age, 40..=75),
                (pr::MONTHS_PER_STEP, &mut n.step, 0..=12),
                (pr::MAX_DELAY, &mut n.max, 0..=120),
            ] {
                let label = ui.label(lang.t(label));
                ui.add(egui::DragValue::new(value).range(range))
                    .labelled_by(label.id);
            }
            if ui.button(lang.t(pr::ADD_RETIREMENT_RULE)).clicked() {
                match n.from.trim().parse() {
                    Ok(effective_from) => {
                        let rule = RetirementRule {
                            group: n.group,
                            effective_from,
                            original_age_years: n.age,
                            months_per_step: n.step,
                            max_delay_months: n.max,
                        };
                        self.write(store, |w| {
                            pay_settings::save_retirement_rule(w, &rule, true, USER_SOURCE)
                        });
                    }
                    Err(_) => self.message = Some(Notice::error(pl::BAD_DATE)),
                }
            }
        });
    }

    fn write(
        &mut self,
        store: &mut Store,
        f: impl FnOnce(&crate::store::Writer<'_>) -> Result<()>,
    ) {
        if let Err(e) = store.write(f) {
            self.message = Some(Notice::store_error(&e));
        }
    }

    fn save_rules(&mut self, store: &mut Store) {
        let Some(rules) = self.rules.clone() else {
            return;
        };
        let pay = PayRules {
            tier: self.tier,
            absence: self.absence,
        };
        let result = store.write(|w| {
            placements::set_rules(w, &rules)?;
            payroll::set_pay_rules(w, &pay)
        });
        self.message = Some(match result {
            Ok(()) => Notice::info(c::SETTINGS_SAVED),
            Err(e) => Notice::store_error(&e),
        });
    }

    fn wages_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        ui.strong(lang.t(pl::MINIMUM_WAGES));
        ui.weak(lang.t(pl::MINIMUM_WAGES_EXPLAIN));
        let mut verify = None;
        egui::Grid::new("wage_table")
            .striped(true)
            .num_columns(6)
            .show(ui, |ui| {
                for t in [
                    pl::EFFECTIVE_FROM,
                    pl::WAGE_TIER,
                    pl::MONTHLY_MINIMUM,
                    pl::HOURLY_MINIMUM,
                    pl::VERIFIED,
                    pl::RECORDED_AT,
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
                        ui.label("√");
                    } else if ui
                        .small_button(lang.t(pl::MARK_VERIFIED))
                        .on_hover_text(wage_source(&row.source, lang))
                        .clicked()
                    {
                        verify = Some(row.clone());
                    }
                    ui.label(row.recorded_at.as_deref().unwrap_or(""));
                    ui.end_row();
                }
            });
        if let Some(row) = verify {
            self.save_wage(store, &row.wage, true, &row.source);
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
                        self.add_wage(store, wage);
                        self.new_wage = NewWage {
                            tier: self.tier,
                            ..NewWage::default()
                        };
                    }
                    _ => self.message = Some(Notice::error(pl::WAGE_INVALID)),
                }
            }
        });
        self.pending_ui(ui, store, lang);
        if let Some(notice) = self.message.as_ref().filter(|n| n.error) {
            field_error_ui(ui, notice.msg.get(lang));
        }
    }

    /// A new rate: saved at once, unless it takes effect before months already approved;
    /// then the arrears it owes them are shown for review first.
    fn add_wage(&mut self, store: &mut Store, wage: MinimumWage) {
        let arrears = match payroll::arrears_for_wage(&store.read(), &wage) {
            Ok(arrears) => arrears,
            Err(e) => {
                self.message = Some(Notice::store_error(&e));
                return;
            }
        };
        if arrears.is_empty() {
            self.save_wage(store, &wage, true, USER_SOURCE);
            return;
        }
        let names = arrears
            .iter()
            .map(|a| placements::get(&store.read(), a.placement_id).map(|p| p.name))
            .collect::<Result<Vec<_>>>();
        match names {
            Ok(names) => {
                self.pending = Some(PendingWage {
                    wage,
                    arrears,
                    names,
                })
            }
            Err(e) => self.message = Some(Notice::store_error(&e)),
        }
    }

    /// The arrears of a back-dated rate: how many, how much, each line; confirm or cancel.
    fn pending_ui(&mut self, ui: &mut Ui, store: &mut Store, lang: Lang) {
        let Some(pending) = &self.pending else {
            return;
        };
        let total: i64 = pending.arrears.iter().map(|a| a.amount_fen).sum();
        let mut confirmed = None;
        ui.group(|ui| {
            ui.label(pl::arrears_preview(pending.arrears.len(), format_yuan(total)).get(lang));
            egui::ScrollArea::vertical()
                .id_salt("arrears_lines")
                .max_height(180.0)
                .show(ui, |ui| {
                    egui::Grid::new("arrears_grid")
                        .striped(true)
                        .num_columns(3)
                        .show(ui, |ui| {
                            for t in [c::COL_NAME, pl::ARREARS_FOR_MONTH, pl::COL_ADJUSTMENT] {
                                ui.strong(lang.t(t));
                            }
                            ui.end_row();
                            for (a, name) in pending.arrears.iter().zip(&pending.names) {
                                ui.label(name);
                                ui.label(a.corrects_month.to_string());
                                ui.label(format_yuan(a.amount_fen));
                                ui.end_row();
                            }
                        });
                });
            ui.horizontal(|ui| {
                if ui.button(lang.t(pl::SAVE_RATE_WITH_ARREARS)).clicked() {
                    confirmed = Some(true);
                }
                if ui.button(lang.t(c::CANCEL)).clicked() {
                    confirmed = Some(false);
                }
            });
        });
        match confirmed {
            Some(true) => {
                let Some(p) = self.pending.take() else { return };
                let result = store.write(|w| {
                    payroll::save_wage_with_arrears(w, &p.wage, true, USER_SOURCE, &p.arrears)
                });
                self.message = Some(match result {
                    Ok(count) => Notice::info(pl::arrears_saved(count)),
                    Err(e) => Notice::store_error(&e),
                });
            }
            Some(false) => self.pending = None,
            None => {}
        }
    }

    fn save_wage(&mut self, store: &mut Store, wage: &MinimumWage, verified: bool, source: &str) {
        if let Err(e) = store.write(|w| payroll::save_wage(w, wage, verified, source)) {
            self.message = Some(Notice::store_error(&e));
        }
    }
}

/// The seven rates of a row, in the order of the columns.
fn bps(r: &InsuranceRate) -> [i64; 7] {
    [
        r.pension_employer_bp,
        r.medical_employer_bp,
        r.unemployment_employer_bp,
        r.injury_employer_bp,
        r.pension_person_bp,
        r.medical_person_bp,
        r.unemployment_person_bp,
    ]
}

/// Reads a typed row; percentages with up to two decimals are basis points, read as an
/// amount is read as fen.
fn parse_rate(n: &NewRate) -> Option<InsuranceRate> {
    let effective_from = n.from.trim().parse().ok()?;
    let base_fen = parse_yuan(&n.base).ok().filter(|b| *b >= 0)?;
    let mut bp = [0i64; 7];
    for (slot, text) in bp.iter_mut().zip(&n.percents) {
        *slot = if text.trim().is_empty() {
            0
        } else {
            parse_yuan(text).ok().filter(|v| (0..=10_000).contains(v))?
        };
    }
    Some(InsuranceRate {
        effective_from,
        base_fen,
        pension_employer_bp: bp[0],
        medical_employer_bp: bp[1],
        unemployment_employer_bp: bp[2],
        injury_employer_bp: bp[3],
        pension_person_bp: bp[4],
        medical_person_bp: bp[5],
        unemployment_person_bp: bp[6],
    })
}

fn group_label(g: RetirementGroup) -> crate::i18n::Text {
    match g {
        RetirementGroup::Male => pr::GROUP_MALE,
        RetirementGroup::FemaleCadre => pr::GROUP_FEMALE_CADRE,
        RetirementGroup::FemaleWorker => pr::GROUP_FEMALE_WORKER,
    }
}

/// What the wage table stores as the source of a rate the user entered.
const USER_SOURCE: &str = "entered by the user";

/// Where a rate came from, in the user's language: the sources the program writes are
/// codes it knows; anything else is shown as stored.
fn wage_source(source: &str, lang: Lang) -> String {
    let known = match source {
        "secondary sources" => Some(pl::SOURCE_SECONDARY),
        "unverified: check the provincial notice" => Some(pl::SOURCE_UNVERIFIED),
        USER_SOURCE => Some(pl::SOURCE_USER),
        _ => None,
    };
    known.map_or_else(|| source.to_string(), |t| lang.t(t).to_string())
}
