//! Accounts, what each was granted, and signing in and out.
//!
//! A ledger either asks everyone to sign in ([`SignInMode::Required`]) or needs no sign-in
//! on the one computer it lives on ([`SignInMode::NotRequired`]); a new file (or one from
//! schema 5) has not decided yet, and the window makes its first user choose. Until then,
//! and on a ledger without sign-in, the store acts for the operating-system account with
//! every permission ([`Session::unrestricted`]); on a ledger that asks for a sign-in it
//! opens as [`Session::nobody`] and only [`sign_in`] gives it a user.
//!
//! Passwords are kept as Argon2id PHC strings and never leave this module: the change log
//! records an account without its hash, and a new password as the time and the name of
//! who set it (the account itself, or the administrator who reset it).
//!
//! After [`FREE_TRIES`] wrong passwords in a row an account takes no password for
//! [`FIRST_WAIT_SECS`] seconds, twice as long after each further wrong one, at most
//! [`MAX_WAIT_SECS`]; the time is the store's clock. A right password ends the count. A
//! wrong account name gets the same answer as a wrong password (and costs the same time),
//! so trying names tells nobody which exist; it has no count of its own to wait on.
//!
//! The name the change log gives a signed-in user is [`actor_name`]: the account name with
//! the display name after it, as `wangkz（王科长）`, so a reader of the log sees who it was and
//! the unique account name stays in it.
//!
//! The first administrator holds [`Role::Admin`] in every area for the whole district, and
//! nothing else: keeping accounts and settings is kept apart from entering and approving
//! records, as the offices' separation of duties asks. An office where one person does all
//! gives that account clerk and approver grants in the accounts section.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rusqlite::{Connection, OptionalExtension, params};

use super::changes::Action;
use super::records::{AccountGrantRecord, AccountRecord};
use super::{AccountRule, Read, RecordKind, Result, Store, StoreError, Writer, settings};
use crate::domain::RegionId;
use crate::domain::access::{Area, Grant, Role, Session};
use crate::domain::region::RegionLevel;

/// Setting key of the sign-in mode: `required` or `none`; absent until decided.
pub const SIGN_IN_KEY: &str = "sign_in";
/// Setting key of the minutes without input after which the window locks.
pub const IDLE_LOCK_KEY: &str = "sign_in.idle_lock_minutes";
/// The idle-lock minutes when the setting is absent.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
/// The idle-lock minutes allowed.
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=240;
/// The shortest password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Wrong passwords in a row before an account has to wait.
pub const FREE_TRIES: i64 = 3;
/// The first wait, in seconds; each further wrong password doubles it.
pub const FIRST_WAIT_SECS: i64 = 30;
/// The longest wait, in seconds.
pub const MAX_WAIT_SECS: i64 = 15 * 60;

/// Whether a ledger asks for a sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInMode {
    /// Nobody chose yet (a new file, or one from before accounts): the window asks first.
    Undecided,
    /// Everyone signs in with an account.
    Required,
    /// No sign-in on this computer: the operating-system account acts with every permission.
    NotRequired,
}

/// An account, as the accounts section lists it (never its password).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Row id.
    pub id: i64,
    /// The name signed in with (unique, upper and lower case the same).
    pub name: String,
    /// The person's name as shown.
    pub display_name: String,
    /// When the account was made.
    pub created_at: String,
    /// Disabled accounts can not sign in.
    pub disabled: bool,
    /// What the account may do.
    pub grants: Vec<Grant>,
    /// When its password was last set, and by whom.
    pub password_changed_at: String,
    /// Who set the password last (the account itself, or the administrator who reset it).
    pub password_changed_by: String,
    /// Wrong passwords in a row.
    pub failed_count: i64,
}

/// An account to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccount {
    /// The name to sign in with.
    pub name: String,
    /// The person's name as shown.
    pub display_name: String,
    /// The first password (the person changes it in Settings).
    pub password: String,
    /// What the account may do.
    pub grants: Vec<Grant>,
}

/// The ledger's sign-in mode. A value this program does not know counts as
/// [`SignInMode::Required`]: a ledger never opens wider than it was set.
pub fn sign_in_mode(conn: &Connection) -> Result<SignInMode> {
    Ok(match settings::get(conn, SIGN_IN_KEY)?.as_deref() {
        None => SignInMode::Undecided,
        Some("none") => SignInMode::NotRequired,
        Some(_) => SignInMode::Required,
    })
}

