//! Command-line entry points: the window itself, and the same store and jobs without it.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::app::{App, Prefs};
use crate::domain::pay::Month;
use crate::i18n::Lang;
use crate::jobs::exports::{self, Disclosure};
use crate::jobs::{self, Outcome, Reporter};
use crate::store::{Store, settings};

/// Shown for `--help` and after a usage error.
pub const USAGE: &str = "\
usage:
  minsheng [--db PATH]                  open the window (default: the database in your data folder)
  minsheng demo PATH [--scale N]        write demonstration data into a new file (N × 1,000 people)
  minsheng export subsidy-sheet --db PATH --month YYYY-MM --out FILE.xlsx [--full-ids] [--lang en]
                                        an approved month's subsidy sheet for the bank
  minsheng export notice --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--lang en]
                                        the public notice of people placed in a period (IDs masked)
  minsheng --help";

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
        /// Language of the headings.
        lang: Lang,
    },
    /// Export the public notice of people placed in a period to PDF.
    ExportNotice {
        /// The database.
        db: PathBuf,
        /// First start date included.
        from: Date,
        /// Last start date included.
        to: Date,
        /// The PDF file to write.
        out: PathBuf,
        /// Language of the headings.
        lang: Lang,
    },
    /// Print the usage.
    Help,
}

/// `--name value` options and `--flag` switches after a subcommand.
struct Options<'a> {
    values: Vec<(&'a str, &'a str)>,
    flags: Vec<&'a str>,
}

impl<'a> Options<'a> {
    fn parse(args: impl Iterator<Item = &'a str>, flags: &[&str]) -> Result<Options<'a>, String> {
        let mut options = Options {
            values: Vec::new(),
            flags: Vec::new(),
        };
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            if flags.contains(&arg) {
                options.flags.push(arg);
            } else if arg.starts_with("--") {
                let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
                options.values.push((arg, value));
            } else {
                return Err(format!("unexpected argument {arg:?}"));
            }
        }
        Ok(options)
    }

    fn required(&self, name: &str) -> Result<&'a str, String> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| format!("{name} is required"))
    }

    fn date(&self, name: &str) -> Result<Date, String> {
        let text = self.required(name)?;
        text.parse()
            .map_err(|_| format!("{name} takes a date as YYYY-MM-DD, not {text:?}"))
    }

    fn lang(&self) -> Result<Lang, String> {
        match self
            .values
            .iter()
            .find(|(n, _)| *n == "--lang")
            .map(|(_, v)| *v)
        {
            None | Some("zh") => Ok(Lang::Zh),
            Some("en") => Ok(Lang::En),
            Some(other) => Err(format!("--lang is zh or en, not {other:?}")),
        }
    }
}

fn parse_export<'a>(mut args: impl Iterator<Item = &'a str>) -> Result<Command, String> {
    match args.next() {
        Some("subsidy-sheet") => {
            let o = Options::parse(args, &["--full-ids"])?;
            let month = o.required("--month")?;
            Ok(Command::ExportSheet {
                db: o.required("--db")?.into(),
                month: Month::parse(month).map_err(|e| format!("--month {month:?}: {e}"))?,
                out: o.required("--out")?.into(),
                full_ids: o.flags.contains(&"--full-ids"),
                lang: o.lang()?,
            })
        }
        Some("notice") => {
            let o = Options::parse(args, &[])?;
            Ok(Command::ExportNotice {
                db: o.required("--db")?.into(),
                from: o.date("--from")?,
                to: o.date("--to")?,
                out: o.required("--out")?.into(),
                lang: o.lang()?,
            })
        }
        Some(other) => Err(format!("unknown export {other:?}: subsidy-sheet or notice")),
        None => Err("export what? subsidy-sheet or notice".into()),
    }
}

/// Reads the arguments (without the program name).
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter().map(String::as_str);
    match args.next() {
        None => Ok(Command::Window { db: None }),
        Some("--help" | "-h") => Ok(Command::Help),
        Some("--db") => {
            let path = args.next().ok_or("--db needs a path")?;
            no_more(args)?;
            Ok(Command::Window {
                db: Some(PathBuf::from(path)),
            })
        }
        Some("demo") => {
            let path = args
                .next()
                .ok_or("demo needs the path of the file to create")?;
            let scale = match (args.next(), args.next()) {
                (None, _) => jobs::demo::DEFAULT_SCALE,
                (Some("--scale"), Some(n)) => n
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| format!("--scale takes a number from 1 to 1000, not {n:?}"))?,
                (Some(other), _) => return Err(format!("unexpected argument {other:?}")),
            };
            no_more(args)?;
            Ok(Command::Demo {
                path: PathBuf::from(path),
                scale,
            })
        }
        Some("export") => parse_export(args),
        Some(other) => Err(format!("unknown command {other:?}")),
    }
}

fn no_more<'a>(mut args: impl Iterator<Item = &'a str>) -> Result<(), String> {
    match args.next() {
        None => Ok(()),
        Some(extra) => Err(format!("unexpected argument {extra:?}")),
    }
}

