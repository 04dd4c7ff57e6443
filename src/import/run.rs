//! Writing a plan: one transaction, one batch of the change log. In all-or-nothing mode a
//! refused row, or a row the store refuses while saving, writes nothing at all; in
//! good-rows mode the good rows are one transaction and a row the store refuses joins the
//! refused ones. Cancelling writes nothing.

use std::collections::HashMap;

use super::{Batch, Counts, ImportError, Known, Mode, Outcome, Plan};
use crate::i18n::import as im;
use crate::store::{Read, Store, StoreError, imports};

/// What an import did.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The batch written (none when nothing was).
    pub batch: Option<imports::BatchId>,
    /// How many rows of each fate.
    pub counts: Counts,
    /// Sheet rows the store refused while saving (good-rows mode), with why.
    pub failed: Vec<(u32, crate::i18n::Msg)>,
}

/// Reads what planning compares a file with, as the store's user.
pub fn known(read: &Read<'_>, today: jiff::civil::Date) -> Result<Known, StoreError> {
    let places = crate::store::regions::all(read)?
        .into_iter()
        .map(|r| super::places::Place {
            id: r.id,
            name: r.name,
            short_name: r.short_name,
            level: r.level,
            parent: r.parent_id,
        })
        .collect();
    let categories = crate::store::categories::all(read)?
        .into_iter()
        .map(|c| (c.id, c.name_zh))
        .collect();
    Ok(Known {
        today,
        places: super::places::Places::new(places),
        categories,
        people: imports::known_people(read)?,
        posts: known_posts(read, today),
        placement_rules: crate::store::placements::rules(read).ok(),
    })
}

/// The posts the user may read (none when they read no placements).
fn known_posts(read: &Read<'_>, today: jiff::civil::Date) -> Vec<super::KnownPost> {
    crate::store::posts::list(read, &Default::default(), today)
        .unwrap_or_default()
        .into_iter()
        .map(|p| super::KnownPost {
            id: p.id,
            title: p.fields.title,
            region: p.fields.region_id,
            category: p.fields.category,
        })
        .collect()
}

