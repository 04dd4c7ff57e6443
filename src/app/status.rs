//! The status area: the open file, every running job with its own progress bar and cancel,
//! and the notices (the newest first; a repeated one counts up instead of stacking; good
//! news fades after a while, errors stay until closed).

use std::time::{Duration, Instant};

use egui::Ui;

use crate::i18n::{Lang, common as c, window as wi};
use crate::jobs::Job;
use crate::ui::{self, Notice};

/// How long good news stays.
const INFO_FOR: Duration = Duration::from_secs(8);
/// How many notices are kept.
const KEPT: usize = 5;

/// A notice on screen.
struct Shown {
    notice: Notice,
    times: u32,
    at: Instant,
}

/// The notices of the window.
#[derive(Default)]
pub struct Notices {
    shown: Vec<Shown>,
    expanded: bool,
}

impl Notices {
    /// Adds `notice`, or counts it again when it is the newest already.
    pub fn push(&mut self, notice: Notice) {
        if let Some(last) = self.shown.last_mut()
            && last.notice == notice
        {
            last.times += 1;
            last.at = Instant::now();
            return;
        }
        self.shown.push(Shown {
            notice,
            times: 1,
            at: Instant::now(),
        });
        if self.shown.len() > KEPT {
            self.shown.remove(0);
        }
    }

    /// The notices now shown, newest first (tests read them).
    pub fn texts(&self, lang: Lang) -> Vec<String> {
        self.shown
            .iter()
            .rev()
            .map(|s| s.notice.msg.get(lang).to_string())
            .collect()
    }

    /// Draws the newest notice, and the earlier ones when asked.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) {
        self.shown
            .retain(|s| s.notice.error || s.at.elapsed() < INFO_FOR);
        if let Some(oldest_info) = self
            .shown
            .iter()
            .filter(|s| !s.notice.error)
            .map(|s| s.at)
            .min()
        {
            ui.ctx()
                .request_repaint_after(INFO_FOR.saturating_sub(oldest_info.elapsed()));
        }
        let count = self.shown.len();
        let mut dismissed = None;
        for (index, shown) in self.shown.iter().enumerate().rev() {
            let newest = index + 1 == count;
            if !newest && !self.expanded {
                continue;
            }
            ui.horizontal(|ui| {
                if ui
                    .small_button("×")
                    .on_hover_text(lang.t(c::CLOSE))
                    .clicked()
                {
                    dismissed = Some(index);
                }
                let mut text = shown.notice.msg.get(lang).to_string();
                if shown.times > 1 {
                    text.push_str(wi::repeated(shown.times).get(lang));
                }
                if shown.notice.error {
                    ui::error_ui(ui, &text);
                } else {
                    ui.label(text);
                }
                if newest && count > 1 {
                    let toggle = wi::earlier_notices(count - 1);
                    ui.toggle_value(&mut self.expanded, toggle.get(lang));
                }
            });
        }
        if let Some(index) = dismissed {
            self.shown.remove(index);
        }
    }
}

/// One line per running job: its title, its progress and its cancel button.
pub fn jobs_ui(ui: &mut Ui, jobs: &[Job], lang: Lang) {
    for job in jobs {
        ui.horizontal(|ui| {
            ui.label(lang.t(job.title));
            ui.add(
                egui::ProgressBar::new(job.fraction())
                    .desired_width(240.0)
                    .show_percentage(),
            );
            if ui.button(lang.t(wi::JOB_CANCEL)).clicked() {
                job.cancel();
            }
        });
    }
}