/// The session a store opens with: nobody on a ledger that asks for a sign-in, else the
/// operating-system account `os_user` with every permission.
pub(super) fn session_at_open(conn: &Connection, os_user: String) -> Result<Session> {
    Ok(match sign_in_mode(conn)? {
        SignInMode::Required => Session::nobody(),
        SignInMode::Undecided | SignInMode::NotRequired => Session::unrestricted(os_user),
    })
}

/// After another window or a job changed the mode (the demo data requires a sign-in): a
/// store acting for the operating-system account on a ledger that now asks for a sign-in
/// acts for nobody. Returns the mode.
pub fn follow_mode(store: &mut Store) -> Result<SignInMode> {
    let mode = sign_in_mode(store.conn())?;
    if mode == SignInMode::Required && store.session().user.is_none() {
        store.set_session(Session::nobody());
    }
    Ok(mode)
}

/// The minutes without input after which the window locks.
pub fn idle_lock_minutes(conn: &Connection) -> Result<u32> {
    Ok(settings::parsed::<u32>(conn, IDLE_LOCK_KEY)?
        .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES)
        .clamp(*IDLE_LOCK_RANGE.start(), *IDLE_LOCK_RANGE.end()))
}

/// Sets the idle-lock minutes (an administrator only).
pub fn set_idle_lock_minutes(w: &Writer<'_>, minutes: u32) -> Result<()> {
    keeper(w.session())?;
    let minutes = minutes.clamp(*IDLE_LOCK_RANGE.start(), *IDLE_LOCK_RANGE.end());
    settings::set(w, IDLE_LOCK_KEY, &minutes.to_string())
}

/// The name the change log gives a signed-in account: `name（display name）`, or the name
/// alone when the display name is empty or the same.
pub fn actor_name(name: &str, display_name: &str) -> String {
    let display = display_name.trim();
    if display.is_empty() || display == name {
        name.to_string()
    } else {
        format!("{name}（{display}）")
    }
}

/// Whether the ledger has any account.
pub fn any_account(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM accounts)", [], |r| r.get(0))?)
}

/// Every account, by name (an administrator of the whole district only).
pub fn accounts(read: &Read<'_>) -> Result<Vec<Account>> {
    keeper(read.session())?;
    let ids: Vec<i64> = read
        .prepare_cached("SELECT id FROM accounts ORDER BY name COLLATE NOCASE")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| account(read, id)).collect()
}

/// One account (an administrator, or the account itself).
pub fn get(read: &Read<'_>, id: i64) -> Result<Account> {
    if read.session().user != Some(id) {
        keeper(read.session())?;
    }
    account(read, id)
}

fn account(conn: &Connection, id: i64) -> Result<Account> {
    let found = conn
        .prepare_cached(
            "SELECT name, display_name, created_at, disabled, password_changed_at,
                    password_changed_by, failed_count
             FROM accounts WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Account {
                id,
                name: r.get(0)?,
                display_name: r.get(1)?,
                created_at: r.get(2)?,
                disabled: r.get::<_, i64>(3)? != 0,
                grants: Vec::new(),
                password_changed_at: r.get(4)?,
                password_changed_by: r.get(5)?,
                failed_count: r.get(6)?,
            })
        })
        .optional()?;
    let mut account = found.ok_or(StoreError::NotFound(RecordKind::Account))?;
    account.grants = grants_of(conn, id)?;
    Ok(account)
}

fn grants_of(conn: &Connection, id: i64) -> Result<Vec<Grant>> {
    let rows: Vec<(String, String, Option<i64>)> = conn
        .prepare_cached(
            "SELECT role, area, street_id FROM account_grants WHERE account_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(role, area, street)| {
            let unknown = |column: &str, value: &str| StoreError::UnknownValue {
                column: format!("account_grants.{column}"),
                value: value.to_string(),
            };
            Ok(Grant {
                role: Role::parse(&role).ok_or_else(|| unknown("role", &role))?,
                area: Area::parse(&area).ok_or_else(|| unknown("area", &area))?,
                street: street.map(RegionId),
            })
        })
        .collect()
}

/// Makes an account with its grants (an administrator of the whole district only).
/// Returns its id.
pub fn create_account(w: &Writer<'_>, new: &NewAccount) -> Result<i64> {
    keeper(w.session())?;
    insert_account(w, new)
}

/// Whether an account is named `name` (the names compare without case).
pub fn name_taken(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )?)
}

