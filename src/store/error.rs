//! What the store refuses or fails at, typed by area, and each worded for a clerk in both
//! languages ([`StoreError::message`]); [`StoreError::log_line`] says the same for the log
//! file without any name, ID number or phone.

use std::path::PathBuf;

use crate::domain::access::{Action, Area};
use crate::domain::pay::{Month, PayError};
use crate::domain::placement::Ineligible;
use crate::i18n::{
    Msg, access as ac, accounts as acc, errors as er, pay_rules as pr, people as pe,
    placements as pl,
};

/// What is wrong with a database file or the path to it, in terms a clerk can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    /// The folder the path names does not exist (or a part of it is a file).
    #[error("the folder does not exist")]
    FolderMissing,
    /// There is no file to read at the path.
    #[error("the file does not exist")]
    FileMissing,
    /// The path names a folder.
    #[error("this is a folder, not a file")]
    IsFolder,
    /// A new file can not be made in the folder (read-only medium, or no permission).
    #[error("a new file can not be saved in this folder")]
    FolderReadOnly,
    /// Another program holds the file locked past the wait.
    #[error("another program is using the file and keeps it locked; close it there and try again")]
    Locked,
    /// The operating system denies this account access to the file.
    #[error("you have no permission to open this file")]
    NoPermission,
    /// The disk holding the file is full.
    #[error("the disk is full")]
    DiskFull,
    /// The file starts like a database but its content is damaged.
    #[error("the file is damaged and can not be read as a database")]
    Damaged,
    /// The disk reported an error (a removed USB stick, a failing disk, a lost network share).
    #[error("the disk reported an error while reading or writing the file")]
    DiskError,
}

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database at all.
    #[error("{path} is not a Minsheng database (it is not a SQLite file); it was left untouched")]
    NotSqlite {
        /// The refused file.
        path: PathBuf,
    },
    /// The file is a SQLite database of some other program.
    #[error(
        "{path} is a database of another program, not of Minsheng Ledger; it was left untouched"
    )]
    NotOurs {
        /// The refused file.
        path: PathBuf,
    },
    /// The file was written by a newer version of this program.
    #[error(
        "{path} was written by a newer version of Minsheng Ledger (schema {found}, this program knows {known}); update the program. The file was left untouched"
    )]
    NewerVersion {
        /// The refused file.
        path: PathBuf,
        /// The file's schema version.
        found: i64,
        /// The newest schema this program knows.
        known: i64,
    },
    /// The file is an encrypted ledger and no passphrase was given: ask for it.
    #[error("{path} is encrypted; its passphrase is needed to open it")]
    Encrypted {
        /// The encrypted file, left untouched.
        path: PathBuf,
    },
    /// The passphrase given does not open the encrypted file (or the file is damaged).
    #[error("the passphrase does not open {path}; it was left untouched")]
    WrongPassphrase {
        /// The encrypted file, left untouched.
        path: PathBuf,
    },
    /// A new passphrase is too short to protect a ledger.
    #[error("a passphrase needs at least {min} characters")]
    PassphraseTooShort {
        /// The fewest characters allowed.
        min: usize,
    },
    /// The encrypted copy would be written over the ledger itself.
    #[error("the copy would be written over the ledger itself, {path}")]
    SameFile {
        /// The ledger's file.
        path: PathBuf,
    },
    /// The file can not be used as asked, for a reason of the file itself.
    #[error("{path}: {problem}")]
    File {
        /// The file (or the path given for it).
        path: PathBuf,
        /// What is wrong.
        problem: FileProblem,
    },
    /// The store was opened read-only (the file can not be written), so nothing is saved.
    #[error("{path} can only be read; changes can not be saved")]
    ReadOnly {
        /// The file that can only be read.
        path: PathBuf,
    },
    /// The file can only be read and was written by an older version: it can not be upgraded.
    #[error("{path} can only be read and needs an upgrade from schema {found} to {needed}")]
    ReadOnlyNeedsUpgrade {
        /// The refused file.
        path: PathBuf,
        /// The file's schema version.
        found: i64,
        /// The schema this program needs.
        needed: i64,
    },
    /// Upgrading would have left rows pointing at rows that do not exist; nothing was changed.
    #[error(
        "upgrading to schema {version} would leave {count} rows pointing at missing rows (the first: {table} row {row_id:?} to {parent}); the file was left unchanged"
    )]
    MigrationBrokeForeignKeys {
        /// The schema version the upgrade was to reach.
        version: i64,
        /// The table of the first row whose reference is broken.
        table: String,
        /// That row's rowid (none for a table without rowids).
        row_id: Option<i64>,
        /// The table it points at.
        parent: String,
        /// How many references are broken.
        count: usize,
    },
    /// A person with this ID number is already registered.
    #[error("this ID number is already registered (person {existing})")]
    DuplicateIdNumber {
        /// The person already holding the number.
        existing: i64,
        /// That person's name, for the message at the field.
        name: String,
    },
    /// A rule of the region tree.
    #[error("region rule: {0:?}")]
    Region(RegionRule),
    /// A rule of the hardship-category list.
    #[error("category rule: {0:?}")]
    Category(CategoryRule),
    /// A rule of posts.
    #[error("post rule: {0:?}")]
    Post(PostRule),
    /// A rule of placements and exits.
    #[error("placement rule: {0:?}")]
    Placement(PlacementRule),
    /// A rule of attendance, sheets and adjustments.
    #[error("payroll rule: {0:?}")]
    Payroll(PayrollRule),
    /// A rule of the petition log: a step its state does not allow, or what was typed for it.
    #[error("petition rule: {0}")]
    Petition(#[from] crate::domain::petition::PetitionRule),
    /// A deadline in working days could not be counted: the calendar lacks a year.
    #[error("the calendar has no holidays for {0}")]
    CalendarMissing(i16),
    /// A person still placed can not go to the trash.
    #[error("the person is still placed on {post}")]
    PersonPlaced {
        /// The post's title.
        post: String,
    },
    /// A placement may not be made; every reason is listed.
    #[error("the placement is not allowed ({} reasons)", .0.len())]
    Ineligible(Vec<Ineligible>),
    /// The month's subsidy sheet is approved and can not change.
    #[error(
        "the subsidy sheet of {0} is approved; corrections go into a later month as adjustments"
    )]
    MonthApproved(Month),
    /// An approved sheet's lines no longer match the seal kept at its approval: they were
    /// changed around the database's lock.
    #[error("the approved subsidy sheet of {0} no longer matches what was approved")]
    SheetAltered(Month),
    /// The pay rules could not compute a line (e.g. no minimum wage for a day).
    #[error(transparent)]
    Pay(#[from] PayError),
    /// The user cancelled the work; its transaction was rolled back.
    #[error("cancelled")]
    Cancelled,
    /// A row that was asked for does not exist (any more).
    #[error("{0} not found")]
    NotFound(RecordKind),
    /// The file holds a value this program does not know: it was written by something
    /// else, or by hand.
    #[error("unknown stored value in column {column}")]
    UnknownValue {
        /// The column (`table.column` where known).
        column: String,
        /// The value found.
        value: String,
    },
    /// Reading or writing the file failed.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// The thread that reads for the window has stopped.
    #[error("the reading thread stopped")]
    ReaderStopped,
    /// The signed-in user may not do this (see [`crate::domain::access::Session::may`]).
    #[error("not allowed: {action:?} in {area:?}{}", if *elsewhere { " on this record's street" } else { "" })]
    Forbidden {
        /// The area of the records.
        area: Area,
        /// What was attempted.
        action: Action,
        /// The user may do it, but not on this record's street.
        elsewhere: bool,
    },
    /// The ledger asks for a sign-in and nobody has signed in.
    #[error("nobody is signed in")]
    NotSignedIn,
    /// Only an administrator of the whole district manages accounts.
    #[error("only a district administrator manages accounts")]
    AccountsOnlyAdmin,
    /// The account name or the password is wrong; which of the two is not said.
    #[error("wrong account name or password")]
    WrongNameOrPassword,
    /// Too many wrong passwords in a row: the account takes no password for this many
    /// seconds more.
    #[error("too many wrong passwords; the account waits {seconds} s more")]
    MustWait {
        /// Seconds left to wait.
        seconds: i64,
    },
    /// An administrator disabled the account.
    #[error("the account is disabled")]
    AccountDisabled,
    /// A rule of the accounts refused the change.
    #[error("account rule: {0:?}")]
    Account(AccountRule),
    /// Who computed a sheet may not approve it.
    #[error("the one who computed the sheet may not approve it")]
    SameHandApproves,
    /// The reading thread could not open the file: why, as it was told to the user.
    #[error("the reading thread could not open the file")]
    Unreadable(Msg),
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A change-log entry could not be encoded or decoded.
    #[error("could not encode a change-log entry: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        // A stored value that does not parse is the file's problem, not SQLite's: say which.
        if let rusqlite::Error::FromSqlConversionFailure(_, _, inner) = &e
            && let Some(unknown) = inner.downcast_ref::<super::values::UnknownValue>()
        {
            return StoreError::UnknownValue {
                column: unknown.kind.to_string(),
                value: unknown.value.clone(),
            };
        }
        StoreError::Sqlite(e)
    }
}

