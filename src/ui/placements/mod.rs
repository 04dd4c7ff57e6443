//! The Job placements tab (岗位安置): posts, the people placed, the monthly subsidy sheet,
//! the checks, the figures and the public notice.

mod bank_file;
mod month;
mod notice_candidates;
mod overview;
mod place_form;
mod post_form;
mod posts;

use egui::Ui;

use super::{Ctx, Tab};
use crate::domain::PersonId;
use crate::domain::access::{Action, Area, Session};
use crate::domain::pay::Month;
use crate::i18n::{Lang, Text, placements as pl};

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

/// State of the Job placements tab.
#[derive(Default)]
pub struct PlacementsTab {
    view: View,
    posts: posts::PostsView,
    placed: overview::PlacedView,
    month: month::MonthView,
    checks: overview::ChecksView,
    figures: overview::FiguresView,
    notice: overview::NoticeView,
}

/// ◀ `title` ▶: steps `month` back or forth.
fn month_switch_ui(ui: &mut Ui, lang: Lang, month: &mut Month, title: egui::RichText) {
    if ui
        .button("◀")
        .on_hover_text(lang.t(pl::PREV_MONTH))
        .clicked()
    {
        *month = month.prev();
    }
    ui.label(title);
    if ui
        .button("▶")
        .on_hover_text(lang.t(pl::NEXT_MONTH))
        .clicked()
    {
        *month = month.next();
    }
}

/// Where one view asks the tab to go next.
enum Go {
    Person(PersonId),
}

impl Tab for PlacementsTab {
    fn id(&self) -> &'static str {
        "placements"
    }

    fn title(&self) -> Text {
        pl::TAB_PLACEMENTS
    }

    /// To those who may read the placements somewhere: a clerk of a street sees the posts
    /// of that street and the placements on them (the store narrows every view).
    fn shown_to(&self, session: &Session) -> bool {
        session.may_somewhere(Area::Placements, Action::Read)
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
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
        let go = match self.view {
            View::Posts => {
                self.posts.ui(ui, cx);
                None
            }
            View::Placed => {
                self.placed.ui(ui, cx);
                None
            }
            View::Month => {
                self.month.ui(ui, cx);
                None
            }
            View::Checks => {
                let month = self.month.month_mut(cx.today());
                self.checks.ui(ui, cx, month)
            }
            View::Figures => {
                self.figures.ui(ui, cx);
                None
            }
            View::Notice => {
                self.notice.ui(ui, cx);
                None
            }
        };
        if let Some(Go::Person(person)) = go {
            self.placed.show_person(person);
            self.view = View::Placed;
        }
    }
}