fn insert_account(w: &Writer<'_>, new: &NewAccount) -> Result<i64> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(StoreError::Account(AccountRule::NameInvalid));
    }
    check_password(&new.password)?;
    if name_taken(w.tx(), name)? {
        return Err(StoreError::Account(AccountRule::NameTaken));
    }
    let hash = hash(&new.password)?;
    let now = w.stamp();
    w.tx().execute(
        "INSERT INTO accounts (name, display_name, password_hash, created_at,
                               password_changed_at, password_changed_by)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
        params![name, new.display_name.trim(), hash, now, w.actor()],
    )?;
    let id = w.tx().last_insert_rowid();
    w.log::<AccountRecord>(id, Action::Insert, None)?;
    insert_grants(w, id, &new.grants)?;
    Ok(id)
}

/// Replaces an account's grants (an administrator of the whole district only); refuses to
/// leave no enabled administrator of the whole district.
pub fn set_grants(w: &Writer<'_>, id: i64, grants: &[Grant]) -> Result<()> {
    keeper(w.session())?;
    w.existing::<AccountRecord>(id, RecordKind::Account)?;
    let old: Vec<i64> = w
        .tx()
        .prepare_cached("SELECT id FROM account_grants WHERE account_id = ?1 ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for grant_id in old {
        let before = w.existing::<AccountGrantRecord>(grant_id, RecordKind::Account)?;
        w.tx()
            .execute("DELETE FROM account_grants WHERE id = ?1", [grant_id])?;
        w.log(grant_id, Action::Delete, Some(before))?;
    }
    insert_grants(w, id, grants)?;
    keep_an_admin(w)
}

fn insert_grants(w: &Writer<'_>, id: i64, grants: &[Grant]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for grant in grants.iter().filter(|g| seen.insert(**g)) {
        if let Some(street) = grant.street {
            let level: Option<String> = w
                .tx()
                .query_row("SELECT level FROM regions WHERE id = ?1", [street.0], |r| {
                    r.get(0)
                })
                .optional()?;
            let is_street = level
                .as_deref()
                .and_then(RegionLevel::parse)
                .is_some_and(|l| matches!(l, RegionLevel::Street | RegionLevel::FunctionArea));
            if !is_street {
                return Err(StoreError::Account(AccountRule::NotAStreet));
            }
        }
        w.tx().execute(
            "INSERT INTO account_grants (account_id, role, area, street_id) VALUES (?1, ?2, ?3, ?4)",
            params![
                id,
                grant.role.as_str(),
                grant.area.as_str(),
                grant.street.map(|s| s.0)
            ],
        )?;
        let grant_id = w.tx().last_insert_rowid();
        w.log::<AccountGrantRecord>(grant_id, Action::Insert, None)?;
    }
    Ok(())
}

/// Disables or enables an account (an administrator of the whole district only); refuses
/// to disable the last enabled administrator of the whole district.
pub fn set_disabled(w: &Writer<'_>, id: i64, disabled: bool) -> Result<()> {
    keeper(w.session())?;
    let before = w.existing::<AccountRecord>(id, RecordKind::Account)?;
    if (before.disabled != 0) == disabled {
        return Ok(());
    }
    w.tx().execute(
        "UPDATE accounts SET disabled = ?1 WHERE id = ?2",
        params![i64::from(disabled), id],
    )?;
    w.log(id, Action::Update, Some(before))?;
    keep_an_admin(w)
}

/// Refuses a change that left no enabled administrator of the whole district.
fn keep_an_admin(w: &Writer<'_>) -> Result<()> {
    let admins: i64 = w.tx().query_row(
        "SELECT count(DISTINCT a.id) FROM accounts a JOIN account_grants g ON g.account_id = a.id
         WHERE a.disabled = 0 AND g.role = 'admin' AND g.street_id IS NULL",
        [],
        |r| r.get(0),
    )?;
    if admins == 0 {
        return Err(StoreError::Account(AccountRule::LastAdmin));
    }
    Ok(())
}

/// Makes the first administrator of a ledger that has no account yet, requires sign-in
/// from now on and signs that administrator in. Granted: [`Role::Admin`] in every area,
/// for the whole district (see the module's documentation).
pub fn create_first_admin(
    store: &mut Store,
    name: &str,
    display_name: &str,
    password: &str,
) -> Result<()> {
    if !store.session().keeps_accounts() {
        return Err(StoreError::AccountsOnlyAdmin);
    }
    let new = NewAccount {
        name: name.to_string(),
        display_name: display_name.to_string(),
        password: password.to_string(),
        grants: Area::ALL
            .into_iter()
            .map(|area| Grant {
                role: Role::Admin,
                area,
                street: None,
            })
            .collect(),
    };
    let id = store.write(|w| {
        if any_account(w.tx())? {
            return Err(StoreError::Account(AccountRule::AlreadySetUp));
        }
        let id = insert_account(w, &new)?;
        settings::set(w, SIGN_IN_KEY, "required")?;
        Ok(id)
    })?;
    let session = session_of(store.conn(), id)?;
    store.set_session(session);
    Ok(())
}

