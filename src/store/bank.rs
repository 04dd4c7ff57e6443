//! Paying through the bank: each person's account, the lines of a month's bank file
//! (代发工资文件) and what stands in its way; the candidates of the notice before placement;
//! the working-day calendar.

use crate::domain::access::{Action as Access, Area};
use crate::store::Read;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, params};

use super::records::{BankAccountRecord, CalendarDayRecord, NoticeCandidateRecord};
use super::values::date_col;
use super::{PlacementRule, RecordKind, Result, StoreError, Writer, changes::Action, settings};
use crate::domain::bank::{check_account_no, clean_account_no, same_holder};
use crate::domain::calendar::{DayKind, WorkCalendar};
use crate::domain::mask::MaskPattern;
use crate::domain::money::Fen;
use crate::domain::pay::Month;
use crate::domain::{PersonId, PostId};

/// Setting key of the bank-account mask pattern.
pub const MASK_ACCOUNT_KEY: &str = "mask.bank_account";
/// Default account mask: the first and last four digits, as banks print a card.
pub const ACCOUNT_MASK_DEFAULT: MaskPattern = MaskPattern {
    keep_start: 4,
    keep_end: 4,
};
/// Setting key of the bank file's column titles, comma-separated in the file's order.
pub const BANK_COLUMNS_KEY: &str = "bank_file.columns";
/// Column titles of the bank file where the setting is unset.
pub const BANK_COLUMNS_DEFAULT: [&str; 6] = ["序号", "姓名", "账号", "金额", "开户行", "备注"];
/// Setting key of the phone for objections printed on the public notice.
pub const OBJECTION_PHONE_KEY: &str = "notice.objection_phone";

/// A person's account as the form writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewAccount {
    /// 开户行, e.g. 中国农业银行莱芜钢城支行.
    pub bank: String,
    /// The full number, as typed (spaces and dashes are taken out).
    pub account_no: String,
    /// 户名: the name the account is held in.
    pub holder_name: String,
}

/// A stored account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankAccount {
    /// Whose.
    pub person_id: PersonId,
    /// 开户行.
    pub bank: String,
    /// The full number; screens mask it.
    pub account_no: String,
    /// 户名.
    pub holder_name: String,
}

/// The file's account mask pattern (the default where unset).
pub fn account_mask(conn: &Read<'_>) -> Result<MaskPattern> {
    match settings::get(conn, MASK_ACCOUNT_KEY)? {
        None => Ok(ACCOUNT_MASK_DEFAULT),
        Some(text) => MaskPattern::parse(&text).map_err(|_| StoreError::UnknownValue {
            column: format!("settings.{MASK_ACCOUNT_KEY}"),
            value: text,
        }),
    }
}

/// The bank file's column titles: the setting's six comma-separated titles, else the
/// defaults.
pub fn bank_columns(conn: &Read<'_>) -> Result<[String; 6]> {
    let stored = settings::get(conn, BANK_COLUMNS_KEY)?.unwrap_or_default();
    let parts: Vec<String> = stored
        .split([',', '，'])
        .map(|s| s.trim().to_string())
        .collect();
    Ok(std::array::from_fn(|i| match parts.get(i) {
        Some(p) if parts.len() == 6 && !p.is_empty() => p.clone(),
        _ => BANK_COLUMNS_DEFAULT[i].to_string(),
    }))
}

/// The phone for objections to the notice, if set.
pub fn objection_phone(conn: &Read<'_>) -> Result<Option<String>> {
    Ok(settings::get(conn, OBJECTION_PHONE_KEY)?
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty()))
}

