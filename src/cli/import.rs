//! `minsheng import KIND --db PATH --file FILE …`: the window's import without it.

use std::path::PathBuf;

use lexopt::{Arg, Parser, ValueExt};

use super::{CliError, Command, lang_value, open_existing, path_value, usage, user_value};
use crate::i18n::{Lang, import as im};
use crate::import::{Encoding, ImportError, Mode, Outcome, Policy, error_book, kinds, run};

/// What `minsheng import` was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportArgs {
    /// The kind's key.
    pub kind: String,
    /// The ledger.
    pub db: PathBuf,
    /// The file to import.
    pub file: PathBuf,
    /// `--sheet`: the sheet's name (the first when none).
    pub sheet: Option<String>,
    /// `--encoding` of a CSV (detected when none).
    pub encoding: Option<String>,
    /// When the ID number is registered.
    pub policy: Policy,
    /// All or nothing, or the good rows.
    pub mode: Mode,
    /// Check only.
    pub dry_run: bool,
    /// Where to write the refused rows.
    pub errors: Option<PathBuf>,
}

/// Reads the rest of an `import` command line.
pub(super) fn parse(p: &mut Parser, user: &mut Option<String>) -> Result<Command, CliError> {
    let help = im::USAGE_IMPORT;
    let (mut kind, mut db, mut file, mut sheet, mut encoding, mut errors) =
        (None, None, None, None, None, None);
    let (mut policy, mut mode, mut dry_run) = (Policy::Skip, Mode::AllOrNothing, false);
    while let Some(arg) = p.next().map_err(|e| usage(e, help))? {
        match arg {
            // `import outline` is the service points' outline file, not a table.
            Arg::Value(v) if kind.is_none() && v == "outline" => {
                return super::service_points::parse_outline(p, user);
            }
            Arg::Value(v) if kind.is_none() => kind = Some(v.string().map_err(|e| usage(e, help))?),
            Arg::Long("db") => db = Some(path_value(p, help)?),
            Arg::Long("file") => file = Some(path_value(p, help)?),
            Arg::Long("errors") => errors = Some(path_value(p, help)?),
            Arg::Long("sheet") => {
                sheet = Some(
                    p.value()
                        .map_err(|e| usage(e, help))?
                        .string()
                        .map_err(|e| usage(e, help))?,
                )
            }
            Arg::Long("encoding") => {
                let v = p
                    .value()
                    .map_err(|e| usage(e, help))?
                    .string()
                    .map_err(|e| usage(e, help))?;
                if Encoding::parse(&v).is_none() {
                    return Err(CliError::Usage(im::bad_option("--encoding", v), help));
                }
                encoding = Some(v);
            }
            Arg::Long("policy") => {
                let v = p
                    .value()
                    .map_err(|e| usage(e, help))?
                    .string()
                    .map_err(|e| usage(e, help))?;
                policy = Policy::parse(&v)
                    .ok_or_else(|| CliError::Usage(im::bad_option("--policy", &v), help))?;
            }
            Arg::Long("mode") => {
                let v = p
                    .value()
                    .map_err(|e| usage(e, help))?
                    .string()
                    .map_err(|e| usage(e, help))?;
                mode = Mode::parse(&v)
                    .ok_or_else(|| CliError::Usage(im::bad_option("--mode", &v), help))?;
            }
            Arg::Long("dry-run") => dry_run = true,
            Arg::Long("user") => *user = Some(user_value(p, help)?),
            Arg::Long("lang") => lang_value(p, help)?,
            Arg::Short('h') | Arg::Long("help") => return Ok(Command::Help(help)),
            other => return Err(usage(other.unexpected(), help)),
        }
    }
    let required = |name: &str| CliError::Usage(crate::i18n::cli::missing_option(name), help);
    let kind = kind.ok_or_else(|| required("KIND"))?;
    if kinds::by_key(&kind).is_none() {
        return Err(CliError::Usage(im::unknown_kind(kind), help));
    }
    Ok(Command::Import(ImportArgs {
        kind,
        db: db.ok_or_else(|| required("--db"))?,
        file: file.ok_or_else(|| required("--file"))?,
        sheet,
        encoding,
        policy,
        mode,
        dry_run,
        errors,
    }))
}

fn failed(e: ImportError) -> CliError {
    CliError::Failed(e.message())
}

/// Runs the import and prints its counts; refused rows in all-or-nothing mode fail.
pub(super) fn run_import(a: ImportArgs, user: Option<&str>, lang: Lang) -> Result<(), CliError> {
    let kind = kinds::by_key(&a.kind).ok_or_else(|| CliError::Failed(im::unknown_kind(&a.kind)))?;
    let mut store = open_existing(&a.db, user, lang)?;
    let encoding = a.encoding.as_deref().and_then(Encoding::parse);
    let mut p = run::prepare(
        &store,
        kind,
        &a.file,
        a.sheet.as_deref(),
        encoding,
        a.policy,
    )
    .map_err(failed)?;
    for (row, why) in &p.plan.ignored {
        println!(
            "{}",
            im::ignored_row(row, lang.t(im::ignored(*why))).get(lang)
        );
    }
    let counts = p.plan.counts();
    let result = if a.dry_run {
        println!("{}", lang.t(im::DRY_RUN));
        if a.mode == Mode::AllOrNothing && counts.refused > 0 {
            Err(ImportError::Refused(counts.refused))
        } else {
            Ok(None)
        }
    } else {
        run::import(
            &mut store,
            &mut p.plan,
            a.mode,
            true,
            &p.file_name,
            &mut |_, _| true,
        )
        .map(Some)
    };
    for (row, planned) in &p.plan.rows {
        if planned.outcome == Outcome::Refuse {
            let why = p.plan.reasons(planned, &p.mapping, &p.layout.headers);
            println!("{}", im::refused_row(row, why.get(lang)).get(lang));
        }
    }
    if let Some(path) = &a.errors {
        let sheet = &p.workbook.sheets[p.sheet];
        let n = error_book::write(path, sheet, &p.plan, &p.mapping, &p.layout.headers, lang)
            .map_err(failed)?;
        println!("{}", im::errors_written(n, path.display()).get(lang));
    }
    match result {
        Ok(Some(report)) => {
            println!("{}", report.counts.message().get(lang));
            if let Some(batch) = report.batch {
                println!("{}", im::batch_written(batch.0).get(lang));
            }
            Ok(())
        }
        Ok(None) => {
            println!("{}", counts.message().get(lang));
            Ok(())
        }
        Err(e) => {
            println!("{}", counts.message().get(lang));
            Err(failed(e))
        }
    }
}
