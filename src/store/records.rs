//! Whole rows as the change log keeps them: one serde type per logged table, with exactly
//! the table's columns (a row with a column the type lacks does not load, so a new column
//! can not be left out of the log unnoticed). The log's "before" and "after" are these rows,
//! so it can rebuild history and carry changes to another site.
//!
//! An entry names its row by rowid; a row whose table has a natural key (a setting's `key`,
//! a sheet's `month`) carries that key in its JSON too, which is what another site matches
//! on. A column added later gets `#[serde(default)]`, so entries written before it still
//! read.

use rusqlite::{Connection, OptionalExtension, types::ValueRef};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Result;
use crate::i18n::{Text, pay_rules as pr, settings as se};

/// A table whose rows the change log records whole.
pub trait Record: Serialize + DeserializeOwned {
    /// The table.
    const TABLE: &'static str;

    /// The row with this rowid as it is now, if it exists.
    fn load(conn: &Connection, rowid: i64) -> Result<Option<Self>> {
        let Some(row) = row_as_json(conn, Self::TABLE, rowid)? else {
            return Ok(None);
        };
        Ok(Some(serde_json::from_value(Value::Object(row))?))
    }
}

/// Every column of one row, by name.
fn row_as_json(conn: &Connection, table: &str, rowid: i64) -> Result<Option<Map<String, Value>>> {
    // `table` is one of the constants of this module, never user input.
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE rowid = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    Ok(stmt
        .query_row([rowid], |r| {
            let mut row = Map::new();
            for (index, name) in names.iter().enumerate() {
                let value = match r.get_ref(index)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(i) => Value::from(i),
                    ValueRef::Real(f) => Value::from(f),
                    ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::from(b.to_vec()),
                };
                row.insert(name.clone(), value);
            }
            Ok(row)
        })
        .optional()?)
}

/// Declares a record type for a table, its fields the table's columns.
macro_rules! records {
    ($(
        $(#[$doc:meta])* $name:ident = $table:literal { $($field:ident: $ty:ty),* $(,)? }
    )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(missing_docs)]
        pub struct $name { $(pub $field: $ty),* }

        impl Record for $name {
            const TABLE: &'static str = $table;
        }
    )*};
}