/// The kinds of record a lookup can miss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// A person.
    Person,
    /// A place.
    Region,
    /// A hardship category.
    Category,
    /// A post.
    Post,
    /// A placement.
    Placement,
    /// A month's attendance entry.
    Attendance,
    /// A month's subsidy sheet.
    SubsidyMonth,
    /// A minimum-wage rate.
    MinimumWage,
    /// A setting.
    Setting,
    /// A bank account.
    BankAccount,
    /// A candidate for the notice before placement.
    NoticeCandidate,
    /// A day of the working-day calendar.
    CalendarDay,
    /// A finding accepted with a reason.
    FindingAcceptance,
    /// A social-insurance base and rates.
    InsuranceRate,
    /// A retirement-age rule.
    RetirementRule,
    /// An accident-insurance policy.
    AccidentPolicy,
    /// An account.
    Account,
    /// A council meeting.
    Meeting,
    /// A matter of the petition log.
    Matter,
    /// A category of matters.
    MatterCategory,
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}

/// Rules of the accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountRule {
    /// A password shorter than [`crate::store::accounts::MIN_PASSWORD_CHARS`].
    PasswordTooShort,
    /// Another account has this name (names differ by more than upper and lower case).
    NameTaken,
    /// The name is empty, too long, or has spaces at its ends.
    NameInvalid,
    /// The change would leave no enabled administrator of the whole district.
    LastAdmin,
    /// Sign-in can not be required before an administrator of the whole district exists.
    NoAdmin,
    /// The first administrator is made only while there is no account at all.
    AlreadySetUp,
    /// A grant for one street names a place that is not a street (or a function area).
    NotAStreet,
}

