//! Command-line entry points: the window itself, and the same store and jobs without it.
//!
//! Arguments are read with `lexopt`: every command takes `--help`, an unknown option or a
//! stray argument is refused with the usage, and every message follows the language of the
//! system (or `--lang`), as the window does.
//!
//! An encrypted ledger given with `--db` is opened with the passphrase in
//! [`PASSPHRASE_ENV`] (for scheduled work), else one asked on the terminal without echo
//! ([`read_secret`]). A passphrase is never printed or logged.

mod import;
mod service_points;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use lexopt::{Arg, Parser, ValueExt};

use crate::app::{App, Prefs};
use crate::clock::Clock;
use crate::domain::pay::Month;
use crate::i18n::accounts as acc;
use crate::i18n::{Lang, Msg, Text, cli as cl, window as wi};
use crate::jobs::exports::{self, Disclosure};
use crate::jobs::{self, Reporter};
use crate::store::accounts::{self, SignInMode};
use crate::store::{Key, Store, StoreError, settings};

/// The environment variable a scheduled task puts the passphrase of an encrypted ledger
/// in (and of the copy `encrypt` writes).
pub const PASSPHRASE_ENV: &str = "MINSHENG_PASSPHRASE";

/// How many times a passphrase is asked on the terminal before the command gives up.
const PASSPHRASE_TRIES: usize = 3;

/// What the command line asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Open the window on this file, or on the default database.
    Window {
        /// `--db PATH`.
        db: Option<PathBuf>,
    },
    /// Generate demonstration data into a new file.
    Demo {
        /// The file to create; it must not exist.
        path: PathBuf,
        /// Thousands of people.
        scale: u32,
    },
    /// Export an approved month's subsidy sheet to Excel.
    ExportSheet {
        /// The database.
        db: PathBuf,
        /// The month.
        month: Month,
        /// The Excel file to write.
        out: PathBuf,
        /// ID numbers in full instead of masked.
        full_ids: bool,
    },
    /// Export the public notice of people placed in a period to PDF.
    ExportNotice {
        /// The database.
        db: PathBuf,
        /// Whom it lists: people placed in a period, or the candidates before placement.
        of: exports::NoticeOf,
        /// The PDF file to write.
        out: PathBuf,
    },
    /// Write an encrypted copy of a ledger.
    Encrypt {
        /// The ledger.
        db: PathBuf,
        /// The encrypted copy to write; it must not exist.
        out: PathBuf,
    },
    /// Export an approved month's bank file (Excel or CSV, by the extension).
    ExportBankFile {
        /// The database.
        db: PathBuf,
        /// The month.
        month: Month,
        /// The `.xlsx` or `.csv` file to write.
        out: PathBuf,
        /// Accounts held in another name were checked and are paid.
        accept_mismatches: bool,
        /// Why the file is made (`--reason`), kept in the access records.
        reason: String,
    },
    /// Import the office's own spreadsheet.
    Import(import::ImportArgs),
    /// Export the matters received in a period (Open311 JSON or CSV).
    ExportPetitions {
        /// The database.
        db: PathBuf,
        /// Received on or after.
        from: Date,
        /// Received on or before.
        to: Date,
        /// Open311 or CSV.
        format: jobs::petition_exports::Format,
        /// The file to write.
        out: PathBuf,
    },
    /// Print a council meeting's minutes to PDF.
    ExportMinutes {
        /// The database.
        db: PathBuf,
        /// The meeting's number.
        meeting: i64,
        /// The PDF to write.
        out: PathBuf,
    },
    /// A command of the service points (export coverage or guide, import outline).
    ServicePoints(service_points::SpCommand),
    /// Print a usage text.
    Help(Text),
    /// Print the version.
    Version,
}

/// A command line read: what to do, and the language to say it in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    /// What to do.
    pub command: Command,
    /// `--lang`, else the system's language.
    pub lang: Lang,
    /// `--user NAME`: the account to sign in as, on a ledger that asks for a sign-in.
    pub user: Option<String>,
}

/// Why the command line could not be carried out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CliError {
    /// The arguments are wrong: the message, and the usage to show with it (exit code 2).
    Usage(Msg, Text),
    /// The work failed (exit code 1).
    Failed(Msg),
}