/// Carries out a command; the error is the message for the terminal.
pub fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Demo { path, scale } => demo(&path, scale),
        Command::ExportSheet {
            db,
            month,
            out,
            full_ids,
            lang,
        } => {
            let store = open_existing(&db)?;
            let (id_mask, _) = settings::mask_patterns(store.conn()).map_err(|e| e.to_string())?;
            let disclosure = Disclosure { id_mask, full_ids };
            exports::subsidy_sheet(&store, month, &out, disclosure, lang, &Reporter::silent())
                .map(|_| println!("wrote {}", out.display()))
                .map_err(|e| e.to_string())
        }
        Command::ExportNotice {
            db,
            from,
            to,
            out,
            lang,
        } => {
            let store = open_existing(&db)?;
            let (id_mask, _) = settings::mask_patterns(store.conn()).map_err(|e| e.to_string())?;
            exports::notice(&store, from, to, &out, id_mask, lang, &Reporter::silent())
                .map(|_| println!("wrote {}", out.display()))
                .map_err(|e| e.to_string())
        }
        Command::Window { db } => window(db),
    }
}

/// Opens a database that must already exist (an export never creates one).
fn open_existing(path: &Path) -> Result<Store, String> {
    if !path.is_file() {
        return Err(format!("{} does not exist", path.display()));
    }
    Store::open(path).map_err(|e| e.to_string())
}

fn demo(path: &Path, scale: u32) -> Result<(), String> {
    if path.exists() {
        return Err(format!(
            "{} already exists; demo data only goes into a new file",
            path.display()
        ));
    }
    let mut store = Store::open(path).map_err(|e| e.to_string())?;
    match jobs::demo::generate(&mut store, scale, &Reporter::silent()) {
        Ok(Outcome::Demo(summary)) => {
            println!(
                "wrote {} villages/communities, {} people and {} placements to {}",
                summary.villages,
                summary.people,
                summary.placements,
                path.display()
            );
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(e) => {
            drop(store);
            let _ = std::fs::remove_file(path);
            Err(e.to_string())
        }
    }
}

/// Where the default database lives: the OS data folder (created on first run).
pub fn default_db_path() -> Result<PathBuf, String> {
    let dirs = directories::ProjectDirs::from("cn", "Minsheng", "minsheng")
        .ok_or("no home folder was found for the default database; use --db PATH")?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).map_err(|e| format!("could not create {}: {e}", dir.display()))?;
    Ok(dir.join("minsheng.sqlite"))
}

fn window(db: Option<PathBuf>) -> Result<(), String> {
    let path = match db {
        Some(path) => path,
        None => default_db_path()?,
    };
    let mut viewport = egui::ViewportBuilder::default();
    if let Some(icon) = crate::icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title(crate::i18n::T::AppTitle.zh())
            .with_app_id("minsheng")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0]),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "minsheng",
        options,
        Box::new(move |cc| {
            crate::fonts::install(&cc.egui_ctx);
            let prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
                .unwrap_or_default();
            // `true`: with the embedded fallback the window always has a Chinese font.
            Ok(Box::new(App::new(Store::open(&path), prefs, true)))
        }),
    )
    .map_err(|e| format!("the window could not be opened: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_the_commands() {
        assert_eq!(parse(&args("")), Ok(Command::Window { db: None }));
        assert_eq!(
            parse(&args("--db a.sqlite")),
            Ok(Command::Window {
                db: Some("a.sqlite".into())
            })
        );
        assert_eq!(
            parse(&args("demo d.sqlite --scale 100")),
            Ok(Command::Demo {
                path: "d.sqlite".into(),
                scale: 100
            })
        );
        assert_eq!(
            parse(&args("demo d.sqlite")),
            Ok(Command::Demo {
                path: "d.sqlite".into(),
                scale: jobs::demo::DEFAULT_SCALE
            })
        );
        assert!(parse(&args("demo d.sqlite --scale 0")).is_err());
        assert!(parse(&args("demo")).is_err());
        assert!(parse(&args("--db")).is_err());
        assert!(parse(&args("frobnicate")).is_err());
        assert_eq!(
            parse(&args(
                "export subsidy-sheet --db a.sqlite --month 2026-10 --out s.xlsx --full-ids"
            )),
            Ok(Command::ExportSheet {
                db: "a.sqlite".into(),
                month: Month::new(2026, 10).unwrap(),
                out: "s.xlsx".into(),
                full_ids: true,
                lang: Lang::Zh,
            })
        );
        assert!(
            parse(&args(
                "export subsidy-sheet --db a.sqlite --month 2026-13 --out s.xlsx"
            ))
            .is_err()
        );
        assert!(
            parse(&args(
                "export notice --db a.sqlite --from 2026-01-01 --out n.pdf"
            ))
            .is_err()
        );
        assert!(
            parse(&args(
                "export notice --db a --from 2026-02-30 --to 2026-03-01 --out n.pdf"
            ))
            .is_err()
        );
    }
}