/// Decides that this ledger needs no sign-in on this computer. Once decided, only an
/// administrator of the whole district changes it (whoever opened an undecided ledger acts
/// for the operating-system account and may).
pub fn choose_no_sign_in(store: &mut Store) -> Result<()> {
    if !store.session().keeps_accounts() {
        return Err(StoreError::AccountsOnlyAdmin);
    }
    store.write(|w| settings::set(w, SIGN_IN_KEY, "none"))
}

/// Requires everyone to sign in from now on: only with an enabled administrator of the
/// whole district to sign in as, and only by an administrator. A window acting for the
/// operating-system account then shows the sign-in screen.
pub fn require_sign_in(store: &mut Store) -> Result<()> {
    if !store.session().keeps_accounts() {
        return Err(StoreError::AccountsOnlyAdmin);
    }
    store.write(|w| {
        keep_an_admin(w).map_err(|_| StoreError::Account(AccountRule::NoAdmin))?;
        settings::set(w, SIGN_IN_KEY, "required")
    })?;
    follow_mode(store)?;
    Ok(())
}

/// Signs `name` in with `password`; the store then acts for that account, with its grants.
///
/// A wrong name or password is [`StoreError::WrongNameOrPassword`] either way; a fourth
/// wrong password in a row and after is answered with [`StoreError::MustWait`] until the
/// wait is over, without trying the password; a disabled account, once its password is
/// right, with [`StoreError::AccountDisabled`].
pub fn sign_in(store: &mut Store, name: &str, password: &str) -> Result<()> {
    let found: Option<(i64, String, i64, Option<String>)> = store
        .conn()
        .query_row(
            "SELECT id, password_hash, failed_count, last_failed_at FROM accounts
             WHERE name = ?1",
            [name.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((id, phc, failed, last_failed)) = found else {
        // The same work as a real check, so the time taken tells nothing either.
        let _ = verify(password, dummy_hash());
        return Err(StoreError::WrongNameOrPassword);
    };
    if let Some(seconds) = wait_left(store, failed, last_failed.as_deref()) {
        return Err(StoreError::MustWait { seconds });
    }
    if !verify(password, &phc) {
        count_failure(store, id)?;
        return Err(StoreError::WrongNameOrPassword);
    }
    if failed > 0 && !store.read_only() {
        store.write(|w| {
            w.tx().execute(
                "UPDATE accounts SET failed_count = 0, last_failed_at = NULL WHERE id = ?1",
                [id],
            )?;
            w.touch("accounts");
            Ok(())
        })?;
    }
    let session = session_of(store.conn(), id)?;
    let disabled: bool =
        store
            .conn()
            .query_row("SELECT disabled FROM accounts WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
    if disabled {
        return Err(StoreError::AccountDisabled);
    }
    store.set_session(session);
    Ok(())
}

/// Checks the password of the signed-in account again (the window's idle lock), counting
/// a wrong one as [`sign_in`] does; the session's grants are read afresh.
pub fn unlock(store: &mut Store, password: &str) -> Result<()> {
    let Some(id) = store.session().user else {
        return Err(StoreError::NotSignedIn);
    };
    let name: String =
        store
            .conn()
            .query_row("SELECT name FROM accounts WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
    let result = sign_in(store, &name, password);
    if matches!(result, Err(StoreError::AccountDisabled)) {
        store.set_session(Session::nobody());
    }
    result
}

/// Signs out: on a ledger that asks for a sign-in the store then acts for nobody, else for
/// the operating-system account again.
pub fn sign_out(store: &mut Store) -> Result<()> {
    let session = session_at_open(store.conn(), super::current_actor())?;
    store.set_session(session);
    Ok(())
}

/// Changes the signed-in account's own password, which it must give again.
pub fn change_own_password(store: &mut Store, old: &str, new: &str) -> Result<()> {
    let Some(id) = store.session().user else {
        return Err(StoreError::NotSignedIn);
    };
    check_password(new)?;
    let phc: String = store.conn().query_row(
        "SELECT password_hash FROM accounts WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if !verify(old, &phc) {
        return Err(StoreError::WrongNameOrPassword);
    }
    store.write(|w| set_password(w, id, new))
}

/// Sets a new password for account `id` (an administrator of the whole district only),
/// and ends its wait after wrong passwords. The change log names who reset it.
pub fn reset_password(store: &mut Store, id: i64, new: &str) -> Result<()> {
    if !store.session().keeps_accounts() {
        return Err(StoreError::AccountsOnlyAdmin);
    }
    check_password(new)?;
    store.write(|w| set_password(w, id, new))
}

fn set_password(w: &Writer<'_>, id: i64, new: &str) -> Result<()> {
    let before = w.existing::<AccountRecord>(id, RecordKind::Account)?;
    let hash = hash(new)?;
    w.tx().execute(
        "UPDATE accounts SET password_hash = ?1, password_changed_at = ?2,
                password_changed_by = ?3, failed_count = 0, last_failed_at = NULL
         WHERE id = ?4",
        params![hash, w.stamp(), w.actor(), id],
    )?;
    w.log(id, Action::Update, Some(before))
}

/// The session of account `id`: its grants, under its [`actor_name`].
fn session_of(conn: &Connection, id: i64) -> Result<Session> {
    let (name, display): (String, String) = conn.query_row(
        "SELECT name, display_name FROM accounts WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Session {
        user: Some(id),
        name: actor_name(&name, &display),
        grants: grants_of(conn, id)?,
    })
}

/// Refuses unless `session` keeps the accounts.
fn keeper(session: &Session) -> Result<()> {
    if session.keeps_accounts() {
        Ok(())
    } else if session.user.is_none() && session.grants.is_empty() {
        Err(StoreError::NotSignedIn)
    } else {
        Err(StoreError::AccountsOnlyAdmin)
    }
}

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StoreError::Account(AccountRule::PasswordTooShort));
    }
    Ok(())
}

