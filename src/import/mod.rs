//! Import from the office's own spreadsheets: one path that every tab's kind of record
//! uses.
//!
//! 1. [`read`] the file as it is (every sheet; CSV in UTF-8 or GBK/GB18030);
//! 2. find the table ([`layout`]) and match its columns to the kind's fields ([`mapping`]);
//! 3. [`Kind::plan`] cleans every row ([`clean`], [`places`]) against what the ledger holds
//!    ([`Known`]) and says what will happen to it, with each refusal's reason at its cell:
//!    nothing is written yet;
//! 4. [`run::import`] writes the planned rows through the store, in one transaction that is
//!    one batch of the change log, which [`crate::store::imports::undo`] can take back.
//!
//! A kind of record is one file under [`kinds`] implementing [`Kind`], listed in
//! [`kinds::ALL`]. Nothing here draws a window or writes SQL.

pub mod clean;
pub mod error_book;
pub mod kinds;
pub mod layout;
pub mod mapping;
pub mod places;
pub mod read;
pub mod run;
pub mod template;

use std::collections::HashMap;

use jiff::civil::Date;

use crate::domain::{CategoryId, PostId, RegionId};
use crate::i18n::{Msg, Text, import as im};
use crate::store::{StoreError, Writer};
pub use kinds::Kind;
pub use mapping::{FieldSpec, Mapping};
pub use read::{Cell, Encoding, Sheet, Workbook};

/// What to do with a row whose ID number the ledger (or an earlier row) holds already.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Policy {
    /// Leave the record as it is.
    #[default]
    Skip,
    /// Fill only the record's empty fields.
    Fill,
    /// Replace the record's fields with the file's.
    Update,
    /// Refuse the row.
    Stop,
}

impl Policy {
    /// Every policy, for the window's choice.
    pub const ALL: [Policy; 4] = [Policy::Skip, Policy::Fill, Policy::Update, Policy::Stop];

    /// Its name.
    pub fn label(self) -> Text {
        match self {
            Policy::Skip => im::POLICY_SKIP,
            Policy::Fill => im::POLICY_FILL,
            Policy::Update => im::POLICY_UPDATE,
            Policy::Stop => im::POLICY_STOP,
        }
    }

    /// Reads the command line's spelling.
    pub fn parse(s: &str) -> Option<Policy> {
        match s {
            "skip" => Some(Policy::Skip),
            "fill" => Some(Policy::Fill),
            "update" => Some(Policy::Update),
            "stop" => Some(Policy::Stop),
            _ => None,
        }
    }
}

/// Whether a refused row stops the whole import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Nothing is written unless every row can be.
    #[default]
    AllOrNothing,
    /// The good rows are written; the refused ones go to the error workbook.
    GoodRows,
}

impl Mode {
    /// Both modes.
    pub const ALL: [Mode; 2] = [Mode::AllOrNothing, Mode::GoodRows];

    /// Its name.
    pub fn label(self) -> Text {
        match self {
            Mode::AllOrNothing => im::MODE_ALL,
            Mode::GoodRows => im::MODE_GOOD,
        }
    }

    /// Reads the command line's spelling.
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "all-or-nothing" => Some(Mode::AllOrNothing),
            "good-rows" => Some(Mode::GoodRows),
            _ => None,
        }
    }
}

/// What will happen (or happened) to one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// A new record.
    Create,
    /// An existing record changed.
    Update,
    /// Left alone.
    Skip,
    /// Not imported, for the reasons given.
    Refuse,
}

impl Outcome {
    /// Its name.
    pub fn label(self) -> Text {
        match self {
            Outcome::Create => im::CREATE,
            Outcome::Update => im::UPDATE,
            Outcome::Skip => im::SKIP,
            Outcome::Refuse => im::REFUSE,
        }
    }
}

/// A reason or warning about one row, at the cell that caused it.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// The field whose cell caused it (an index into the kind's fields), if one did.
    pub field: Option<usize>,
    /// Whether it refuses the row (otherwise a warning).
    pub refuses: bool,
    /// What is wrong.
    pub msg: Msg,
}

/// One row's fate and the write that brings it about.
pub struct Planned {
    /// Create, update, skip or refuse.
    pub outcome: Outcome,
    /// The reasons and warnings, each at its cell.
    pub issues: Vec<Issue>,
    /// What the preview shows for the row (a name, a post title).
    pub label: String,
    /// The write, for a row to create or update.
    pub write: Option<Box<dyn RowWrite>>,
    /// A post this row needs that does not exist yet: the row is written only if the
    /// clerk agrees to create it.
    pub needs_post: Option<String>,
}

impl Planned {
    /// A refused row.
    pub fn refused(label: String, issues: Vec<Issue>) -> Planned {
        Planned {
            outcome: Outcome::Refuse,
            issues,
            label,
            write: None,
            needs_post: None,
        }
    }
}