/// Reads the arguments (without the program name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Invocation, CliError> {
    let args: Vec<OsString> = args.into_iter().collect();
    let lang = lang_asked(&args).unwrap_or_else(Lang::from_os);
    let mut p = Parser::from_args(args);
    let help = cl::USAGE;
    let mut db = None;
    let mut user = None;
    let mut first = true;
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            Arg::Value(word) if first => {
                let command = match word.to_str() {
                    Some("demo") => parse_demo(&mut p)?,
                    Some("export") => parse_export(&mut p, &mut user)?,
                    Some("encrypt") => parse_encrypt(&mut p)?,
                    Some("import") => import::parse(&mut p, &mut user)?,
                    _ => {
                        let word = word.to_string_lossy().into_owned();
                        return Err(CliError::Usage(cl::unknown_command(word), help));
                    }
                };
                return Ok(Invocation {
                    command,
                    lang,
                    user,
                });
            }
            Arg::Short('V') | Arg::Long("version") => {
                let command = Command::Version;
                return Ok(Invocation {
                    command,
                    lang,
                    user,
                });
            }
            Arg::Short('h') | Arg::Long("help") => {
                let command = Command::Help(help);
                return Ok(Invocation {
                    command,
                    lang,
                    user,
                });
            }
            Arg::Long("db") => db = Some(path_value(&mut p, help)?),
            // Options of every command: they may stand before it.
            Arg::Long("user") => {
                user = Some(user_value(&mut p, help)?);
                continue;
            }
            Arg::Long("lang") => {
                lang_value(&mut p, help)?;
                continue;
            }
            other => return Err(usage(other.unexpected(), help)),
        }
        first = false;
    }
    let command = Command::Window { db };
    Ok(Invocation {
        command,
        lang,
        user,
    })
}

/// The account name of `--user`: not empty.
fn user_value(p: &mut Parser, help: Text) -> Result<String, CliError> {
    let value = p.value().map_err(|e| usage(e, help))?;
    match value.to_str().map(str::trim) {
        Some(name) if !name.is_empty() => Ok(name.to_string()),
        _ => Err(usage(
            lexopt::Error::UnexpectedValue {
                option: "--user".into(),
                value,
            },
            help,
        )),
    }
}

/// The language `--lang` asks for, read before anything else so that every message of the
/// run, even about the other arguments, is in it.
fn lang_asked(args: &[OsString]) -> Option<Lang> {
    let position = args.iter().position(|a| a == "--lang")?;
    match args.get(position + 1)?.to_str()? {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

fn usage(e: lexopt::Error, text: Text) -> CliError {
    let msg = match e {
        lexopt::Error::MissingValue { option } => cl::missing_value(option.unwrap_or_default()),
        lexopt::Error::UnexpectedOption(option) => cl::unknown_option(option),
        lexopt::Error::UnexpectedArgument(value) => {
            cl::unexpected_argument(value.to_string_lossy())
        }
        lexopt::Error::UnexpectedValue { option, value } => {
            cl::bad_value(option, value.to_string_lossy())
        }
        lexopt::Error::ParsingFailed { value, .. } => cl::bad_value("", value),
        lexopt::Error::NonUnicodeValue(value) => cl::bad_value("", value.to_string_lossy()),
        lexopt::Error::Custom(e) => cl::bad_value("", e),
    };
    CliError::Usage(msg, text)
}

/// Checks the value of `--lang` (its language was read before parsing).
fn lang_value(p: &mut Parser, help: Text) -> Result<(), CliError> {
    let value = p.value().map_err(|e| usage(e, help))?;
    match value.to_str() {
        Some("zh" | "en") => Ok(()),
        _ => Err(CliError::Usage(cl::BAD_LANG.into(), help)),
    }
}

fn path_value(p: &mut Parser, help: Text) -> Result<PathBuf, CliError> {
    Ok(PathBuf::from(p.value().map_err(|e| usage(e, help))?))
}

fn parse_demo(p: &mut Parser) -> Result<Command, CliError> {
    let help = cl::USAGE_DEMO;
    let (mut path, mut scale) = (None, jobs::demo::DEFAULT_SCALE);
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            Arg::Value(value) if path.is_none() => path = Some(PathBuf::from(value)),
            Arg::Long("scale") => {
                scale = p
                    .value()
                    .map_err(|e| usage(e, help))?
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or(CliError::Usage(cl::BAD_SCALE.into(), help))?;
            }
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(help)),
            Arg::Long("lang") => lang_value(p, help)?,
            other => return Err(usage(other.unexpected(), help)),
        }
    }
    let path = path.ok_or(CliError::Usage(cl::MISSING_PATH.into(), help))?;
    Ok(Command::Demo { path, scale })
}

fn parse_encrypt(p: &mut Parser) -> Result<Command, CliError> {
    let help = cl::USAGE_ENCRYPT;
    let (mut db, mut out) = (None, None);
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            Arg::Long("db") => db = Some(path_value(p, help)?),
            Arg::Long("out") => out = Some(path_value(p, help)?),
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(help)),
            Arg::Long("lang") => lang_value(p, help)?,
            other => return Err(usage(other.unexpected(), help)),
        }
    }
    let required = |name: &str| CliError::Usage(cl::missing_option(name), help);
    Ok(Command::Encrypt {
        db: db.ok_or_else(|| required("--db"))?,
        out: out.ok_or_else(|| required("--out"))?,
    })
}