/// Writes `plan` into `store` as one batch named after `file_name`. `create_posts`: the
/// clerk agreed to create the posts rows need. `progress(done, total)` returns false to
/// cancel, which writes nothing.
pub fn import(
    store: &mut Store,
    plan: &mut Plan,
    mode: Mode,
    create_posts: bool,
    file_name: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Report, ImportError> {
    // A row that needs a post nobody agreed to create is refused.
    if !create_posts {
        for (_, p) in plan.rows.iter_mut() {
            if p.needs_post.is_some() && p.outcome != Outcome::Refuse {
                p.outcome = Outcome::Refuse;
                p.write = None;
            }
        }
    }
    let counts = plan.counts();
    if mode == Mode::AllOrNothing && counts.refused > 0 {
        return Err(ImportError::Refused(counts.refused));
    }
    if counts.created + counts.updated == 0 {
        return Ok(Report {
            batch: None,
            counts,
            failed: Vec::new(),
        });
    }
    let total = plan.rows.len() as u64;
    let kind = plan.kind.key();
    let rows = &plan.rows;
    let mut failed_row = None;
    let result = store.write(|w| {
        let id = imports::begin(w, kind, file_name)?;
        let mut batch = Batch {
            id,
            row: 0,
            posts: HashMap::new(),
        };
        let mut failed = Vec::new();
        for (done, (number, planned)) in rows.iter().enumerate() {
            if done % 256 == 0 && !progress(done as u64, total) {
                return Err(StoreError::Cancelled);
            }
            let Some(write) = &planned.write else {
                continue;
            };
            batch.row = *number;
            match mode {
                Mode::AllOrNothing => {
                    if let Err(e) = write.write(w, &mut batch) {
                        failed_row = Some(*number);
                        return Err(e);
                    }
                }
                Mode::GoodRows => {
                    if let Err(e) = imports::attempt(w, || write.write(w, &mut batch))? {
                        failed.push((*number, e.message()));
                    }
                }
            }
        }
        if !progress(total, total) {
            return Err(StoreError::Cancelled);
        }
        let mut counts = counts;
        counts.refused += failed.len();
        for (number, _) in &failed {
            match rows
                .iter()
                .find(|(n, _)| n == number)
                .map(|(_, p)| p.outcome)
            {
                Some(Outcome::Create) => counts.created -= 1,
                Some(Outcome::Update) => counts.updated -= 1,
                _ => {}
            }
        }
        imports::finish(
            w,
            id,
            [
                counts.created,
                counts.updated,
                counts.skipped,
                counts.refused,
            ],
        )?;
        Ok(Report {
            batch: Some(id),
            counts,
            failed,
        })
    });
    let result = match (result, failed_row) {
        (Ok(r), _) => r,
        (Err(StoreError::Cancelled), _) => return Err(StoreError::Cancelled.into()),
        (Err(error), Some(row)) => return Err(ImportError::RowFailed { row, error }),
        (Err(e), None) => return Err(e.into()),
    };
    // Rows the store refused are refused in the plan too, for the error workbook.
    for (number, msg) in &result.failed {
        if let Some((_, p)) = plan.rows.iter_mut().find(|(n, _)| n == number) {
            p.outcome = Outcome::Refuse;
            p.write = None;
            p.issues.push(super::Issue {
                field: None,
                refuses: true,
                msg: super::each_lang(msg, |m| im::store_refused(m)),
            });
        }
    }
    Ok(result)
}

/// A file read, its table found, its columns mapped and its rows planned: what the
/// preview shows and [`import`] writes.
pub struct Prepared {
    /// The file as read.
    pub workbook: super::Workbook,
    /// Which sheet.
    pub sheet: usize,
    /// The table on it.
    pub layout: super::layout::Layout,
    /// Field → column.
    pub mapping: super::Mapping,
    /// Every row's fate.
    pub plan: Plan,
    /// The file's name, for the batch.
    pub file_name: String,
}

/// The table of `sheet` as `kind` reads it.
pub fn find_layout(
    kind: &dyn super::Kind,
    sheet: &super::Sheet,
) -> Result<super::layout::Layout, ImportError> {
    let fields = kind.fields();
    super::layout::find(sheet, &|h| super::mapping::is_known(fields, h))
        .ok_or(ImportError::NoHeader)
}

/// The mapping remembered for these headers, or else the automatic one.
pub fn mapping_for(
    read: &Read<'_>,
    kind: &dyn super::Kind,
    headers: &[String],
) -> Result<super::Mapping, StoreError> {
    let signature = super::layout::signature(headers);
    if let Some(json) = imports::remembered_mapping(read, kind.key(), &signature)?
        && let Ok(mapping) = serde_json::from_str::<super::Mapping>(&json)
        && mapping.len() == kind.fields().len()
    {
        return Ok(mapping);
    }
    Ok(super::mapping::auto_map(kind.fields(), headers))
}

/// Reads `path` and plans it as `kind`: the sheet named `sheet` (the first when none), a
/// CSV in `encoding` (detected when none), the remembered or automatic mapping.
pub fn prepare(
    store: &Store,
    kind: &'static dyn super::Kind,
    path: &std::path::Path,
    sheet: Option<&str>,
    encoding: Option<super::Encoding>,
    policy: super::Policy,
) -> Result<Prepared, ImportError> {
    let workbook = super::read::read_file(path, encoding)?;
    let index = match sheet {
        Some(name) => workbook
            .sheets
            .iter()
            .position(|s| s.name == name)
            .ok_or(ImportError::NoSheets)?,
        None if workbook.sheets.is_empty() => return Err(ImportError::NoSheets),
        None => 0,
    };
    let layout = find_layout(kind, &workbook.sheets[index])?;
    let read = store.read();
    let mapping = mapping_for(&read, kind, &layout.headers)?;
    let missing = super::missing_required(kind, &mapping);
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns(missing));
    }
    let known = known(&read, store.clock().today())?;
    let plan = Plan::make(
        kind,
        &workbook.sheets[index],
        &layout,
        &mapping,
        &known,
        policy,
    );
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Prepared {
        workbook,
        sheet: index,
        layout,
        mapping,
        plan,
        file_name,
    })
}

/// Remembers `mapping` for the next file of `kind` with these headers.
pub fn remember(
    store: &mut Store,
    kind: &dyn super::Kind,
    headers: &[String],
    mapping: &super::Mapping,
) -> Result<(), StoreError> {
    let signature = super::layout::signature(headers);
    let json = serde_json::to_string(mapping)?;
    store.write(|w| imports::remember_mapping(w, kind.key(), &signature, &json))
}