/// The account of `person`, if one is recorded.
pub fn account_of(conn: &Read<'_>, person: PersonId) -> Result<Option<BankAccount>> {
    super::placements::require_for_person(conn, Access::Read, person)?;
    Ok(conn
        .query_row(
            "SELECT bank, account_no, holder_name FROM bank_accounts WHERE person_id = ?1",
            [person.0],
            |r| {
                Ok(BankAccount {
                    person_id: person,
                    bank: r.get(0)?,
                    account_no: r.get(1)?,
                    holder_name: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Checks an account as typed: the cleaned number, and whether it passes the Luhn check
/// (a number that does not is kept, with a warning: not every bank's numbers carry one).
pub fn check_account(new: &NewAccount) -> Result<(String, bool)> {
    let number = clean_account_no(&new.account_no);
    let invalid = StoreError::Placement(PlacementRule::BankAccountInvalid);
    if new.bank.trim().is_empty() || new.holder_name.trim().is_empty() {
        return Err(invalid);
    }
    let luhn = check_account_no(&number).map_err(|_| invalid)?;
    Ok((number, luhn))
}

/// Records (or replaces) `person`'s account, logged whole. Returns whether the number passes
/// the Luhn check.
pub fn set_account(w: &Writer<'_>, person: PersonId, new: &NewAccount) -> Result<bool> {
    super::placements::require_for_person(&w.read(), Access::Write, person)?;
    let (number, luhn) = check_account(new)?;
    let find = |tx: &rusqlite::Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row(
                "SELECT id FROM bank_accounts WHERE person_id = ?1",
                [person.0],
                |r| r.get(0),
            )
            .optional()?)
    };
    let (bank, holder) = (new.bank.trim(), new.holder_name.trim());
    let now = w.stamp();
    w.upsert::<BankAccountRecord>(RecordKind::BankAccount, find, |tx, before| {
        if before
            .is_some_and(|b| b.bank == bank && b.account_no == number && b.holder_name == holder)
        {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO bank_accounts (person_id, bank, account_no, holder_name, created_at,
                 updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
             ON CONFLICT (person_id) DO UPDATE SET bank = excluded.bank,
                 account_no = excluded.account_no, holder_name = excluded.holder_name,
                 updated_at = excluded.updated_at",
            params![person.0, bank, number, holder, now],
        )?;
        Ok(true)
    })?;
    Ok(luhn)
}

/// Removes `person`'s account, logged; nothing when there is none.
pub fn remove_account(w: &Writer<'_>, person: PersonId) -> Result<()> {
    super::placements::require_for_person(&w.read(), Access::Write, person)?;
    let id: Option<i64> = w
        .tx()
        .query_row(
            "SELECT id FROM bank_accounts WHERE person_id = ?1",
            [person.0],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id else { return Ok(()) };
    let before = w.existing::<BankAccountRecord>(id, RecordKind::BankAccount)?;
    w.tx()
        .execute("DELETE FROM bank_accounts WHERE id = ?1", [id])?;
    w.log(id, Action::Delete, Some(before))
}

/// A person paid in a month whose account is held in another name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolderMismatch {
    /// The person.
    pub person_id: PersonId,
    /// Their registered name.
    pub name: String,
    /// The name the account is held in.
    pub holder_name: String,
}

/// The people on `month`'s sheet whose account holder is not the person (a payment to
/// someone else's card is how a ghost worker is paid). By name.
///
/// A reader limited to some streets gets the lines of placements on those streets' posts.
pub fn bank_holder_mismatches(conn: &Read<'_>, month: Month) -> Result<Vec<HolderMismatch>> {
    let within = conn.within(Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT pe.id, pe.name, b.holder_name, pe.name_key
         FROM subsidy_lines l JOIN placements pl ON pl.id = l.placement_id
         JOIN posts po ON po.id = pl.post_id
         JOIN people pe ON pe.id = pl.person_id JOIN bank_accounts b ON b.person_id = pe.id
         WHERE l.month = ?1 AND {} ORDER BY pe.name_key, pe.id",
        within.sql("po.region_id")
    ))?;
    let rows = stmt.query_map([month.to_string()], |r| {
        Ok(HolderMismatch {
            person_id: PersonId(r.get(0)?),
            name: r.get(1)?,
            holder_name: r.get(2)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        if !same_holder(&row.name, &row.holder_name) {
            out.push(row);
        }
    }
    Ok(out)
}

/// One payee of a month's bank file: a person, their account and what they are paid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankLine {
    /// The person.
    pub person_id: PersonId,
    /// Registered name.
    pub name: String,
    /// The account, if recorded.
    pub account: Option<BankAccount>,
    /// Paid to the person this month: what the sheet's lines of all their placements send
    /// to the person (the social-insurance shares go to the host unit or the fund).
    pub amount_fen: Fen,
}

/// What a month's bank file would hold, and what stands in its way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BankFile {
    /// People paid, with an account and an amount above zero, by name.
    pub lines: Vec<BankLine>,
    /// People to be paid who have no account: the file can not be made until they have.
    pub missing_accounts: Vec<BankLine>,
    /// People whose amount is zero or negative: left out of the file and listed.
    pub left_out: Vec<BankLine>,
    /// Accounts held in another name than the person's.
    pub mismatches: Vec<HolderMismatch>,
}

impl BankFile {
    /// The total of the lines to the bank.
    pub fn total_fen(&self) -> Fen {
        self.lines.iter().map(|l| l.amount_fen).sum()
    }
}

/// The bank file of `month` from its computed lines, one line per person.
pub fn bank_file(conn: &Read<'_>, month: Month) -> Result<BankFile> {
    conn.require(Area::Placements, Access::Read, None)?;
    let mut stmt = conn.prepare_cached(
        "SELECT pe.id, pe.name, b.bank, b.account_no, b.holder_name,
                sum(CASE WHEN l.to_person_fen IS NULL THEN l.total_fen
                         ELSE l.wage_fen - l.person_insurance_fen + l.adjustment_fen END)
         FROM subsidy_lines l JOIN placements pl ON pl.id = l.placement_id
         JOIN people pe ON pe.id = pl.person_id LEFT JOIN bank_accounts b ON b.person_id = pe.id
         WHERE l.month = ?1 GROUP BY pe.id ORDER BY pe.name_key, pe.id",
    )?;
    let rows = stmt.query_map([month.to_string()], |r| {
        let person_id = PersonId(r.get(0)?);
        let bank: Option<String> = r.get(2)?;
        let account = match bank {
            Some(bank) => Some(BankAccount {
                person_id,
                bank,
                account_no: r.get(3)?,
                holder_name: r.get(4)?,
            }),
            None => None,
        };
        Ok(BankLine {
            person_id,
            name: r.get(1)?,
            account,
            amount_fen: r.get(5)?,
        })
    })?;
    let mut file = BankFile::default();
    for line in rows {
        let line = line?;
        if line.amount_fen <= 0 {
            file.left_out.push(line);
        } else if line.account.is_none() {
            file.missing_accounts.push(line);
        } else {
            file.lines.push(line);
        }
    }
    file.mismatches = bank_holder_mismatches(conn, month)?
        .into_iter()
        .filter(|m| file.lines.iter().any(|l| l.person_id == m.person_id))
        .collect();
    Ok(file)
}

/// A candidate of the notice before placement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The person.
    pub person_id: PersonId,
    /// Name.
    pub name: String,
    /// Full ID number; the notice masks it.
    pub id_number: String,
    /// The person's village or community.
    pub place: String,
    /// The post proposed, if chosen.
    pub post: Option<String>,
    /// When they were chosen.
    pub chosen_on: Date,
}

/// Marks `person` as chosen for placement (on `post`, if known), logged; choosing again
/// replaces the post and date.
pub fn add_candidate(
    w: &Writer<'_>,
    person: PersonId,
    post: Option<PostId>,
    chosen_on: Date,
) -> Result<()> {
    super::placements::require_for_person(&w.read(), Access::Write, person)?;
    let find = |tx: &rusqlite::Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row(
                "SELECT id FROM notice_candidates WHERE person_id = ?1",
                [person.0],
                |r| r.get(0),
            )
            .optional()?)
    };
    let now = w.stamp();
    let (post, day) = (post.map(|p| p.0), chosen_on.to_string());
    w.upsert::<NoticeCandidateRecord>(RecordKind::NoticeCandidate, find, |tx, before| {
        if before.is_some_and(|b| b.post_id == post && b.chosen_on == day) {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO notice_candidates (person_id, post_id, chosen_on, created_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (person_id) DO UPDATE SET post_id = excluded.post_id,
                 chosen_on = excluded.chosen_on",
            params![person.0, post, day, now],
        )?;
        Ok(true)
    })?;
    Ok(())
}

/// Takes `person` off the candidates, logged.
pub fn remove_candidate(w: &Writer<'_>, person: PersonId) -> Result<()> {
    super::placements::require_for_person(&w.read(), Access::Write, person)?;
    let id: Option<i64> = w
        .tx()
        .query_row(
            "SELECT id FROM notice_candidates WHERE person_id = ?1",
            [person.0],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id else { return Ok(()) };
    let before = w.existing::<NoticeCandidateRecord>(id, RecordKind::NoticeCandidate)?;
    w.tx()
        .execute("DELETE FROM notice_candidates WHERE id = ?1", [id])?;
    w.log(id, Action::Delete, Some(before))
}

/// The candidates not yet placed (no placement in post on or after the day they were
/// chosen: none started since, none still running), not in the trash, by name.
///
/// A reader limited to some streets gets the candidates living there or proposed for a post
/// there.
pub fn unplaced_candidates(conn: &Read<'_>) -> Result<Vec<Candidate>> {
    let within = conn.within(Area::Placements, Access::Read)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT pe.id, pe.name, pe.id_number, r.short_name, po.title, c.chosen_on
         FROM notice_candidates c JOIN people pe ON pe.id = c.person_id
         JOIN regions r ON r.id = pe.region_id LEFT JOIN posts po ON po.id = c.post_id
         WHERE pe.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM placements pl
             WHERE pl.person_id = c.person_id
                 AND (pl.exit_date IS NULL OR pl.exit_date >= c.chosen_on))
             AND ({} OR {})
         ORDER BY pe.name_key, pe.id",
        within.sql("pe.region_id"),
        within.sql("po.region_id")
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(Candidate {
            person_id: PersonId(r.get(0)?),
            name: r.get(1)?,
            id_number: r.get(2)?,
            place: r.get(3)?,
            post: r.get(4)?,
            chosen_on: date_col(r, 5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A listed day of the working-day calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarDay {
    /// The date.
    pub day: Date,
    /// Holiday or worked weekend day.
    pub kind: DayKind,
    /// 国庆节, 春节调休 …
    pub name: String,
    /// Whether the office has checked it against the State Council's notice.
    pub verified: bool,
}

/// Every listed day, by date.
pub fn calendar_days(conn: &Read<'_>) -> Result<Vec<CalendarDay>> {
    conn.reach(Area::Placements, Access::Read)?;
    listed_days(conn)
}

/// The working-day calendar, for a reader of `area` anywhere: the petition log counts its
/// deadlines on the same calendar, and a street's clerk reads it too.
pub fn calendar_for(conn: &Read<'_>, area: Area) -> Result<Vec<CalendarDay>> {
    conn.reach(area, Access::Read)?;
    listed_days(conn)
}

/// Every listed day, unchecked: for the callers above and for writes that count deadlines.
pub(crate) fn listed_days(conn: &rusqlite::Connection) -> Result<Vec<CalendarDay>> {
    let mut stmt =
        conn.prepare_cached("SELECT day, kind, name, verified FROM calendar_days ORDER BY day")?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(1)?;
        Ok((date_col(r, 0)?, kind, r.get(2)?, r.get::<_, i64>(3)? != 0))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (day, kind, name, verified) = row?;
        let kind = DayKind::from_code(&kind).ok_or_else(|| StoreError::UnknownValue {
            column: "calendar_days.kind".into(),
            value: kind.clone(),
        })?;
        out.push(CalendarDay {
            day,
            kind,
            name,
            verified,
        });
    }
    Ok(out)
}

/// The working-day calendar of the years entered.
pub fn work_calendar(conn: &Read<'_>) -> Result<WorkCalendar> {
    conn.reach(Area::Placements, Access::Read)?;
    Ok(WorkCalendar::new(
        calendar_days(conn)?.into_iter().map(|d| (d.day, d.kind)),
    ))
}

/// Adds or changes the listed day `day.day`, logged.
pub fn set_calendar_day(w: &Writer<'_>, day: &CalendarDay) -> Result<()> {
    w.require(Area::Placements, Access::Administer, None)?;
    let name = day.name.trim();
    if name.is_empty() {
        return Err(StoreError::Placement(PlacementRule::CalendarDayIncomplete));
    }
    let key = day.day.to_string();
    let find = |tx: &rusqlite::Transaction<'_>| -> Result<Option<i64>> {
        Ok(tx
            .query_row("SELECT id FROM calendar_days WHERE day = ?1", [&key], |r| {
                r.get(0)
            })
            .optional()?)
    };
    let (kind, verified) = (day.kind.code(), i64::from(day.verified));
    w.upsert::<CalendarDayRecord>(RecordKind::CalendarDay, find, |tx, before| {
        if before.is_some_and(|b| b.kind == kind && b.name == name && b.verified == verified) {
            return Ok(false);
        }
        tx.execute(
            "INSERT INTO calendar_days (day, kind, name, verified) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                 verified = excluded.verified",
            params![key, kind, name, verified],
        )?;
        Ok(true)
    })?;
    Ok(())
}

/// Removes the listed day `day` (it becomes an ordinary weekday or weekend day), logged.
pub fn remove_calendar_day(w: &Writer<'_>, day: Date) -> Result<()> {
    w.require(Area::Placements, Access::Administer, None)?;
    let id: Option<i64> = w
        .tx()
        .query_row(
            "SELECT id FROM calendar_days WHERE day = ?1",
            [day.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id else { return Ok(()) };
    let before = w.existing::<CalendarDayRecord>(id, RecordKind::CalendarDay)?;
    w.tx()
        .execute("DELETE FROM calendar_days WHERE id = ?1", [id])?;
    w.log(id, Action::Delete, Some(before))
}

/// Setting key of the notice period in working days.
pub const NOTICE_DAYS_KEY: &str = "notice.working_days";
/// The notice period where the setting is unset: 5 working days, as usually practised.
pub const NOTICE_DAYS_DEFAULT: u32 = 5;
