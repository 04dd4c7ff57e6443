//! The import as a background job: the planned rows written in one transaction with
//! progress and a cancel that writes nothing; the plan comes back (with the rows the store
//! refused while saving) for the error workbook.

use std::sync::{Arc, Mutex};

use super::{JobError, JobSpec, Outcome};
use crate::import::run::{self, Report};
use crate::import::{ImportError, Mode, Plan};
use crate::store::StoreError;

/// Where the job leaves the plan and the report for the window.
pub type Slot = Arc<Mutex<Option<(Plan, Result<Report, String>)>>>;

/// A job writing `plan` as one batch named after `file_name`.
pub fn import(
    plan: Plan,
    mode: Mode,
    create_posts: bool,
    file_name: String,
    slot: Slot,
) -> JobSpec {
    JobSpec::new(crate::i18n::import::JOB_IMPORT, move |store, reporter| {
        let mut plan = plan;
        let result = run::import(
            store,
            &mut plan,
            mode,
            create_posts,
            &file_name,
            &mut |d, t| reporter.progress(d, t),
        );
        let (kept, outcome) = match result {
            Ok(report) => {
                let counts = report.counts;
                (Ok(report), Ok(Outcome::Imported(counts)))
            }
            Err(ImportError::Store(StoreError::Cancelled)) => {
                (Err(String::new()), Err(JobError::Cancelled))
            }
            Err(e) => (Err(e.to_string()), Err(JobError::Import(e))),
        };
        if let Ok(mut slot) = slot.lock() {
            *slot = Some((plan, kept));
        }
        outcome
    })
}