records! {
    /// A place of the region tree.
    RegionRecord = "regions" {
        id: i64, code: String, name: String, short_name: String, level: String,
        parent_id: Option<i64>, lon: Option<f64>, lat: Option<f64>,
    }
    /// A hardship category.
    CategoryRecord = "hardship_categories" {
        id: i64, name_zh: String, name_en: String, sort_order: i64, active: i64,
    }
    /// A per-file setting.
    SettingRecord = "settings" { key: String, value: String }
    /// A public-welfare post.
    PostRecord = "posts" {
        id: i64, title: String, category: String, area: String, host_unit: String,
        region_id: i64, headcount: i64, monthly_hours_tenths: Option<i64>,
        funded_from: String, funded_to: String, status: String,
        created_at: String, updated_at: String,
        min_hours_tenths: Option<i64>, max_hours_tenths: Option<i64>, closed_on: Option<String>,
    }
    /// A training a person took.
    TrainingRecord = "trainings" {
        id: i64, person_id: i64, course: String, trained_on: Option<String>, hours: Option<i64>,
        passed: Option<i64>, created_at: String, source: Option<String>,
    }
    /// A placement on a post, with its exit.
    PlacementRecord = "placements" {
        id: i64, person_id: i64, post_id: i64, training_id: i64, start_date: String,
        agreement_end: String, accident_insurance: i64, exit_date: Option<String>,
        exit_reason: Option<String>, exit_note: String, created_at: String, updated_at: String,
    }
    /// A placement's days or hours in a month.
    AttendanceRecord = "attendance" {
        id: i64, placement_id: i64, month: String, days_worked: Option<i64>,
        hours_tenths: Option<i64>, leave_days: Option<i64>,
    }
    /// Where a month's subsidy sheet stands. Its lines are computed from the other tables
    /// and are not logged one by one.
    SubsidyMonthRecord = "subsidy_months" {
        month: String, status: String, computed_at: Option<String>,
        approved_at: Option<String>, approved_by: Option<String>,
        // The seal of an approved month (schema 5; absent in older entries).
        tier: Option<i64>, absence_rule: Option<String>, wages_as_of: Option<i64>,
        line_count: Option<i64>, total_fen: Option<i64>, fingerprint: Option<String>,
    }
    /// A correction of an approved month.
    AdjustmentRecord = "subsidy_adjustments" {
        id: i64, month: String, placement_id: i64, corrects_month: String, amount_fen: i64,
        reason: String, created_at: String,
    }
    /// A dated minimum-wage rate.
    MinimumWageRecord = "minimum_wages" {
        id: i64, effective_from: String, tier: i64, monthly_fen: i64, hourly_fen: i64,
        verified: i64, source: String,
        // When the row was entered (schema 5; absent in older entries).
        recorded_at: Option<String>,
    }
    /// A person's bank account, for the bank file.
    BankAccountRecord = "bank_accounts" {
        id: i64, person_id: i64, bank: String, account_no: String, holder_name: String,
        created_at: String, updated_at: String,
    }
    /// A person chosen for placement, for the notice before it.
    NoticeCandidateRecord = "notice_candidates" {
        id: i64, person_id: i64, post_id: Option<i64>, chosen_on: String, created_at: String,
    }
    /// A holiday or a worked weekend day of the working-day calendar.
    CalendarDayRecord = "calendar_days" {
        id: i64, day: String, kind: String, name: String, verified: i64,
    }
    /// A finding of a month's checks accepted with a written reason.
    FindingAcceptanceRecord = "finding_acceptances" {
        id: i64, month: String, kind: String, placement_id: i64, reason: String,
        accepted_by: String, accepted_at: String,
    }
    /// A dated social-insurance base with its rates (from schema 5).
    InsuranceRateRecord = "insurance_rates" {
        id: i64, effective_from: String, base_fen: i64, pension_employer_bp: i64,
        medical_employer_bp: i64, unemployment_employer_bp: i64, injury_employer_bp: i64,
        pension_person_bp: i64, medical_person_bp: i64, unemployment_person_bp: i64,
        verified: i64, source: String,
    }
    /// A dated retirement-age rule (from schema 5).
    RetirementRuleRecord = "retirement_rules" {
        id: i64, grp: String, effective_from: String, original_age_years: i64,
        months_per_step: i64, max_delay_months: i64, verified: i64, source: String,
    }
    /// A rural placement's accident-insurance policy (from schema 5).
    AccidentPolicyRecord = "accident_policies" {
        id: i64, placement_id: i64, insurer: String, policy_no: String, premium_fen: i64,
        covers_from: String, covers_to: String, created_at: String,
    }
    /// A category of matters of the petition log, with its default owner and deadline
    /// (from schema 7).
    PetitionCategoryRecord = "petition_categories" {
        id: i64, code: String, name_zh: String, name_en: String, owner_unit: String,
        deadline_days: i64, complex_days: i64, sort_order: i64, active: i64,
    }
    /// A residents' council meeting (from schema 7).
    CouncilMeetingRecord = "council_meetings" {
        id: i64, region_id: i64, street_id: Option<i64>, held_on: String, place: String,
        chair: String, minutes: String, created_at: String, updated_at: String,
    }
    /// Someone who sat at a council meeting (from schema 7).
    CouncilAttendeeRecord = "council_attendees" {
        id: i64, meeting_id: i64, name: String, role: String, note: String, sort_order: i64,
    }
    /// A matter of the petition log (from schema 7): every step is a logged change of this
    /// row, named by `last_step` with its reason in `last_note`; the matter's timeline is
    /// read from these entries.
    PetitionRecord = "petitions" {
        id: i64, meeting_id: Option<i64>, channel: String, category_id: i64, text: String,
        region_id: i64, street_id: Option<i64>, place_detail: String, lon: Option<f64>,
        lat: Option<f64>, reporter_person_id: Option<i64>, reporter_name: String,
        reporter_phone: String, anonymous: i64, owner_unit: String, owner_person: String,
        complex: i64, received_on: String, deadline: Option<String>, status: String,
        supervised: i64, duplicate_of: Option<i64>, extension_days: Option<i64>,
        extensions_granted: i64, reply: String, outcome: Option<String>,
        responsible_elsewhere: String, replied_on: Option<String>, closed_on: Option<String>,
        satisfaction: Option<String>, reopen_count: i64, return_count: i64,
        returned_on: Option<String>, returned_days: i64, last_step: String, last_note: String,
        created_at: String, updated_at: String,
    }
    /// A role in an area granted to an account (from schema 6).
    AccountGrantRecord = "account_grants" {
        id: i64, account_id: i64, role: String, area: String, street_id: Option<i64>,
    }
}