/// The write of one planned row.
pub trait RowWrite: Send + Sync {
    /// Writes the row through the store's checked functions, recording in `batch` every
    /// record it creates or changes (for the undo).
    fn write(&self, w: &Writer<'_>, batch: &mut Batch) -> Result<(), StoreError>;
}

/// What a batch's writes share: the batch, and the records earlier rows created (a post
/// two rows of a roster need is created once).
pub struct Batch {
    /// The batch in the store.
    pub id: crate::store::imports::BatchId,
    /// The sheet row being written, for the batch's record of it.
    pub row: u32,
    /// Posts created in this batch, by their key (see [`kinds::roster`]).
    pub posts: HashMap<String, PostId>,
}

/// What the ledger holds that planning compares the file with.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Today, for ID numbers' birth dates.
    pub today: Date,
    /// The region tree.
    pub places: places::Places,
    /// Hardship categories: id and Chinese name.
    pub categories: Vec<(CategoryId, String)>,
    /// Registered people, by ID number.
    pub people: HashMap<String, crate::store::imports::KnownPerson>,
    /// Posts: id, title, place, category key.
    pub posts: Vec<KnownPost>,
    /// The placement rules (an agreement's default length), when the user may read them.
    pub placement_rules: Option<crate::domain::placement::PlacementRules>,
}

/// A post, as a roster row is matched with it.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownPost {
    /// Row id.
    pub id: PostId,
    /// Title.
    pub title: String,
    /// Its village.
    pub region: RegionId,
    /// Its category.
    pub category: crate::domain::placement::PostCategory,
}

/// The body rows of a sheet as a kind reads them: each field's cell by the mapping.
pub struct Rows<'a> {
    /// The sheet.
    pub sheet: &'a Sheet,
    /// The table on it.
    pub layout: &'a layout::Layout,
    /// Field → column.
    pub mapping: &'a Mapping,
}

/// One body row.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    cells: &'a [Cell],
    mapping: &'a Mapping,
    /// The sheet row number (1-based, as Excel shows it).
    pub number: u32,
}

static EMPTY: Cell = Cell::Empty;

impl<'a> Row<'a> {
    /// The cell of field `field` (empty when unmapped or beyond the row).
    pub fn cell(&self, field: usize) -> &'a Cell {
        self.mapping
            .get(field)
            .copied()
            .flatten()
            .and_then(|c| self.cells.get(c))
            .unwrap_or(&EMPTY)
    }

    /// The field's text, normalised.
    pub fn text(&self, field: usize) -> String {
        self.cell(field).text()
    }
}

impl<'a> Rows<'a> {
    /// Every body row, in the sheet's order.
    pub fn iter(&self) -> impl Iterator<Item = Row<'a>> + '_ {
        self.layout.body.iter().map(|&i| Row {
            cells: &self.sheet.rows[i],
            mapping: self.mapping,
            number: i as u32 + 1,
        })
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.layout.body.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.layout.body.is_empty()
    }
}

/// A refusal at a field's cell.
pub fn refuse(field: usize, msg: Msg) -> Issue {
    Issue {
        field: Some(field),
        refuses: true,
        msg,
    }
}

/// A warning at a field's cell.
pub fn warn(field: usize, msg: Msg) -> Issue {
    Issue {
        field: Some(field),
        refuses: false,
        msg,
    }
}

/// The plan of a whole file: every body row's fate, and the rows left out.
pub struct Plan {
    /// Which kind.
    pub kind: &'static dyn Kind,
    /// The body rows' sheet row numbers, in order, with their fates.
    pub rows: Vec<(u32, Planned)>,
    /// Sheet rows left out, with why.
    pub ignored: Vec<(u32, layout::Ignored)>,
    /// The sheet row of the header.
    pub header_row: u32,
}

/// Counts of a plan or an import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// New records.
    pub created: usize,
    /// Changed records.
    pub updated: usize,
    /// Rows left alone.
    pub skipped: usize,
    /// Rows refused.
    pub refused: usize,
}

impl Counts {
    /// The counts as a sentence.
    pub fn message(&self) -> Msg {
        im::counts(self.created, self.updated, self.skipped, self.refused)
    }

    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Create => self.created += 1,
            Outcome::Update => self.updated += 1,
            Outcome::Skip => self.skipped += 1,
            Outcome::Refuse => self.refused += 1,
        }
    }
}

impl Plan {
    /// Cleans and plans every body row of `sheet` as `kind`, against `known`.
    pub fn make(
        kind: &'static dyn Kind,
        sheet: &Sheet,
        layout: &layout::Layout,
        mapping: &Mapping,
        known: &Known,
        policy: Policy,
    ) -> Plan {
        let layout = &without_template_notes(kind, sheet, layout);
        let rows = Rows {
            sheet,
            layout,
            mapping,
        };
        let planned = kind.plan(&rows, known, policy);
        Plan {
            kind,
            rows: rows.iter().map(|r| r.number).zip(planned).collect(),
            ignored: layout
                .ignored
                .iter()
                .map(|(i, why)| (*i as u32 + 1, *why))
                .collect(),
            header_row: layout.header as u32 + 1,
        }
    }