/// Rules of the region tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionRule {
    /// Places or people are still under it.
    NotEmpty,
    /// Another place has this division code.
    DuplicateCode,
    /// The code does not continue the parent's, or the level can not sit under it.
    CodeOrLevelDoesNotFit,
    /// Only the district stands without a parent.
    NeedsParent,
    /// A place needs a name and a short name.
    NameRequired,
    /// Longitude -180..180 and latitude -90..90, both or neither.
    BadCoordinate,
}

/// Rules of the hardship-category list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CategoryRule {
    /// A category needs its Chinese and English name.
    NameRequired,
}

/// Rules of posts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostRule {
    /// A post needs a title and a host unit.
    TitleAndHostRequired,
    /// At least one place, and a funding period that does not end before it starts.
    HeadcountOrFunding,
    /// The floor of hours is above the ceiling, or either is negative.
    HoursLimits,
}

/// Rules of placements, trainings and exits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlacementRule {
    /// The agreement ends before it starts.
    AgreementEndsBeforeStart,
    /// A training needs a course and its hours.
    TrainingIncomplete,
    /// The placement has already ended.
    AlreadyEnded,
    /// The exit is dated before the start.
    ExitBeforeStart,
    /// A bank account needs the bank, a number of 12 to 30 digits and the holder's name.
    BankAccountInvalid,
    /// A calendar day needs a name.
    CalendarDayIncomplete,
    /// A social-insurance base is negative or a rate is outside 0-100 %.
    InsuranceRateInvalid,
    /// A policy needs an insurer, a number, a premium and its dates in order.
    PolicyIncomplete,
}