/// The `--name value` options of an export, and its switches.
#[derive(Default)]
struct ExportOptions {
    db: Option<PathBuf>,
    out: Option<PathBuf>,
    month: Option<Month>,
    from: Option<Date>,
    to: Option<Date>,
    full_ids: bool,
    candidates: bool,
    accept_mismatches: bool,
    reason: Option<String>,
}

fn parse_export(p: &mut Parser, user: &mut Option<String>) -> Result<Command, CliError> {
    let kind = match p.next().map_err(|e| usage(e, cl::USAGE_EXPORT))? {
        Some(Arg::Value(kind)) => kind,
        Some(Arg::Short('h') | Arg::Long("help")) => return Ok(Command::Help(cl::USAGE_EXPORT)),
        Some(other) => return Err(usage(other.unexpected(), cl::USAGE_EXPORT)),
        None => return Err(CliError::Usage(cl::MISSING_EXPORT.into(), cl::USAGE_EXPORT)),
    };
    let (help, sheet, bank_file) = match kind.to_str() {
        Some("subsidy-sheet") => (cl::USAGE_SHEET, true, false),
        Some("bank-file") => (crate::i18n::bank::USAGE_BANK_FILE, true, true),
        Some("notice") => (cl::USAGE_NOTICE, false, false),
        Some(kind @ ("petitions" | "minutes")) => {
            return parse_petition_export(kind == "minutes", p, user);
        }
        Some(k @ ("coverage" | "guide")) => return service_points::parse_export(k, p, user),
        _ => {
            let kind = kind.to_string_lossy().into_owned();
            return Err(CliError::Usage(cl::unknown_command(kind), cl::USAGE_EXPORT));
        }
    };
    let mut o = ExportOptions::default();
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            Arg::Long("db") => o.db = Some(path_value(p, help)?),
            Arg::Long("user") => *user = Some(user_value(p, help)?),
            Arg::Long("out") => o.out = Some(path_value(p, help)?),
            Arg::Long("month") if sheet => {
                let text = p.value().map_err(|e| usage(e, help))?;
                let month = text.to_str().and_then(|t| Month::parse(t).ok());
                o.month = Some(month.ok_or(CliError::Usage(cl::BAD_MONTH.into(), help))?);
            }
            Arg::Long("full-ids") if sheet && !bank_file => o.full_ids = true,
            Arg::Long("accept-holder-mismatch") if bank_file => o.accept_mismatches = true,
            Arg::Long("reason") if bank_file => {
                let text = p.value().map_err(|e| usage(e, help))?;
                o.reason = Some(text.to_string_lossy().trim().to_string());
            }
            Arg::Long("candidates") if !sheet => o.candidates = true,
            Arg::Long(name @ ("from" | "to")) if !sheet => {
                let name = name.to_string();
                let text = p.value().map_err(|e| usage(e, help))?;
                let date = text.to_str().and_then(|t| t.parse().ok());
                let date = date.ok_or(CliError::Usage(cl::BAD_DATE.into(), help))?;
                *if name == "from" {
                    &mut o.from
                } else {
                    &mut o.to
                } = Some(date);
            }
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(help)),
            Arg::Long("lang") => lang_value(p, help)?,
            other => return Err(usage(other.unexpected(), help)),
        }
    }
    let required = |name: &str| CliError::Usage(cl::missing_option(name), help);
    let db = o.db.ok_or_else(|| required("--db"))?;
    let out = o.out.ok_or_else(|| required("--out"))?;
    if bank_file {
        Ok(Command::ExportBankFile {
            db,
            month: o.month.ok_or_else(|| required("--month"))?,
            out,
            accept_mismatches: o.accept_mismatches,
            reason: o
                .reason
                .filter(|r| !r.is_empty())
                .ok_or_else(|| required("--reason"))?,
        })
    } else if sheet {
        Ok(Command::ExportSheet {
            db,
            month: o.month.ok_or_else(|| required("--month"))?,
            out,
            full_ids: o.full_ids,
        })
    } else if o.candidates {
        if o.from.is_some() || o.to.is_some() {
            return Err(CliError::Usage(
                crate::i18n::bank::CANDIDATES_NO_PERIOD.into(),
                help,
            ));
        }
        Ok(Command::ExportNotice {
            db,
            of: exports::NoticeOf::Candidates,
            out,
        })
    } else {
        Ok(Command::ExportNotice {
            db,
            of: exports::NoticeOf::Placed {
                from: o.from.ok_or_else(|| required("--from"))?,
                to: o.to.ok_or_else(|| required("--to"))?,
            },
            out,
        })
    }
}

