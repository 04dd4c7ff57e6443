//! The Petition log tab (民意直通车): the matters with their deadlines, a matter's steps and
//! timeline, the council meetings with quick entry of the matters raised, and the figures.

mod categories;
mod detail;
mod figures;
mod intake;
mod list;
mod meetings;

use egui::{Color32, Ui};
use jiff::civil::Date;

use super::loaded::Loaded;
use super::{Ctx, Tab};
use crate::domain::access::{Action, Area, Session};
use crate::domain::calendar::WorkCalendar;
use crate::domain::petition::{MatterId, Urgency};
use crate::i18n::{Lang, Text, petitions as pt};
use crate::store::petitions::{self, CalendarState, MatterCategory, MatterFilter};
use crate::store::regions::{self, Region};

/// The views inside the tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum View {
    #[default]
    Matters,
    Meetings,
    Figures,
    Categories,
}

/// What every view reads: the categories, the places and the calendar, each kept for the
/// revision it was read at.
#[derive(Default)]
pub(crate) struct Shared {
    categories: Loaded<u64, Vec<MatterCategory>>,
    regions: Loaded<u64, Vec<Region>>,
    calendar: Loaded<(u64, Date), (WorkCalendar, CalendarState)>,
}

impl Shared {
    fn reload(&mut self, cx: &Ctx<'_>) {
        let conn = &cx.store.read();
        self.categories.ensure_now(
            conn,
            cx.rev(&["petition_categories"]),
            petitions::categories,
        );
        self.regions
            .ensure_now(conn, cx.rev(&["regions"]), regions::all);
        let today = cx.today();
        self.calendar
            .ensure_now(conn, (cx.rev(&["calendar_days"]), today), |conn| {
                Ok((
                    petitions::calendar(conn)?,
                    petitions::calendar_state(conn, today)?,
                ))
            });
    }

    fn categories(&self) -> &[MatterCategory] {
        self.categories.rows().map_or(&[][..], Vec::as_slice)
    }

    fn regions(&self) -> &[Region] {
        self.regions.rows().map_or(&[][..], Vec::as_slice)
    }

    fn calendar(&self) -> Option<&WorkCalendar> {
        self.calendar.rows().map(|(c, _)| c)
    }

    fn category_name(&self, id: crate::domain::petition::MatterCategoryId, lang: Lang) -> &str {
        self.categories()
            .iter()
            .find(|c| c.id == id)
            .map_or("", |c| c.name(lang))
    }

    /// The warnings about the calendar, above every view: a year missing, rows to check.
    fn calendar_ui(&self, ui: &mut Ui, lang: Lang) {
        self.categories.status_ui(ui, lang);
        self.regions.status_ui(ui, lang);
        let Some((_, state)) = self.calendar.status_ui(ui, lang) else {
            return;
        };
        for year in &state.missing {
            super::error_ui(ui, pt::calendar_missing(year).get(lang));
        }
        for year in &state.to_check {
            ui.label(egui::RichText::new(pt::calendar_to_check(year).text(lang)).color(amber(ui)));
        }
    }
}

/// State of the Petition log tab.
#[derive(Default)]
pub struct PetitionsTab {
    view: View,
    shared: Shared,
    list: list::ListView,
    meetings: meetings::MeetingsView,
    figures: figures::FiguresView,
    categories: categories::CategoriesView,
}

/// Where one view asks the tab to go next.
pub(crate) enum Go {
    /// The list of these matters.
    List(Box<MatterFilter>),
    /// One matter.
    Matter(MatterId),
}

impl Tab for PetitionsTab {
    fn id(&self) -> &'static str {
        "petitions"
    }

    fn title(&self) -> Text {
        pt::TAB_PETITIONS
    }

    fn shown_to(&self, session: &Session) -> bool {
        session.may_somewhere(Area::Petitions, Action::Read)
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut Ctx<'_>) {
        let lang = cx.lang;
        self.shared.reload(cx);
        ui.horizontal(|ui| {
            for (view, label) in [
                (View::Matters, pt::VIEW_MATTERS),
                (View::Meetings, pt::VIEW_MEETINGS),
                (View::Figures, pt::VIEW_FIGURES),
                (View::Categories, pt::VIEW_CATEGORIES),
            ] {
                ui.selectable_value(&mut self.view, view, lang.t(label));
            }
        });
        self.shared.calendar_ui(ui, lang);
        ui.separator();
        let go = match self.view {
            View::Matters => self.list.ui(ui, cx, &self.shared),
            View::Meetings => self.meetings.ui(ui, cx, &self.shared),
            View::Figures => self.figures.ui(ui, cx, &self.shared),
            View::Categories => {
                self.categories.ui(ui, cx, &self.shared);
                None
            }
        };
        match go {
            Some(Go::List(filter)) => {
                self.list.show(*filter);
                self.view = View::Matters;
            }
            Some(Go::Matter(id)) => {
                self.list.open(id);
                self.view = View::Matters;
            }
            None => {}
        }
    }
}

/// The amber of a matter on its last working day (and of "to check").
fn amber(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(255, 191, 0)
    } else {
        Color32::from_rgb(176, 112, 0)
    }
}

/// The text and colour of a deadline as the list shows it.
fn urgency_text(urgency: Urgency, lang: Lang) -> (String, Tone) {
    let tone = match urgency {
        Urgency::Left(_) => Tone::Plain,
        Urgency::LastDay => Tone::Amber,
        Urgency::Overdue(_) | Urgency::Unknown(_) => Tone::Red,
    };
    (pt::due_text(urgency).text(lang), tone)
}

/// How a deadline cell is coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    Plain,
    Amber,
    Red,
}

fn tone_color(ui: &Ui, tone: Tone) -> Option<Color32> {
    match tone {
        Tone::Plain => None,
        Tone::Amber => Some(amber(ui)),
        Tone::Red => Some(ui.visuals().error_fg_color),
    }
}

/// A labelled one-line date field (`YYYY-MM-DD`); its error under it.
fn date_field_ui(ui: &mut Ui, label: &str, text: &mut String, lang: Lang) -> Option<Option<Date>> {
    super::text_field_ui(ui, label, text, 90.0);
    let t = text.trim();
    if t.is_empty() {
        return Some(None);
    }
    match t.parse::<Date>() {
        Ok(d) => Some(Some(d)),
        Err(_) => {
            super::field_error_ui(ui, lang.t(pt::BAD_DATE));
            None
        }
    }
}
