//! The service points without a window: `export coverage`, `export guide` and
//! `import outline`, signed in as the other commands are, with the same exit codes (2 for
//! wrong arguments, 1 for work that failed, the reason printed).

use std::path::PathBuf;

use lexopt::{Arg, Parser};

use super::{CliError, Command, failure, lang_value, open_existing, path_value, usage, user_value};
use crate::domain::spatial::Datum;
use crate::i18n::{Lang, cli as cl, service_points as sp};
use crate::jobs::{Reporter, service_point_exports};
use crate::store::service_points::outlines;
use crate::store::{StoreError, regions};

/// A service-points command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SpCommand {
    /// `export coverage`.
    Coverage {
        /// The ledger.
        db: PathBuf,
        /// The `.xlsx` to write.
        out: PathBuf,
    },
    /// `export guide`.
    Guide {
        /// The ledger.
        db: PathBuf,
        /// Only this street's villages (its division code).
        street: Option<String>,
        /// The `.pdf` to write.
        out: PathBuf,
    },
    /// `import outline`.
    ImportOutline {
        /// The ledger.
        db: PathBuf,
        /// The GeoJSON file.
        file: PathBuf,
        /// The datum the file is in.
        datum: Datum,
    },
}

/// `export coverage|guide …` after the kind.
pub(super) fn parse_export(
    kind: &str,
    p: &mut Parser,
    user: &mut Option<String>,
) -> Result<Command, CliError> {
    let help = if kind == "guide" {
        sp::USAGE_GUIDE
    } else {
        sp::USAGE_COVERAGE
    };
    let (mut db, mut out, mut street) = (None, None, None);
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            Arg::Long("db") => db = Some(path_value(p, help)?),
            Arg::Long("out") => out = Some(path_value(p, help)?),
            Arg::Long("user") => *user = Some(user_value(p, help)?),
            Arg::Long("street") if kind == "guide" => {
                let value = p.value().map_err(|e| usage(e, help))?;
                street = Some(value.to_string_lossy().trim().to_string());
            }
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(help)),
            Arg::Long("lang") => lang_value(p, help)?,
            other => return Err(usage(other.unexpected(), help)),
        }
    }
    let required = |name: &str| CliError::Usage(cl::missing_option(name), help);
    let db = db.ok_or_else(|| required("--db"))?;
    let out = out.ok_or_else(|| required("--out"))?;
    Ok(Command::ServicePoints(if kind == "guide" {
        SpCommand::Guide { db, street, out }
    } else {
        SpCommand::Coverage { db, out }
    }))
}

/// `import outline …`, after the word `outline` (read by [`super::import::parse`]).
pub(super) fn parse_outline(
    p: &mut Parser,
    user: &mut Option<String>,
) -> Result<Command, CliError> {
    let help = sp::USAGE_IMPORT;
    let (mut db, mut file, mut datum) = (None, None, None);
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            Arg::Long("db") => db = Some(path_value(p, help)?),
            Arg::Long("file") => file = Some(path_value(p, help)?),
            Arg::Long("user") => *user = Some(user_value(p, help)?),
            Arg::Long("datum") => {
                let value = p.value().map_err(|e| usage(e, help))?;
                let parsed = value.to_str().and_then(Datum::parse);
                datum = Some(parsed.ok_or(CliError::Usage(sp::BAD_DATUM.into(), help))?);
            }
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(help)),
            Arg::Long("lang") => lang_value(p, help)?,
            other => return Err(usage(other.unexpected(), help)),
        }
    }
    let required = |name: &str| CliError::Usage(cl::missing_option(name), help);
    Ok(Command::ServicePoints(SpCommand::ImportOutline {
        db: db.ok_or_else(|| required("--db"))?,
        file: file.ok_or_else(|| required("--file"))?,
        datum: datum.ok_or_else(|| required("--datum"))?,
    }))
}

/// Carries out a service-points command.
pub(super) fn run(command: SpCommand, user: Option<&str>, lang: Lang) -> Result<(), CliError> {
    match command {
        SpCommand::Coverage { db, out } => {
            let mut store = open_existing(&db, user, lang)?;
            let outcome =
                service_point_exports::coverage_xlsx(&mut store, &out, lang, &Reporter::silent())
                    .map_err(failure)?;
            println!("{}", outcome.message().get(lang));
        }
        SpCommand::Guide { db, street, out } => {
            let mut store = open_existing(&db, user, lang)?;
            let street = match street {
                None => None,
                Some(code) => Some(
                    regions::id_by_code(store.conn(), &code)
                        .map_err(failure)?
                        .ok_or_else(|| CliError::Failed(sp::UNKNOWN_STREET.into()))?,
                ),
            };
            let outcome = service_point_exports::guide_pdf(
                &mut store,
                street,
                &out,
                lang,
                &Reporter::silent(),
            )
            .map_err(failure)?;
            println!("{}", outcome.message().get(lang));
        }
        SpCommand::ImportOutline { db, file, datum } => {
            let text = std::fs::read_to_string(&file).map_err(|e| failure(StoreError::Io(e)))?;
            let mut store = open_existing(&db, user, lang)?;
            let source = file.display().to_string();
            let done = store
                .write(|w| outlines::import(w, &text, datum, &source))
                .map_err(failure)?;
            println!(
                "{}",
                sp::outline_imported(done.outlines, done.vertices).get(lang)
            );
        }
    }
    Ok(())
}