/// `export petitions` and `export minutes`.
fn parse_petition_export(
    minutes: bool,
    p: &mut Parser,
    user: &mut Option<String>,
) -> Result<Command, CliError> {
    use crate::i18n::petitions as pt;
    use crate::jobs::petition_exports::Format;
    let help = if minutes {
        pt::USAGE_MINUTES
    } else {
        pt::USAGE_PETITIONS
    };
    let (mut db, mut out, mut from, mut to, mut format, mut meeting) =
        (None, None, None, None, None, None);
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            Arg::Long("db") => db = Some(path_value(p, help)?),
            Arg::Long("user") => *user = Some(user_value(p, help)?),
            Arg::Long("out") => out = Some(path_value(p, help)?),
            Arg::Long(name @ ("from" | "to")) if !minutes => {
                let is_from = name == "from";
                let text = p.value().map_err(|e| usage(e, help))?;
                let date: Option<Date> = text.to_str().and_then(|t| t.parse().ok());
                let date = date.ok_or(CliError::Usage(cl::BAD_DATE.into(), help))?;
                *if is_from { &mut from } else { &mut to } = Some(date);
            }
            Arg::Long("format") if !minutes => {
                let text = p.value().map_err(|e| usage(e, help))?;
                format = Some(match text.to_str() {
                    Some("open311") => Format::Open311,
                    Some("csv") => Format::Csv,
                    _ => return Err(CliError::Usage(pt::BAD_FORMAT.into(), help)),
                });
            }
            Arg::Long("meeting") if minutes => {
                let text = p.value().map_err(|e| usage(e, help))?;
                meeting = Some(text.parse::<i64>().map_err(|e| usage(e, help))?);
            }
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(help)),
            Arg::Long("lang") => lang_value(p, help)?,
            other => return Err(usage(other.unexpected(), help)),
        }
    }
    let required = |name: &str| CliError::Usage(cl::missing_option(name), help);
    let db = db.ok_or_else(|| required("--db"))?;
    let out = out.ok_or_else(|| required("--out"))?;
    if minutes {
        return Ok(Command::ExportMinutes {
            db,
            meeting: meeting.ok_or_else(|| required("--meeting"))?,
            out,
        });
    }
    Ok(Command::ExportPetitions {
        db,
        from: from.ok_or_else(|| required("--from"))?,
        to: to.ok_or_else(|| required("--to"))?,
        format: format.ok_or_else(|| required("--format"))?,
        out,
    })
}