/// Rules of attendance, subsidy sheets and adjustments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayrollRule {
    /// Days beyond the month, or negative hours.
    AttendanceOutOfRange,
    /// An adjustment corrects an earlier month that is approved.
    AdjustmentTarget,
    /// An adjustment needs a non-zero amount and a reason.
    AdjustmentIncomplete,
    /// A sheet is computed before it is approved.
    NotComputed,
    /// A month is approved only after it has ended.
    MonthNotEnded,
    /// Every placement in post needs its days worked or hours before approval.
    AttendanceIncomplete,
    /// Findings of the checks are neither fixed nor accepted with a reason.
    FindingsOpen,
    /// The finding was accepted already.
    FindingAlreadyAccepted,
    /// Accepting a finding needs a written reason.
    AcceptanceReasonRequired,
    /// The arrears of a minimum-wage rate changed between the review and the save.
    ArrearsChanged,
    /// What a sheet was computed from changed since: it is computed again before approval.
    ComputedFromOlderData,
}

impl StoreError {
    /// The message for the user, in both languages.
    pub fn message(&self) -> Msg {
        match self {
            StoreError::NotSqlite { path } => er::not_sqlite(path.display()),
            StoreError::NotOurs { path } => er::not_ours(path.display()),
            StoreError::NewerVersion { path, found, known } => {
                er::newer_version(path.display(), found, known)
            }
            StoreError::Encrypted { path } => er::encrypted(path.display()),
            StoreError::WrongPassphrase { path } => er::wrong_passphrase(path.display()),
            StoreError::PassphraseTooShort { min } => er::passphrase_too_short(min),
            StoreError::SameFile { path } => er::same_file(path.display()),
            StoreError::File { path, problem } => file_problem(path, *problem),
            StoreError::ReadOnly { .. } => er::READ_ONLY.into(),
            StoreError::ReadOnlyNeedsUpgrade { path, .. } => {
                er::read_only_needs_upgrade(path.display())
            }
            StoreError::MigrationBrokeForeignKeys { version, .. } => er::upgrade_refused(version),
            StoreError::DuplicateIdNumber { name, .. } => pe::duplicate_person(name),
            StoreError::Region(rule) => region_rule(*rule).into(),
            StoreError::Category(CategoryRule::NameRequired) => er::CATEGORY_NAMES_REQUIRED.into(),
            StoreError::Post(rule) => post_rule(*rule).into(),
            StoreError::Placement(rule) => placement_rule(*rule).into(),
            StoreError::Payroll(rule) => payroll_rule(*rule).into(),
            StoreError::Petition(rule) => crate::i18n::petitions::rule(*rule),
            StoreError::CalendarMissing(year) => crate::i18n::petitions::calendar_missing(year),
            StoreError::PersonPlaced { post } => pr::person_placed(post),
            StoreError::Ineligible(reasons) => {
                Msg::join(reasons.iter().map(Ineligible::message), " ")
            }
            StoreError::MonthApproved(month) => pl::month_locked(month),
            StoreError::SheetAltered(month) => pl::sheet_altered(month),
            StoreError::Pay(e) => pay_error(e),
            StoreError::Cancelled => er::CANCELLED.into(),
            StoreError::NotFound(_) => er::NOT_FOUND.into(),
            StoreError::UnknownValue { column, value } => er::unknown_value(column, value),
            StoreError::ReaderStopped => er::READER_STOPPED.into(),
            StoreError::Forbidden {
                area,
                action,
                elsewhere,
            } => ac::refusal(*action, *area, *elsewhere),
            StoreError::NotSignedIn => ac::NOT_SIGNED_IN.into(),
            StoreError::AccountsOnlyAdmin => ac::ACCOUNTS_ONLY_ADMIN.into(),
            StoreError::SameHandApproves => ac::SAME_PERSON_APPROVES.into(),
            StoreError::WrongNameOrPassword => acc::WRONG_NAME_OR_PASSWORD.into(),
            StoreError::MustWait { seconds } => acc::must_wait(seconds),
            StoreError::AccountDisabled => acc::ACCOUNT_DISABLED.into(),
            StoreError::Account(rule) => acc::rule(*rule).into(),
            StoreError::Unreadable(why) => why.clone(),
            StoreError::Io(e) => io_error(e),
            StoreError::Sqlite(e) => sqlite_error(e),
            StoreError::Json(_) => er::LOG_ENTRY_BROKEN.into(),
        }
    }

