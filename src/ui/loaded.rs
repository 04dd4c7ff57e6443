//! Rows a view shows, kept with the key they were read for (the data's revision and the
//! view's filter) so that they are read again only when the key changes; read on the
//! window's thread when quick, on the reading thread when not. A failed read is kept as its
//! message, drawn where the rows would be: never an empty table.

use egui::Ui;

use super::context::{Ctx, Notice};
use crate::i18n::{Lang, Msg, window as wi};
use crate::store::background::Pending;
use crate::store::{Read, Result};

/// What a view shows: nothing yet, the rows, or why they could not be read.
enum Shown<T> {
    Nothing,
    Rows(T),
    Failed(Msg),
}

/// Rows read for a key.
pub struct Loaded<K, T> {
    key: Option<K>,
    shown: Shown<T>,
    pending: Option<(K, Pending<T>)>,
}

impl<K, T> Default for Loaded<K, T> {
    fn default() -> Self {
        Loaded {
            key: None,
            shown: Shown::Nothing,
            pending: None,
        }
    }
}

impl<K: PartialEq + Clone, T: Send + 'static> Loaded<K, T> {
    /// Reads on this thread when `key` is not the key of what is shown.
    pub fn ensure_now(
        &mut self,
        conn: &Read<'_>,
        key: K,
        read: impl FnOnce(&Read<'_>) -> Result<T>,
    ) {
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.pending = None;
        self.set(key, read(conn));
    }

    /// Reads on the reading thread when `key` is neither shown nor being read; what is
    /// shown stays until the new rows arrive.
    pub fn ensure_later(
        &mut self,
        cx: &Ctx<'_>,
        key: K,
        read: impl FnOnce(&Read<'_>) -> Result<T> + Send + 'static,
    ) {
        self.poll();
        if self.is_for(&key) || self.is_reading(&key) {
            return;
        }
        self.pending = Some((key, cx.read_later(read)));
    }

    /// Whether the rows of `key` are being read.
    pub fn is_reading(&self, key: &K) -> bool {
        self.pending.as_ref().is_some_and(|(k, _)| k == key)
    }

    /// Takes the rows of a read that has ended, if any.
    pub fn poll(&mut self) {
        let Some((key, pending)) = &mut self.pending else {
            return;
        };
        if let Some(result) = pending.poll() {
            let key = key.clone();
            self.pending = None;
            self.set(key, result);
        }
    }

    fn set(&mut self, key: K, result: Result<T>) {
        self.shown = match result {
            Ok(rows) => Shown::Rows(rows),
            Err(e) => Shown::Failed(Notice::store_error(&e).msg),
        };
        self.key = Some(key);
    }

    /// Whether what is shown was read for `key`.
    pub fn is_for(&self, key: &K) -> bool {
        self.key.as_ref() == Some(key)
    }

    /// The key of what is shown.
    pub fn key(&self) -> Option<&K> {
        self.key.as_ref()
    }

    /// Says the rows shown are those of `key` too: the caller changed them in place to
    /// match the write that made `key` (one cell saved), so reading them again is not needed.
    pub fn rekey(&mut self, key: K) {
        if matches!(self.shown, Shown::Rows(_)) && self.pending.is_none() {
            self.key = Some(key);
        }
    }

    /// The rows, if read.
    pub fn rows(&self) -> Option<&T> {
        match &self.shown {
            Shown::Rows(rows) => Some(rows),
            _ => None,
        }
    }

    /// The rows for changing in place (a cell just saved), if read.
    pub fn rows_mut(&mut self) -> Option<&mut T> {
        match &mut self.shown {
            Shown::Rows(rows) => Some(rows),
            _ => None,
        }
    }

    /// Whether a read is under way.
    pub fn loading(&self) -> bool {
        self.pending.is_some()
    }

    /// Draws "reading…" while a read runs, or the error of the last read; returns the
    /// rows when there are rows to draw.
    pub fn status_ui(&self, ui: &mut Ui, lang: Lang) -> Option<&T> {
        if self.loading() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak(lang.t(wi::READING));
            });
        }
        match &self.shown {
            Shown::Rows(rows) => Some(rows),
            Shown::Failed(msg) => {
                super::error_ui(ui, msg.get(lang));
                None
            }
            Shown::Nothing => None,
        }
    }
}