/// Carries out a command; what it prints goes to standard output, what went wrong is the
/// error.
pub fn run(invocation: Invocation) -> Result<(), CliError> {
    let lang = invocation.lang;
    let user = invocation.user.as_deref();
    match invocation.command {
        Command::Help(text) => {
            println!("{}", lang.t(text));
            Ok(())
        }
        Command::Version => {
            println!("minsheng {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Command::Demo { path, scale } => demo(&path, scale, lang),
        Command::ExportSheet {
            db,
            month,
            out,
            full_ids,
        } => {
            let mut store = open_existing(&db, user, lang)?;
            let (id_mask, _) = settings::mask_patterns(&store.read()).map_err(failure)?;
            let disclosure = Disclosure { id_mask, full_ids };
            let outcome = exports::subsidy_sheet(
                &mut store,
                month,
                &out,
                disclosure,
                lang,
                &Reporter::silent(),
            )
            .map_err(failure)?;
            println!("{}", outcome.message().get(lang));
            Ok(())
        }
        Command::ExportNotice { db, of, out } => {
            let store = open_existing(&db, user, lang)?;
            let (id_mask, _) = settings::mask_patterns(&store.read()).map_err(failure)?;
            let outcome = exports::notice(&store, of, &out, id_mask, lang, &Reporter::silent())
                .map_err(failure)?;
            println!("{}", outcome.message().get(lang));
            Ok(())
        }
        Command::ExportBankFile {
            db,
            month,
            out,
            accept_mismatches,
            reason,
        } => {
            let mut store = open_existing(&db, user, lang)?;
            let outcome = jobs::bank_export::bank_file(
                &mut store,
                month,
                &out,
                accept_mismatches,
                &reason,
                &Reporter::silent(),
            )
            .map_err(failure)?;
            println!("{}", outcome.message().get(lang));
            Ok(())
        }
        Command::ExportPetitions {
            db,
            from,
            to,
            format,
            out,
        } => {
            let mut store = open_existing(&db, user, lang)?;
            let filter = crate::store::petitions::MatterFilter {
                from: Some(from),
                to: Some(to),
                ..Default::default()
            };
            let outcome = jobs::petition_exports::export(
                &mut store,
                &filter,
                format,
                &out,
                lang,
                &Reporter::silent(),
            )
            .map_err(failure)?;
            println!("{}", outcome.message().get(lang));
            Ok(())
        }
        Command::ExportMinutes { db, meeting, out } => {
            let mut store = open_existing(&db, user, lang)?;
            let id = crate::domain::petition::MeetingId(meeting);
            let outcome =
                jobs::petition_exports::minutes(&mut store, id, &out, lang).map_err(failure)?;
            println!("{}", outcome.message().get(lang));
            Ok(())
        }
        Command::Encrypt { db, out } => encrypt(&db, &out, user, lang),
        Command::ServicePoints(command) => service_points::run(command, user, lang),
        Command::Import(args) => import::run_import(args, user, lang),
        Command::Window { db } => window(db, lang, invocation.user),
    }
}

/// Reads a secret (a passphrase) on the terminal after `prompt`, without echoing it.
/// Fails where there is no terminal to ask on (a scheduled task, input from a pipe).
pub fn read_secret(prompt: &str) -> std::io::Result<String> {
    rpassword::prompt_password(prompt)
}

/// The passphrase in [`PASSPHRASE_ENV`], if it is set and not empty.
fn env_passphrase() -> Option<String> {
    std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty())
}

/// Asking on the terminal failed: say where else the passphrase can come from.
fn no_terminal(e: &std::io::Error) -> CliError {
    tracing::error!(
        "the passphrase could not be read on the terminal: {}",
        e.kind()
    );
    CliError::Failed(cl::passphrase_needed(PASSPHRASE_ENV))
}

/// Writes an encrypted copy of `db` to `out`, with a new passphrase from the environment
/// or asked twice on the terminal.
fn encrypt(db: &Path, out: &Path, user: Option<&str>, lang: Lang) -> Result<(), CliError> {
    if out.exists() {
        // Refused before a passphrase is asked for (the store refuses it too).
        return Err(CliError::Failed(cl::out_exists(out.display())));
    }
    let store = open_existing(db, user, lang)?;
    let passphrase = match env_passphrase() {
        Some(passphrase) => passphrase,
        None => {
            let first = read_secret(lang.t(cl::NEW_PASSPHRASE)).map_err(|e| no_terminal(&e))?;
            crate::store::check_passphrase(&first).map_err(failure)?;
            let again = read_secret(lang.t(cl::REPEAT_PASSPHRASE)).map_err(|e| no_terminal(&e))?;
            if first != again {
                return Err(CliError::Failed(cl::PASSPHRASES_DIFFER.into()));
            }
            first
        }
    };
    store.encrypt_to(out, &passphrase).map_err(failure)?;
    println!("{}", cl::encrypted_written(out.display()).get(lang));
    Ok(())
}

/// Something the store or a job could not do: its message for the terminal, its kind for
/// the log file (no personal data).
trait Failure {
    fn message(&self) -> Msg;
    fn log_line(&self) -> String;
}

impl Failure for crate::store::StoreError {
    fn message(&self) -> Msg {
        crate::store::StoreError::message(self)
    }
    fn log_line(&self) -> String {
        crate::store::StoreError::log_line(self)
    }
}

impl Failure for jobs::JobError {
    fn message(&self) -> Msg {
        jobs::JobError::message(self)
    }
    fn log_line(&self) -> String {
        jobs::JobError::log_line(self)
    }
}

fn failure(e: impl Failure) -> CliError {
    tracing::error!("command failed: {}", e.log_line());
    CliError::Failed(e.message())
}

/// Opens a database that must already exist (an export never creates one), signed in as
/// `user` if it asks for a sign-in.
fn open_existing(path: &Path, user: Option<&str>, lang: Lang) -> Result<Store, CliError> {
    let mut store = open_ledger(path, lang)?;
    sign_in(&mut store, user, lang)?;
    Ok(store)
}

/// Opens a database that must already exist (an export never creates one); an encrypted
/// one with its passphrase from the environment, else asked on the terminal (again after
/// a wrong one, a few times).
fn open_ledger(path: &Path, lang: Lang) -> Result<Store, CliError> {
    if !path.is_file() {
        return Err(CliError::Failed(cl::no_such_file(path.display())));
    }
    match Store::open(path) {
        Err(StoreError::Encrypted { .. }) => {}
        other => return other.map_err(failure),
    }
    if let Some(passphrase) = env_passphrase() {
        return Store::open_with_key(path, Clock::system(), Key::new(passphrase)).map_err(failure);
    }
    let prompt = cl::passphrase_of(path.display()).text(lang);
    let mut tries = 1;
    loop {
        let passphrase = read_secret(&prompt).map_err(|e| no_terminal(&e))?;
        match Store::open_with_key(path, Clock::system(), Key::new(passphrase)) {
            Err(e @ StoreError::WrongPassphrase { .. }) if tries < PASSPHRASE_TRIES => {
                eprintln!("minsheng: {}", e.message().get(lang));
                tries += 1;
            }
            other => return other.map_err(failure),
        }
    }
}

/// The passphrase to open the window's encrypted file with, if the file is encrypted:
/// from the environment, else asked on the terminal the window was started from. Without
/// a terminal (started from a shortcut) the window asks.
fn startup_key(path: &Path, lang: Lang) -> Option<Key> {
    use std::io::IsTerminal;
    if !crate::store::is_encrypted_file(path) {
        return None;
    }
    if let Some(passphrase) = env_passphrase() {
        return Some(Key::new(passphrase));
    }
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let prompt = cl::passphrase_of(path.display()).text(lang);
    read_secret(&prompt)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Key::new)
}