records! {
    /// A medical-insurance service point, with its services and staff (from schema 7).
    ServicePointRecord = "service_points" {
        id: i64, name: String, tier: String, parent_id: Option<i64>, region_id: i64,
        address: String, lon: Option<f64>, lat: Option<f64>, hours: String, phone: String,
        status: String, opened_on: Option<String>, closed_on: Option<String>, is_new: i64,
        services: String, staff: String, created_at: String, updated_at: String,
    }
    /// A service of the service points' list (from schema 7).
    SpServiceRecord = "sp_services" {
        id: i64, name_zh: String, name_en: String, sort_order: i64, active: i64,
    }
    /// A line of a service point's log (from schema 7).
    ServiceLogRecord = "service_log" {
        id: i64, point_id: i64, day: String, service_id: i64, count: i64, passed_on: i64,
        created_at: String,
    }
    /// An imported outline (from schema 7).
    MapOutlineRecord = "map_outlines" {
        id: i64, name: String, geometry: String, vertices: i64, datum_in: String,
        source: String, imported_at: String,
    }
}

/// A person, with the hardship categories they hold (kept in `person_hardships`, logged
/// with the person).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct PersonRecord {
    pub id: i64,
    pub name: String,
    pub id_number: String,
    pub birth_date: String,
    pub sex: String,
    pub phone: String,
    pub address: String,
    pub region_id: i64,
    pub notes: String,
    pub deleted_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The pinyin sort key of the name (from schema 4; empty in older entries).
    #[serde(default)]
    pub name_key: String,
    /// Ids of the hardship categories held, in order.
    pub categories: Vec<i64>,
}

impl Record for PersonRecord {
    const TABLE: &'static str = "people";

    fn load(conn: &Connection, rowid: i64) -> Result<Option<Self>> {
        let Some(mut row) = row_as_json(conn, Self::TABLE, rowid)? else {
            return Ok(None);
        };
        let categories: Vec<i64> = conn
            .prepare_cached(
                "SELECT category_id FROM person_hardships WHERE person_id = ?1
                 ORDER BY category_id",
            )?
            .query_map([rowid], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        row.insert("categories".into(), Value::from(categories));
        Ok(Some(serde_json::from_value(Value::Object(row))?))
    }
}

/// An account as the change log keeps it: never its password hash (a new password shows
/// as `password_changed_at`/`_by`), nor the sign-in's failure count and time, which change
/// on every wrong password and are not a change anyone made to the account.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct AccountRecord {
    pub id: i64,
    pub name: String,
    pub display_name: String,
    pub created_at: String,
    pub disabled: i64,
    pub password_changed_at: String,
    pub password_changed_by: String,
}

/// The columns of `accounts` an [`AccountRecord`] leaves out.
pub const ACCOUNT_COLUMNS_NOT_LOGGED: &[&str] =
    &["password_hash", "failed_count", "last_failed_at"];

impl Record for AccountRecord {
    const TABLE: &'static str = "accounts";

    fn load(conn: &Connection, rowid: i64) -> Result<Option<Self>> {
        let Some(mut row) = row_as_json(conn, Self::TABLE, rowid)? else {
            return Ok(None);
        };
        for column in ACCOUNT_COLUMNS_NOT_LOGGED {
            row.remove(*column);
        }
        Ok(Some(serde_json::from_value(Value::Object(row))?))
    }
}