/// The wait after `failed` wrong passwords in a row, in seconds (none before
/// [`FREE_TRIES`]).
pub fn wait_after(failed: i64) -> Option<i64> {
    if failed < FREE_TRIES {
        return None;
    }
    let doublings = u32::try_from(failed - FREE_TRIES)
        .unwrap_or(u32::MAX)
        .min(10);
    Some((FIRST_WAIT_SECS << doublings).min(MAX_WAIT_SECS))
}

/// Seconds still to wait, if the account is waiting.
fn wait_left(store: &Store, failed: i64, last_failed: Option<&str>) -> Option<i64> {
    let wait = wait_after(failed)?;
    let last: jiff::civil::DateTime = last_failed?.parse().ok()?;
    let now = store.clock().now().datetime();
    let passed = now.duration_since(last).as_secs();
    // A clock set back counts from the failure as if no time had passed.
    let left = wait - passed.max(0);
    (left > 0).then_some(left)
}

fn count_failure(store: &mut Store, id: i64) -> Result<()> {
    if store.read_only() {
        return Ok(());
    }
    store.write(|w| {
        w.tx().execute(
            "UPDATE accounts SET failed_count = failed_count + 1, last_failed_at = ?1
             WHERE id = ?2",
            params![w.stamp(), id],
        )?;
        w.touch("accounts");
        Ok(())
    })
}

fn hash(password: &str) -> Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))
}

fn verify(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// A hash of no one's password, checked against when the name is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("not an account of this ledger").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_starts_after_three_and_doubles_to_a_cap() {
        assert_eq!(wait_after(0), None);
        assert_eq!(wait_after(2), None);
        assert_eq!(wait_after(3), Some(30));
        assert_eq!(wait_after(4), Some(60));
        assert_eq!(wait_after(7), Some(480));
        assert_eq!(wait_after(8), Some(900));
        assert_eq!(wait_after(1_000), Some(900));
    }

    #[test]
    fn a_hash_is_an_argon2id_phc_string_that_verifies() {
        let phc = hash("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$"), "{phc}");
        assert!(verify("correct horse", &phc));
        assert!(!verify("correct horsE", &phc));
        assert!(!verify("x", "not a hash"));
    }

    #[test]
    fn the_actor_name_carries_the_display_name() {
        assert_eq!(actor_name("wangkz", "王科长"), "wangkz（王科长）");
        assert_eq!(actor_name("admin", ""), "admin");
        assert_eq!(actor_name("admin", "admin"), "admin");
    }
}