/// Signs `user` in on a ledger that asks for a sign-in, with the password from
/// `MINSHENG_PASSWORD` or typed on the terminal without echo. A ledger without sign-in (or
/// not decided yet) needs neither, and its writes are logged under the computer's user.
fn sign_in(store: &mut Store, user: Option<&str>, lang: Lang) -> Result<(), CliError> {
    if accounts::sign_in_mode(store.conn()).map_err(failure)? != SignInMode::Required {
        return Ok(());
    }
    let Some(name) = user else {
        return Err(CliError::Failed(acc::cli_user_required(
            store.path().display(),
        )));
    };
    let password = match std::env::var(PASSWORD_VAR) {
        Ok(password) => password,
        Err(_) => rpassword::prompt_password(acc::cli_password_prompt(name).text(lang))
            .map_err(|e| CliError::Failed(acc::cli_no_terminal(e)))?,
    };
    accounts::sign_in(store, name, &password).map_err(failure)
}

/// The environment variable a script gives the password in.
pub const PASSWORD_VAR: &str = "MINSHENG_PASSWORD";

fn demo(path: &Path, scale: u32, lang: Lang) -> Result<(), CliError> {
    if path.exists() {
        return Err(CliError::Failed(cl::demo_exists(path.display())));
    }
    let mut store = Store::open(path).map_err(failure)?;
    match jobs::demo::generate(&mut store, scale, &Reporter::silent()) {
        Ok(outcome) => {
            let what = outcome.message();
            println!("{}", cl::wrote(what.get(lang), path.display()).get(lang));
            if scale > 0 {
                println!("{}", lang.t(acc::DEMO_ACCOUNTS));
                for demo in jobs::demo::DEMO_ACCOUNTS {
                    println!(
                        "  {:<10} {:<20} {}",
                        demo.name, demo.password, demo.display_name
                    );
                }
            }
            Ok(())
        }
        Err(e) => {
            drop(store);
            // Nothing was written in the failed transaction: leave no empty file behind.
            let _ = std::fs::remove_file(path);
            Err(failure(e))
        }
    }
}

/// The folder of the default database and the log file, created on first use.
pub fn data_dir() -> Result<PathBuf, CliError> {
    let dirs = directories::ProjectDirs::from("cn", "Minsheng", "minsheng")
        .ok_or(CliError::Failed(cl::NO_DATA_FOLDER.into()))?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).map_err(|e| failure(crate::store::StoreError::Io(e)))?;
    Ok(dir.to_path_buf())
}

