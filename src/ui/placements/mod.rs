//! The Job placements tab (岗位安置): posts, the people placed, the monthly subsidy sheet,
//! the checks, the figures and the public notice.

mod month;
mod overview;
mod place_form;
mod post_form;
mod posts;

use egui::Ui;

use super::Masker;
use crate::domain::PersonId;
use crate::domain::pay::Month;
use crate::i18n::{Lang, placements as pl};
use crate::jobs::Job;
use crate::store::Store;

/// The views inside the tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum View {
    #[default]
    Posts,
    Placed,
    Month,
    Checks,
    Figures,
    Notice,
}

/// Something the tab asks the window to do: long work runs as the window's one job.
pub enum Request {
    /// Start this job.
    Start(Job),
    /// Ask for a path, then run the export with it.
    Export(ExportKind),
}

/// An export the tab can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// A month's subsidy sheet; whether ID numbers go in full.
    SubsidySheet(Month, bool),
    /// The public notice of people placed from the first to the second date.
    Notice(jiff::civil::Date, jiff::civil::Date),
}

/// State of the Job placements tab.
#[derive(Default)]
pub struct PlacementsView {
    view: View,
    posts: posts::PostsView,
    placed: overview::PlacedView,
    month: month::MonthView,
    checks: overview::ChecksView,
    figures: overview::FiguresView,
    notice: overview::NoticeView,
}

/// Where one view asks the tab to go next.
enum Go {
    Person(PersonId),
}

impl PlacementsView {
    /// Draws the tab; returns work for the window to start.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        store: &mut Store,
        lang: Lang,
        masker: Masker,
        job_running: bool,
    ) -> Option<Request> {
        ui.horizontal(|ui| {
            for (view, label) in [
                (View::Posts, pl::PL_POSTS),
                (View::Placed, pl::PL_PLACED),
                (View::Month, pl::PL_MONTH),
                (View::Checks, pl::PL_CHECKS),
                (View::Figures, pl::PL_FIGURES),
                (View::Notice, pl::PL_NOTICE),
            ] {
                ui.selectable_value(&mut self.view, view, lang.t(label));
            }
        });
        ui.separator();
        let mut go = None;
        let request = match self.view {
            View::Posts => {
                self.posts.ui(ui, store, lang, masker);
                None
            }
            View::Placed => {
                self.placed.ui(ui, store, lang, masker);
                None
            }
            View::Month => self.month.ui(ui, store, lang, masker, job_running),
            View::Checks => {
                go = self.checks.ui(ui, store, lang, self.month.month_mut());
                None
            }
            View::Figures => {
                self.figures.ui(ui, store, lang);
                None
            }
            View::Notice => self.notice.ui(ui, lang, job_running),
        };
        match go {
            Some(Go::Person(person)) => {
                self.placed.show_person(person);
                self.view = View::Placed;
            }
            None => {}
        }
        request
    }
}
