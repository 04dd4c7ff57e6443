//! What the window shows of what the user may not do: a control whose store function the
//! session would refuse is shown disabled with the reason on hover, or not at all to a user
//! who only reads that area (a viewer has no use for a greyed 新增 or 删除). The store is
//! still the guard; this only spares the user a refusal after the click.

use egui::{Ui, Widget, WidgetText};

use crate::domain::RegionId;
use crate::domain::access::{Action, Area, Role, Session};
use crate::i18n::{Lang, Text, access as ac};

/// Whether the user may do what a control does, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Permit {
    refused: Option<Text>,
    /// The user only reads the area: a refused control is not drawn at all.
    reads_only: bool,
}

impl Permit {
    /// `action` in `area` on some record: the store checks each record's street.
    pub fn somewhere(session: &Session, area: Area, action: Action) -> Permit {
        Permit::check(
            session.may_somewhere(area, action),
            session,
            area,
            action,
            true,
        )
    }

    /// `action` in `area` on a record of the whole district, or by a store function that
    /// asks for a district-wide grant (computing and approving the month's sheet, the bank
    /// file, the settings).
    pub fn district(session: &Session, area: Area, action: Action) -> Permit {
        Permit::check(session.may(area, action, None), session, area, action, true)
    }

    /// `action` in `area` on a record of `street` (none: a record of the whole district).
    pub fn at(session: &Session, area: Area, action: Action, street: Option<RegionId>) -> Permit {
        let allowed = session.may(area, action, street);
        Permit::check(allowed, session, area, action, street.is_none())
    }

    /// The ledger's own settings (masking, the bank file's layout): an administrator of
    /// the whole district, as the store asks.
    pub fn keeps_accounts(session: &Session) -> Permit {
        Permit {
            refused: (!session.keeps_accounts()).then_some(ac::NEEDS_ADMIN),
            reads_only: session.grants.iter().all(|g| g.role == Role::Viewer),
        }
    }

    /// `district`: what is refused needs a district-wide grant, so a user allowed on some
    /// streets is told that, not that the role is missing.
    fn check(
        allowed: bool,
        session: &Session,
        area: Area,
        action: Action,
        district: bool,
    ) -> Permit {
        if allowed {
            return Permit {
                refused: None,
                reads_only: false,
            };
        }
        let elsewhere = session.may_somewhere(area, action);
        let reason = match action {
            Action::Read => ac::READ_ONLY,
            Action::Write if elsewhere && !district => ac::OTHER_STREET,
            Action::Write if elsewhere => ac::NEEDS_CLERK_DISTRICT,
            Action::Write => ac::NEEDS_CLERK,
            Action::Approve if elsewhere => ac::NEEDS_APPROVER_DISTRICT,
            Action::Approve => ac::NEEDS_APPROVER,
            Action::Administer => ac::NEEDS_ADMIN,
            Action::Reveal => ac::NEEDS_REVEAL,
        };
        let changes_something = [Action::Write, Action::Approve, Action::Administer]
            .into_iter()
            .any(|a| session.may_somewhere(area, a));
        Permit {
            refused: Some(reason),
            reads_only: !changes_something,
        }
    }

    /// Both this and `other` (a form saved with two writes).
    pub fn and(self, other: Permit) -> Permit {
        Permit {
            refused: self.refused.or(other.refused),
            reads_only: if self.refused.is_some() {
                self.reads_only
            } else {
                other.reads_only
            },
        }
    }

    /// Whether the user may.
    pub fn allows(self) -> bool {
        self.refused.is_none()
    }

    /// Why not, if not.
    pub fn reason(self) -> Option<Text> {
        self.refused
    }

    /// Whether a refused control is drawn (disabled, with the reason): not for a user who
    /// only reads the area.
    pub fn shown(self) -> bool {
        self.allows() || !self.reads_only
    }

    /// Adds `widget`, disabled with the reason on hover when the user may not (and when
    /// `enabled` is false for reasons of its own, such as a month already approved), or
    /// nothing for a user who only reads; returns whether it was clicked.
    pub fn add(self, ui: &mut Ui, lang: Lang, enabled: bool, widget: impl Widget) -> bool {
        if !self.shown() {
            return false;
        }
        let response = ui.add_enabled(enabled && self.allows(), widget);
        match self.refused {
            Some(reason) => {
                // Said to screen readers too, as a tooltip's text is.
                let text = lang.t(reason);
                if ui.ctx().has_accesskit_node(response.id) {
                    ui.ctx()
                        .accesskit_node_builder(response.id, |node| node.set_description(text));
                }
                response.on_disabled_hover_text(text)
            }
            None => response,
        }
        .clicked()
    }

    /// A button (see [`Permit::add`]); returns whether it was clicked.
    pub fn button(self, ui: &mut Ui, lang: Lang, text: impl Into<WidgetText>) -> bool {
        self.add(ui, lang, true, egui::Button::new(text))
    }

    /// A small button (see [`Permit::add`]); returns whether it was clicked.
    pub fn small_button(self, ui: &mut Ui, lang: Lang, text: impl Into<WidgetText>) -> bool {
        self.add(ui, lang, true, egui::Button::new(text).small())
    }

    /// Draws a whole section (a settings group) read-only when the user may not change it,
    /// saying why above it.
    pub fn section_ui<R>(self, ui: &mut Ui, lang: Lang, contents: impl FnOnce(&mut Ui) -> R) -> R {
        if let Some(reason) = self.refused {
            ui.weak(lang.t(reason));
        }
        self.fields_ui(ui, contents)
    }

    /// Draws `contents` with every field read-only when the user may not change them.
    pub fn fields_ui<R>(self, ui: &mut Ui, contents: impl FnOnce(&mut Ui) -> R) -> R {
        ui.add_enabled_ui(self.allows(), contents).inner
    }
}