fn window(db: Option<PathBuf>, lang: Lang, user: Option<String>) -> Result<(), CliError> {
    let path = match db {
        Some(path) => path,
        None => data_dir()?.join("minsheng.sqlite"),
    };
    let key = startup_key(&path, lang);
    let mut viewport = egui::ViewportBuilder::default();
    if let Some(icon) = crate::icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title(wi::APP_TITLE.zh)
            .with_app_id("minsheng")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        persist_window: true,
        ..Default::default()
    };
    let lang_asked = std::env::args().any(|a| a == "--lang");
    eframe::run_native(
        "minsheng",
        options,
        Box::new(move |cc| {
            crate::fonts::install(&cc.egui_ctx);
            let mut prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            if lang_asked {
                prefs.lang = lang;
            }
            let mut app = App::opening_with_key(path, key, prefs, &cc.egui_ctx);
            if let Some(user) = user {
                app.sign_in_as(user);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| CliError::Failed(cl::window_failed(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Command, CliError> {
        parse(s.split_whitespace().map(OsString::from)).map(|i| i.command)
    }

    fn is_usage(result: Result<Command, CliError>) -> bool {
        matches!(result, Err(CliError::Usage(..)))
    }

    #[test]
    fn parses_the_commands() {
        assert_eq!(parse_str(""), Ok(Command::Window { db: None }));
        assert_eq!(
            parse_str("--db a.sqlite"),
            Ok(Command::Window {
                db: Some("a.sqlite".into())
            })
        );
        assert_eq!(
            parse_str("demo d.sqlite --scale 100"),
            Ok(Command::Demo {
                path: "d.sqlite".into(),
                scale: 100
            })
        );
        assert_eq!(
            parse_str("demo d.sqlite"),
            Ok(Command::Demo {
                path: "d.sqlite".into(),
                scale: jobs::demo::DEFAULT_SCALE
            })
        );
        assert_eq!(
            parse_str("export subsidy-sheet --db a.sqlite --month 2026-10 --out s.xlsx --full-ids"),
            Ok(Command::ExportSheet {
                db: "a.sqlite".into(),
                month: Month::new(2026, 10).unwrap(),
                out: "s.xlsx".into(),
                full_ids: true,
            })
        );
        assert_eq!(
            parse_str("export notice --db a --from 2026-01-01 --to 2026-01-31 --out n.pdf"),
            Ok(Command::ExportNotice {
                db: "a".into(),
                of: exports::NoticeOf::Placed {
                    from: jiff::civil::date(2026, 1, 1),
                    to: jiff::civil::date(2026, 1, 31),
                },
                out: "n.pdf".into(),
            })
        );
        assert_eq!(
            parse_str("export notice --db a --candidates --out n.pdf"),
            Ok(Command::ExportNotice {
                db: "a".into(),
                of: exports::NoticeOf::Candidates,
                out: "n.pdf".into(),
            })
        );
        assert_eq!(
            parse_str("export bank-file --db a --month 2026-10 --out b.csv --reason 代发"),
            Ok(Command::ExportBankFile {
                db: "a".into(),
                month: Month::new(2026, 10).unwrap(),
                out: "b.csv".into(),
                accept_mismatches: false,
                reason: "代发".into(),
            })
        );
        assert_eq!(
            parse_str("encrypt --db a.sqlite --out b.sqlite"),
            Ok(Command::Encrypt {
                db: "a.sqlite".into(),
                out: "b.sqlite".into(),
            })
        );
        assert_eq!(
            parse_str("encrypt --out b.sqlite --lang en --db a.sqlite"),
            Ok(Command::Encrypt {
                db: "a.sqlite".into(),
                out: "b.sqlite".into(),
            })
        );
        assert_eq!(
            parse_str(
                "export bank-file --db a --month 2026-10 --out b.xlsx --accept-holder-mismatch --reason 代发"
            ),
            Ok(Command::ExportBankFile {
                db: "a".into(),
                month: Month::new(2026, 10).unwrap(),
                out: "b.xlsx".into(),
                accept_mismatches: true,
                reason: "代发".into(),
            })
        );
    }

    #[test]
    fn user_is_an_option_of_every_command_that_opens_a_ledger() {
        let read = |s: &str| parse(s.split_whitespace().map(OsString::from)).unwrap();
        let window = read("--user wangkz --db a.sqlite");
        assert_eq!(window.user.as_deref(), Some("wangkz"));
        assert_eq!(
            window.command,
            Command::Window {
                db: Some("a.sqlite".into())
            }
        );
        let export =
            read("export bank-file --db a --user lihua --month 2026-10 --out b.csv --reason 代发");
        assert_eq!(export.user.as_deref(), Some("lihua"));
        assert!(matches!(export.command, Command::ExportBankFile { .. }));
        let before = read("--user=lihua export notice --db a --candidates --out n.pdf");
        assert_eq!(before.user.as_deref(), Some("lihua"));
        assert_eq!(
            read("export notice --db a --candidates --out n.pdf").user,
            None
        );
        for line in ["--user", "--user= ", "demo d.sqlite --user admin"] {
            assert!(
                is_usage(parse(line.split(' ').map(OsString::from)).map(|i| i.command)),
                "accepted: {line}"
            );
        }
    }

    #[test]
    fn every_command_has_help_and_help_creates_nothing() {
        assert_eq!(parse_str("--help"), Ok(Command::Help(cl::USAGE)));
        assert_eq!(parse_str("-h"), Ok(Command::Help(cl::USAGE)));
        assert_eq!(parse_str("demo --help"), Ok(Command::Help(cl::USAGE_DEMO)));
        assert_eq!(
            parse_str("export --help"),
            Ok(Command::Help(cl::USAGE_EXPORT))
        );
        assert_eq!(
            parse_str("export subsidy-sheet --help"),
            Ok(Command::Help(cl::USAGE_SHEET))
        );
        assert_eq!(
            parse_str("export notice --db x --help"),
            Ok(Command::Help(cl::USAGE_NOTICE))
        );
        assert_eq!(
            parse_str("export bank-file --help"),
            Ok(Command::Help(crate::i18n::bank::USAGE_BANK_FILE))
        );
        assert_eq!(
            parse_str("encrypt --help"),
            Ok(Command::Help(cl::USAGE_ENCRYPT))
        );
        assert_eq!(
            parse_str("encrypt --db a --out b --help"),
            Ok(Command::Help(cl::USAGE_ENCRYPT))
        );
        assert_eq!(
            parse_str("export petitions --help"),
            Ok(Command::Help(crate::i18n::petitions::USAGE_PETITIONS))
        );
        assert_eq!(
            parse_str("export minutes --db x --help"),
            Ok(Command::Help(crate::i18n::petitions::USAGE_MINUTES))
        );
        assert_eq!(parse_str("--version"), Ok(Command::Version));
    }

    #[test]
    fn parses_the_petition_exports() {
        use crate::jobs::petition_exports::Format;
        assert_eq!(
            parse_str(
                "export petitions --db a.sqlite --from 2026-01-01 --to 2026-12-31 --format open311 --out p.json"
            ),
            Ok(Command::ExportPetitions {
                db: "a.sqlite".into(),
                from: jiff::civil::date(2026, 1, 1),
                to: jiff::civil::date(2026, 12, 31),
                format: Format::Open311,
                out: "p.json".into(),
            })
        );
        assert_eq!(
            parse_str("export minutes --db a.sqlite --meeting 7 --out m.pdf"),
            Ok(Command::ExportMinutes {
                db: "a.sqlite".into(),
                meeting: 7,
                out: "m.pdf".into(),
            })
        );
        for line in [
            "export petitions --db a --from 2026-01-01 --to 2026-12-31 --format xml --out p",
            "export petitions --db a --from 2026-01-01 --format csv --out p",
            "export minutes --db a --meeting seven --out m.pdf",
            "export minutes --db a --out m.pdf",
            "export minutes --db a --meeting 1 --from 2026-01-01 --out m.pdf",
        ] {
            assert!(is_usage(parse_str(line)), "{line}");
        }
    }

    #[test]
    fn wrong_arguments_are_refused_with_the_usage() {
        for line in [
            "demo",
            "demo d.sqlite --scale 0",
            "demo d.sqlite extra",
            "demo d.sqlite --frobnicate",
            "--db",
            "--frobnicate",
            "frobnicate",
            "export",
            "export receipts",
            "export subsidy-sheet --db a.sqlite --month 2026-13 --out s.xlsx",
            "export subsidy-sheet --db a.sqlite --out s.xlsx",
            "export subsidy-sheet --db a.sqlite --month 2026-10 --out s.xlsx --from 2026-01-01",
            "export notice --db a.sqlite --from 2026-01-01 --out n.pdf",
            "export notice --db a --from 2026-02-30 --to 2026-03-01 --out n.pdf",
            "export notice --db a --from 2026-01-01 --to 2026-01-31 --out n.pdf --full-ids",
            "export notice --db a --candidates --from 2026-01-01 --out n.pdf",
            "export bank-file --db a --out b.csv",
            "export bank-file --db a --month 2026-10 --out b.csv",
            "export bank-file --db a --month 2026-10 --out b.csv --reason",
            "export bank-file --db a --month 2026-10 --out b.csv --full-ids",
            "export subsidy-sheet --db a --month 2026-10 --out s.xlsx --accept-holder-mismatch",
            "--lang fr",
            "encrypt",
            "encrypt --db a.sqlite",
            "encrypt --out b.sqlite",
            "encrypt --db a.sqlite --out",
            "encrypt --db a.sqlite --out b.sqlite extra",
            "encrypt --db a.sqlite --out b.sqlite --passphrase secret",
        ] {
            assert!(is_usage(parse_str(line)), "accepted: {line}");
        }
    }

    #[test]
    fn messages_follow_the_language_asked_for() {
        let zh = parse(["--lang", "zh", "--frobnicate"].map(OsString::from));
        let en = parse(["--frobnicate", "--lang", "en"].map(OsString::from));
        match (zh, en) {
            (Err(CliError::Usage(zh, _)), Err(CliError::Usage(en, _))) => {
                assert_eq!(zh.get(Lang::Zh), "不认识的选项：--frobnicate");
                assert_eq!(en.get(Lang::En), "unknown option: --frobnicate");
            }
            other => panic!("expected usage errors, got {other:?}"),
        }
        let asked = parse(["demo", "d.sqlite", "--lang", "en"].map(OsString::from)).unwrap();
        assert_eq!(asked.lang, Lang::En);
    }
}