    /// Whether this is the file or the program failing, not a rule of the data refusing
    /// what the clerk asked (which the clerk fixes, and the log need not keep).
    pub fn is_fault(&self) -> bool {
        matches!(
            self,
            StoreError::File { .. }
                | StoreError::MigrationBrokeForeignKeys { .. }
                | StoreError::UnknownValue { .. }
                | StoreError::SheetAltered(_)
                | StoreError::ReaderStopped
                | StoreError::Unreadable(_)
                | StoreError::Io(_)
                | StoreError::Sqlite(_)
                | StoreError::Json(_)
        )
    }

    /// One line for the log file: the kind of failure and SQLite's or the OS's own words,
    /// never a name, ID number or phone (SQLite's messages name tables and columns, not
    /// values).
    pub fn log_line(&self) -> String {
        match self {
            StoreError::DuplicateIdNumber { existing, .. } => {
                format!("duplicate ID number (person {existing})")
            }
            StoreError::PersonPlaced { .. } => "the person is still placed".to_string(),
            StoreError::Ineligible(reasons) => {
                format!("placement refused ({} reasons)", reasons.len())
            }
            StoreError::UnknownValue { column, .. } => format!("unknown stored value in {column}"),
            // The path names the office's file, not a resident.
            other => other.to_string(),
        }
    }
}

fn file_problem(path: &std::path::Path, problem: FileProblem) -> Msg {
    let text = match problem {
        FileProblem::FolderMissing => er::FOLDER_MISSING,
        FileProblem::FileMissing => er::FILE_NOT_FOUND,
        FileProblem::IsFolder => er::IS_A_FOLDER,
        FileProblem::FolderReadOnly => er::FOLDER_READ_ONLY,
        FileProblem::Locked => er::LOCKED,
        FileProblem::NoPermission => er::NO_PERMISSION,
        FileProblem::DiskFull => er::DISK_FULL,
        FileProblem::Damaged => er::CORRUPT,
        FileProblem::DiskError => er::DISK_ERROR,
    };
    let path = path.display().to_string();
    Msg::join([Msg::new(path.clone(), path), text.into()], " — ")
}

fn region_rule(rule: RegionRule) -> crate::i18n::Text {
    match rule {
        RegionRule::NotEmpty => pe::REGION_NOT_EMPTY,
        RegionRule::DuplicateCode => pe::DUPLICATE_REGION_CODE,
        RegionRule::CodeOrLevelDoesNotFit => pe::BAD_REGION_CODE,
        RegionRule::NeedsParent => pe::REGION_NEEDS_PARENT,
        RegionRule::NameRequired => crate::i18n::common::NAME_REQUIRED,
        RegionRule::BadCoordinate => pe::BAD_COORDINATE,
    }
}

fn post_rule(rule: PostRule) -> crate::i18n::Text {
    match rule {
        PostRule::TitleAndHostRequired | PostRule::HeadcountOrFunding => pl::POST_FORM_INCOMPLETE,
        PostRule::HoursLimits => pr::HOURS_LIMITS_INVALID,
    }
}

fn placement_rule(rule: PlacementRule) -> crate::i18n::Text {
    match rule {
        PlacementRule::AgreementEndsBeforeStart => pl::AGREEMENT_BEFORE_START,
        PlacementRule::TrainingIncomplete => pl::TRAINING_INCOMPLETE,
        PlacementRule::AlreadyEnded => pl::ALREADY_EXITED,
        PlacementRule::ExitBeforeStart => pl::EXIT_BEFORE_START,
        PlacementRule::BankAccountInvalid => crate::i18n::bank::ACCOUNT_INVALID,
        PlacementRule::CalendarDayIncomplete => crate::i18n::bank::CALENDAR_DAY_INCOMPLETE,
        PlacementRule::InsuranceRateInvalid => pr::INSURANCE_INVALID,
        PlacementRule::PolicyIncomplete => pr::POLICY_INVALID,
    }
}