/// The logged tables, each with its record type and its name for the change log's view:
/// the one list [`snapshot`] and [`label`] read, so a new table is added in one place.
macro_rules! logged_tables {
    ($($ty:ident => $label:expr,)*) => {
        /// Row `rowid` of `table` as the change log keeps it, through the table's record
        /// type; `Ok(None)` when the row does not exist, an error for a table the log does
        /// not record.
        pub fn snapshot(conn: &Connection, table: &str, rowid: i64) -> Result<Option<Value>> {
            fn json<R: Record>(conn: &Connection, rowid: i64) -> Result<Option<Value>> {
                Ok(R::load(conn, rowid)?
                    .map(|r| serde_json::to_value(r))
                    .transpose()?)
            }
            match table {
                $($ty::TABLE => json::<$ty>(conn, rowid),)*
                other => Err(super::StoreError::UnknownValue {
                    column: "changes.table_name".into(),
                    value: other.to_string(),
                }),
            }
        }

        /// What a clerk calls the rows of `table` ("人员", "岗位" …), if the log records it.
        pub fn label(table: &str) -> Option<Text> {
            match table {
                $($ty::TABLE => Some($label),)*
                _ => None,
            }
        }
    };
}

logged_tables! {
    RegionRecord => se::TABLE_REGIONS,
    CategoryRecord => se::TABLE_CATEGORIES,
    PersonRecord => se::TABLE_PEOPLE,
    SettingRecord => se::TABLE_SETTINGS,
    PostRecord => se::TABLE_POSTS,
    TrainingRecord => se::TABLE_TRAININGS,
    PlacementRecord => se::TABLE_PLACEMENTS,
    AttendanceRecord => se::TABLE_ATTENDANCE,
    SubsidyMonthRecord => se::TABLE_SUBSIDY_MONTHS,
    AdjustmentRecord => se::TABLE_ADJUSTMENTS,
    MinimumWageRecord => se::TABLE_MINIMUM_WAGES,
    BankAccountRecord => crate::i18n::bank::TABLE_BANK_ACCOUNTS,
    NoticeCandidateRecord => crate::i18n::bank::TABLE_NOTICE_CANDIDATES,
    CalendarDayRecord => crate::i18n::bank::TABLE_CALENDAR_DAYS,
    FindingAcceptanceRecord => se::TABLE_FINDING_ACCEPTANCES,
    InsuranceRateRecord => pr::TABLE_INSURANCE_RATES,
    RetirementRuleRecord => pr::TABLE_RETIREMENT_RULES,
    AccidentPolicyRecord => pr::TABLE_ACCIDENT_POLICIES,
    AccountRecord => crate::i18n::accounts::TABLE_ACCOUNTS,
    AccountGrantRecord => crate::i18n::accounts::TABLE_ACCOUNT_GRANTS,
    PetitionCategoryRecord => crate::i18n::petitions::TABLE_CATEGORIES,
    CouncilMeetingRecord => crate::i18n::petitions::TABLE_MEETINGS,
    CouncilAttendeeRecord => crate::i18n::petitions::TABLE_ATTENDEES,
    PetitionRecord => crate::i18n::petitions::TABLE_MATTERS,
    ServicePointRecord => crate::i18n::service_points::TABLE_SERVICE_POINTS,
    SpServiceRecord => crate::i18n::service_points::TABLE_SP_SERVICES,
    ServiceLogRecord => crate::i18n::service_points::TABLE_SERVICE_LOG,
    MapOutlineRecord => crate::i18n::service_points::TABLE_MAP_OUTLINES,
}

/// The tables whose rows are not logged one by one, and why: the log itself and the
/// revisions it drives, rows logged with their owner (a person's categories), rows computed
/// from logged tables (a month's sheet lines, the name search index).
pub const NOT_LOGGED: &[&str] = &[
    "changes",
    "access_log",
    "revisions",
    "person_hardships",
    "subsidy_lines",
    "subsidy_carries",
    "person_grams",
    // An import's own bookkeeping: the batch spans change-log entries that log each row.
    "import_batches",
    "import_rows",
    "import_mappings",
];