    /// How many rows of each fate.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for (_, p) in &self.rows {
            counts.add(p.outcome);
        }
        counts
    }

    /// The posts rows need that do not exist yet, each once, in order.
    pub fn new_posts(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, p) in &self.rows {
            if let Some(post) = &p.needs_post
                && !out.contains(post)
            {
                out.push(post.clone());
            }
        }
        out
    }

    /// The refused rows with their reasons (see [`Plan::reasons`]), for the error workbook.
    pub fn refused(&self, mapping: &Mapping, headers: &[String]) -> Vec<(u32, Msg)> {
        self.rows
            .iter()
            .filter(|(_, p)| p.outcome == Outcome::Refuse)
            .map(|(n, p)| (*n, self.reasons(p, mapping, headers)))
            .collect()
    }

    /// A row's reasons as one text, each at its column's header (`headers`: the sheet's).
    pub fn reasons(&self, planned: &Planned, mapping: &Mapping, headers: &[String]) -> Msg {
        Msg::join(
            planned.issues.iter().map(|i| {
                let column = i
                    .field
                    .and_then(|f| mapping.get(f).copied().flatten())
                    .and_then(|c| headers.get(c).cloned())
                    .or_else(|| i.field.map(|f| self.kind.fields()[f].label.zh.to_string()));
                match column {
                    Some(c) => each_lang(&i.msg, |m| im::at_cell(&c, m)),
                    None => i.msg.clone(),
                }
            }),
            " ",
        )
    }
}

/// The layout without the template's notes row (see [`template`]): a body row of which
/// two cells or more are the kind's notes is left out as a notes row.
fn without_template_notes(
    kind: &dyn Kind,
    sheet: &Sheet,
    layout: &layout::Layout,
) -> layout::Layout {
    let notes: Vec<&str> = kind
        .fields()
        .iter()
        .flat_map(|f| [f.note.zh, f.note.en])
        .collect();
    let mut out = layout.clone();
    out.body.retain(|&i| {
        let hits = sheet.rows[i]
            .iter()
            .filter(|c| notes.contains(&c.text().as_str()))
            .count();
        if hits >= 2 {
            out.ignored.push((i, layout::Ignored::Notes));
        }
        hits < 2
    });
    out.ignored.sort_by_key(|(i, _)| *i);
    out
}

/// Why an import could not go ahead.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read from disk.
    #[error("io: {0}")]
    Io(String),
    /// The file is not a workbook calamine reads.
    #[error("unreadable: {0}")]
    Unreadable(String),
    /// No sheet.
    #[error("no sheets")]
    NoSheets,
    /// No header row.
    #[error("no header row")]
    NoHeader,
    /// Required fields have no column.
    #[error("missing columns")]
    MissingColumns(Vec<Text>),
    /// Rows were refused in all-or-nothing mode; nothing was written.
    #[error("{0} rows refused")]
    Refused(usize),
    /// One row's write failed in all-or-nothing mode; nothing was written.
    #[error("row {row} failed: {error}")]
    RowFailed {
        /// Sheet row.
        row: u32,
        /// Why.
        error: StoreError,
    },
    /// The ledger refused (permissions, a lock) or the user cancelled.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An output file (error workbook, template) could not be written.
    #[error("write: {0}")]
    Write(String),
}

impl ImportError {
    /// What to tell the clerk.
    pub fn message(&self) -> Msg {
        match self {
            ImportError::Io(why) | ImportError::Unreadable(why) => im::unreadable(why),
            ImportError::NoSheets => im::NO_SHEETS.into(),
            ImportError::NoHeader => im::NO_HEADER.into(),
            ImportError::MissingColumns(fields) => Msg::new(
                im::missing_columns(fields.iter().map(|f| f.zh).collect::<Vec<_>>().join("、"))
                    .text(crate::i18n::Lang::Zh),
                im::missing_columns(fields.iter().map(|f| f.en).collect::<Vec<_>>().join(", "))
                    .text(crate::i18n::Lang::En),
            ),
            ImportError::Refused(n) => im::refused_rows(n),
            ImportError::RowFailed { row, error } => {
                each_lang(&error.message(), |m| im::row_failed(row, m))
            }
            ImportError::Store(e) => e.message(),
            ImportError::Write(why) => im::write_failed(why),
        }
    }
}

/// The fields without a column among those `kind` requires.
pub fn missing_required(kind: &dyn Kind, mapping: &Mapping) -> Vec<Text> {
    kind.fields()
        .iter()
        .zip(mapping)
        .filter(|(f, m)| f.required && m.is_none())
        .map(|(f, _)| f.label)
        .collect()
}

/// A message in both languages built from another's two renderings.
pub fn each_lang(msg: &Msg, f: impl Fn(&str) -> Msg) -> Msg {
    use crate::i18n::Lang;
    Msg::new(
        f(msg.get(Lang::Zh)).text(Lang::Zh),
        f(msg.get(Lang::En)).text(Lang::En),
    )
}