fn payroll_rule(rule: PayrollRule) -> crate::i18n::Text {
    match rule {
        PayrollRule::AttendanceOutOfRange => pl::ATTENDANCE_OUT_OF_RANGE,
        PayrollRule::AdjustmentTarget => pl::ADJUSTMENT_TARGET,
        PayrollRule::AdjustmentIncomplete => pl::ADJUSTMENT_INVALID,
        PayrollRule::NotComputed => pl::COMPUTE_BEFORE_APPROVING,
        PayrollRule::MonthNotEnded => pl::MONTH_NOT_ENDED,
        PayrollRule::AttendanceIncomplete => pl::ATTENDANCE_INCOMPLETE,
        PayrollRule::FindingsOpen => pl::FINDINGS_OPEN,
        PayrollRule::FindingAlreadyAccepted => pl::FINDING_ALREADY_ACCEPTED,
        PayrollRule::AcceptanceReasonRequired => pl::ACCEPTANCE_REASON_REQUIRED,
        PayrollRule::ArrearsChanged => pl::ARREARS_CHANGED,
        PayrollRule::ComputedFromOlderData => pl::COMPUTE_AGAIN,
    }
}

fn pay_error(e: &PayError) -> Msg {
    match e {
        PayError::NoMinimumWage { tier, day } => pl::no_minimum_wage(tier, day),
        PayError::NoInsuranceRate { day } => pr::no_insurance_rate(day),
        PayError::HoursOutsidePost => pl::HOURS_OUTSIDE_POST.into(),
        PayError::ImpossibleHours {
            hours_tenths,
            days_in_post,
        } => pl::impossible_hours(
            crate::domain::money::format_hours_tenths(*hours_tenths),
            days_in_post,
        ),
    }
}

fn io_error(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => er::FILE_NOT_FOUND.into(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => er::NO_PERMISSION.into(),
        ErrorKind::IsADirectory => er::IS_A_FOLDER.into(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => er::DISK_FULL.into(),
        ErrorKind::AlreadyExists => er::FILE_EXISTS.into(),
        kind => er::file_error(kind),
    }
}

fn sqlite_error(e: &rusqlite::Error) -> Msg {
    use rusqlite::ErrorCode;
    let Some(code) = e.sqlite_error_code() else {
        return er::database_error(sqlite_kind(e));
    };
    match code {
        ErrorCode::ReadOnly => er::READ_ONLY.into(),
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => er::LOCKED.into(),
        ErrorCode::DiskFull => er::DISK_FULL.into(),
        ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => er::CORRUPT.into(),
        ErrorCode::CannotOpen => er::CANNOT_OPEN.into(),
        ErrorCode::PermissionDenied => er::NO_PERMISSION.into(),
        ErrorCode::ConstraintViolation => match e.to_string() {
            text if text.contains("month approved") => er::LOCKED_BY_APPROVAL.into(),
            text if text.contains("append-only") => er::LOG_APPEND_ONLY.into(),
            text if text.contains("approved pay rests on this") => pl::PAY_RESTS_ON_THIS.into(),
            text if text.contains("wage rate relied on") => pl::WAGE_RATE_IS_HISTORY.into(),
            text if text.contains("reply is history") => {
                crate::i18n::petitions::CLOSED_REPLY_IS_HISTORY.into()
            }
            text if text.contains("never deleted") => crate::i18n::petitions::NEVER_DELETED.into(),
            _ => er::CONSTRAINT.into(),
        },
        _ => er::database_error(sqlite_kind(e)),
    }
}

/// SQLite's name for the error, which a support person can look up; no data in it.
fn sqlite_kind(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => format!("{:?} ({})", f.code, f.extended_code),
        rusqlite::Error::QueryReturnedNoRows => "no rows".into(),
        rusqlite::Error::InvalidColumnType(_, column, kind) => format!("{column}: {kind}"),
        rusqlite::Error::FromSqlConversionFailure(index, kind, _) => {
            format!("column {index}: {kind}")
        }
        _ => "other".into(),
    }
}
