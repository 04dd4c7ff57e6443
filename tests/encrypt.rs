//! Encrypted ledgers (SQLCipher): an encrypted copy of a ledger opens with its passphrase
//! and holds the same people; without it, or with a wrong one, the file is refused with an
//! error of its own and left byte for byte as it was; and its bytes show nothing of what it
//! holds.

use crate::common;

use std::path::{Path, PathBuf};

use minsheng::clock::Clock;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::{Key, LATEST_VERSION, Store, StoreError, people};
use rusqlite::Connection;

const PASSPHRASE: &str = "钢城区 2026 民生";

/// A demonstration ledger of about 1,000 people, closed again (so every page is in the
/// file itself, none in a `-wal` file).
fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("plain.sqlite");
    let mut store = common::open_store(&path);
    demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    // Read as one person at one computer: these tests are about the file, not the accounts.
    minsheng::store::accounts::choose_no_sign_in(&mut store).expect("no sign-in");
    drop(store);
    assert_no_side_files(&path);
    path
}

/// An encrypted copy of `plain`, closed again.
fn encrypted_copy(plain: &Path, passphrase: &str) -> PathBuf {
    let dest = plain.with_file_name("encrypted.sqlite");
    let store = Store::open(plain).unwrap();
    store
        .encrypt_to(&dest, passphrase)
        .expect("the encrypted copy");
    drop(store);
    dest
}

fn open_with(path: &Path, passphrase: &str) -> Result<Store, StoreError> {
    Store::open_with_key(
        path,
        Clock::fixed_on(common::test_day()),
        Key::new(passphrase),
    )
}

fn assert_no_side_files(path: &Path) {
    let name = path.file_name().unwrap().to_string_lossy();
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !path.with_file_name(format!("{name}{suffix}")).exists(),
            "{suffix} left beside {name}"
        );
    }
}

/// The SHA-256 of the file's bytes, to show a refused file was not changed.
fn digest(path: &Path) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A few names of the people in `store`, of two characters or more.
fn some_names(store: &Store) -> Vec<String> {
    store
        .conn()
        .prepare("SELECT DISTINCT name FROM people WHERE length(name) >= 2 LIMIT 8")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn an_encrypted_copy_opens_with_its_passphrase_and_shows_nothing_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let plain = demo_file(dir.path());
    let (count, names) = {
        let store = Store::open(&plain).unwrap();
        (people::count(&store.read()).unwrap(), some_names(&store))
    };
    assert!(count >= 900, "{count}");
    assert_eq!(names.len(), 8);
    let encrypted = encrypted_copy(&plain, PASSPHRASE);
    assert_no_side_files(&encrypted);

    // The plain file shows its people's names; the encrypted one none of them, nor the
    // SQLite header.
    let plain_bytes = std::fs::read(&plain).unwrap();
    let encrypted_bytes = std::fs::read(&encrypted).unwrap();
    for name in &names {
        assert!(
            contains(&plain_bytes, name.as_bytes()),
            "{name} not in plain"
        );
        assert!(
            !contains(&encrypted_bytes, name.as_bytes()),
            "{name} readable in the encrypted file"
        );
    }
    assert!(plain_bytes.starts_with(b"SQLite format 3\0"));
    assert!(!encrypted_bytes.starts_with(b"SQLite format 3\0"));
    assert!(!contains(&encrypted_bytes, "钢城区".as_bytes()));

    // With the passphrase: the same people, written by this program's current schema.
    let store = open_with(&encrypted, PASSPHRASE).unwrap();
    assert!(store.is_encrypted());
    assert!(!store.read_only());
    assert_eq!(people::count(&store.read()).unwrap(), count);
    assert_eq!(some_names(&store), names);
    let (app_id, version): (i32, i64) = store
        .conn()
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id),
                    (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(app_id, minsheng::store::APPLICATION_ID);
    assert_eq!(version, LATEST_VERSION);
    // A job's connection (and the window's reader and watcher) open it with the same key.
    let other = store.source().open_for_job().unwrap();
    assert!(other.is_encrypted());
    assert_eq!(people::count(&other.read()).unwrap(), count);
    drop(other);
    drop(store);
    // Written to as the window would, it stays encrypted and closes without side files.
    let mut store = open_with(&encrypted, PASSPHRASE).unwrap();
    store
        .write(|w| minsheng::store::settings::set(w, minsheng::store::settings::MASK_ID_KEY, "6*4"))
        .unwrap();
    drop(store);
    assert_no_side_files(&encrypted);
    let encrypted_bytes = std::fs::read(&encrypted).unwrap();
    assert!(!encrypted_bytes.starts_with(b"SQLite format 3\0"));
    for name in &names {
        assert!(!contains(&encrypted_bytes, name.as_bytes()));
    }
}

#[test]
fn a_wrong_passphrase_or_none_is_refused_and_the_file_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("small.sqlite");
    let mut store = common::open_store(&plain);
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    let encrypted = dir.path().join("small-encrypted.sqlite");
    store.encrypt_to(&encrypted, PASSPHRASE).unwrap();
    drop(store);
    let before = digest(&encrypted);

    let wrong = open_with(&encrypted, "not the passphrase")
        .err()
        .expect("refused");
    assert!(
        matches!(&wrong, StoreError::WrongPassphrase { path } if path == &encrypted),
        "{wrong:?}"
    );
    assert_eq!(
        digest(&encrypted),
        before,
        "a wrong passphrase changed the file"
    );
    assert_no_side_files(&encrypted);
    assert!(!wrong.message().get(minsheng::i18n::Lang::Zh).is_empty());

    for refused in [
        Store::open(&encrypted).err(),
        Store::open_read_only(&encrypted).err(),
    ] {
        let refused = refused.expect("refused without a passphrase");
        assert!(
            matches!(&refused, StoreError::Encrypted { path } if path == &encrypted),
            "{refused:?}"
        );
        assert_eq!(digest(&encrypted), before);
        assert_no_side_files(&encrypted);
    }
    // The messages differ: one asks for the passphrase, the other says it was wrong.
    let none = Store::open(&encrypted).err().unwrap();
    for lang in [minsheng::i18n::Lang::Zh, minsheng::i18n::Lang::En] {
        assert_ne!(none.message().get(lang), wrong.message().get(lang));
    }
    // The refusals changed nothing: the right passphrase still opens it.
    assert!(open_with(&encrypted, PASSPHRASE).is_ok());
}

#[test]
fn plain_files_keep_their_refusals_and_open_without_the_key() {
    let dir = tempfile::tempdir().unwrap();
    // A text file is not taken for an encrypted ledger.
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "name,id\n".repeat(512)).unwrap();
    let e = Store::open(&csv).err().unwrap();
    assert!(matches!(e, StoreError::NotSqlite { .. }), "{e:?}");
    let e = open_with(&csv, PASSPHRASE).err().unwrap();
    assert!(matches!(e, StoreError::NotSqlite { .. }), "{e:?}");
    // A plain ledger opened with a passphrase opens as it is: the key is not used.
    let plain = dir.path().join("plain.sqlite");
    common::open_store(&plain)
        .write(|w| common::small_tree(w).map(|_| ()))
        .unwrap();
    let store = open_with(&plain, PASSPHRASE).unwrap();
    assert!(!store.is_encrypted());
    assert_eq!(minsheng::store::regions::count(&store.read()).unwrap(), 4);
    drop(store);
    assert!(
        std::fs::read(&plain)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
}

#[test]
fn encrypting_refuses_a_short_passphrase_the_ledger_itself_and_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("ledger.sqlite");
    let store = common::open_store(&plain);
    let dest = dir.path().join("copy.sqlite");
    for short in ["", "1234567", "口令太短"] {
        let e = store.encrypt_to(&dest, short).expect_err("refused");
        assert!(
            matches!(e, StoreError::PassphraseTooShort { min: 8 }),
            "{e:?}"
        );
        assert!(!dest.exists());
    }
    let before = std::fs::read(&plain).unwrap();
    let e = store.encrypt_to(&plain, PASSPHRASE).expect_err("refused");
    assert!(matches!(e, StoreError::SameFile { .. }), "{e:?}");
    // The same file by another name.
    let other_name = dir.path().join(".").join("ledger.sqlite");
    let e = store.encrypt_to(&other_name, PASSPHRASE).err().unwrap();
    assert!(matches!(e, StoreError::SameFile { .. }), "{e:?}");
    assert_eq!(std::fs::read(&plain).unwrap(), before);
    std::fs::write(&dest, b"keep me").unwrap();
    let e = store.encrypt_to(&dest, PASSPHRASE).expect_err("refused");
    assert!(
        matches!(&e, StoreError::Io(io) if io.kind() == std::io::ErrorKind::AlreadyExists),
        "{e:?}"
    );
    assert_eq!(std::fs::read(&dest).unwrap(), b"keep me");
}

#[test]
fn a_copy_of_an_encrypted_ledger_is_encrypted_with_the_same_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("small.sqlite");
    let mut store = common::open_store(&plain);
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    let encrypted = dir.path().join("encrypted.sqlite");
    store.encrypt_to(&encrypted, PASSPHRASE).unwrap();
    drop(store);
    let store = open_with(&encrypted, PASSPHRASE).unwrap();
    // Save a copy…
    let copy = dir.path().join("copy.sqlite");
    minsheng::jobs::backup::save_copy(&store, &copy, &Reporter::silent()).unwrap();
    assert!(
        !std::fs::read(&copy)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    assert!(matches!(
        Store::open(&copy).err(),
        Some(StoreError::Encrypted { .. })
    ));
    let reopened = open_with(&copy, PASSPHRASE).unwrap();
    assert_eq!(
        minsheng::store::regions::count(&reopened.read()).unwrap(),
        4
    );
    // … and an encrypted copy of it with a new passphrase.
    let rekeyed = dir.path().join("rekeyed.sqlite");
    store.encrypt_to(&rekeyed, "another passphrase").unwrap();
    assert!(matches!(
        open_with(&rekeyed, PASSPHRASE).err(),
        Some(StoreError::WrongPassphrase { .. })
    ));
    let rekeyed = open_with(&rekeyed, "another passphrase").unwrap();
    assert_eq!(minsheng::store::regions::count(&rekeyed.read()).unwrap(), 4);
}

/// What SQLCipher itself needs to read the file: the passphrase as `PRAGMA key`, as the
/// first statement. A raw connection without it sees no tables.
#[test]
fn sqlcipher_reads_the_copy_with_pragma_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("small.sqlite");
    let mut store = common::open_store(&plain);
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    let encrypted = dir.path().join("encrypted.sqlite");
    store.encrypt_to(&encrypted, PASSPHRASE).unwrap();
    drop(store);
    let conn = Connection::open(&encrypted).unwrap();
    assert!(
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
            .is_err()
    );
    drop(conn);
    let conn = Connection::open(&encrypted).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    let regions: i64 = conn
        .query_row("SELECT count(*) FROM regions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(regions, 4);
}

/// A ledger with the small tree and one person, `李建国`, and its encrypted copy.
fn small_encrypted_ledger(dir: &Path) -> PathBuf {
    let mut store = common::open_store(dir.join("small.sqlite"));
    let [.., village] = store.write(common::small_tree).unwrap();
    let person = minsheng::domain::person::PersonDraft {
        name: "李建国".into(),
        id_number: "440524188001010014".into(),
        region_id: Some(village),
        ..Default::default()
    }
    .validate(common::test_day())
    .unwrap();
    store.write(|w| people::insert(w, &person)).unwrap();
    minsheng::store::accounts::choose_no_sign_in(&mut store).expect("no sign-in");
    let encrypted = dir.join("small-encrypted.sqlite");
    store.encrypt_to(&encrypted, PASSPHRASE).unwrap();
    encrypted
}

/// The window over an empty ledger with the small tree, in English.
fn window(dir: &Path) -> egui_kittest::Harness<'static, minsheng::app::App> {
    let mut store = common::open_store(dir.join("window.sqlite"));
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    let prefs = minsheng::app::Prefs {
        lang: minsheng::i18n::Lang::En,
        ..minsheng::app::Prefs::default()
    };
    common::harness(common::window(store, prefs))
}

#[test]
fn the_window_asks_for_the_passphrase_says_when_it_is_wrong_and_opens_with_the_right_one() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let encrypted = small_encrypted_ledger(dir.path());
    let before = digest(&encrypted);
    let mut h = window(dir.path());
    common::settle(&mut h);
    h.get_by_label("File").click();
    common::settle(&mut h);
    h.get_by_label("Open…").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "Path of the database file to open")
        .set_text_value_accesskit(&encrypted.display().to_string());
    common::settle(&mut h);
    h.get_by_label("OK").click();
    common::settle(&mut h);

    // Asked for the passphrase; a wrong one is said so in the dialog, which stays.
    h.get_by_label("This ledger is encrypted");
    h.get_by_role_and_label(Role::PasswordInput, "Passphrase")
        .set_text_value_accesskit("not the passphrase");
    common::settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Open").click();
    common::settle(&mut h);
    h.get_by_label_contains("The passphrase is wrong");
    h.get_by_label("This ledger is encrypted");
    assert!(h.state().store().unwrap().path().ends_with("window.sqlite"));
    assert_eq!(digest(&encrypted), before);
    assert!(h.query_by_label("李建国").is_none());

    // The right one opens it: its people show, read by the window's reading thread.
    h.get_by_role_and_label(Role::PasswordInput, "Passphrase")
        .set_text_value_accesskit(PASSPHRASE);
    common::settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Open").click();
    common::settle(&mut h);
    h.run_steps(3);
    common::settle(&mut h);
    assert!(h.query_by_label("This ledger is encrypted").is_none());
    let store = h.state().store().unwrap();
    assert_eq!(store.path(), encrypted);
    assert!(store.is_encrypted());
    h.get_by_label("李建国");
    h.get_by_label("Encrypted");
    // The passphrase is not on screen anywhere, not even masked as typed.
    assert!(h.query_by_label_contains(PASSPHRASE).is_none());
}

#[test]
fn cancelling_the_passphrase_leaves_the_ledger_unopened_and_says_why() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let encrypted = small_encrypted_ledger(dir.path());
    let mut h = window(dir.path());
    common::settle(&mut h);
    h.get_by_label("File").click();
    common::settle(&mut h);
    h.get_by_label("Open…").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "Path of the database file to open")
        .set_text_value_accesskit(&encrypted.display().to_string());
    common::settle(&mut h);
    h.get_by_label("OK").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    common::settle(&mut h);
    assert!(h.query_by_label("This ledger is encrypted").is_none());
    h.get_by_label_contains("is an encrypted ledger; enter its passphrase");
    assert!(h.state().store().unwrap().path().ends_with("window.sqlite"));
}

#[test]
fn settings_write_an_encrypted_copy_that_opens_with_the_passphrase() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let mut h = window(dir.path());
    h.get_by_label("Settings").click();
    common::settle(&mut h);
    h.get_by_label("Encrypt this ledger");
    h.get_by_label_contains("This ledger is not encrypted");
    // Too short, then two that differ: said under the fields, nothing asked.
    for (first, second, said) in [
        ("short", "short", "at least 8 characters"),
        (PASSPHRASE, "something else", "The two passphrases differ."),
    ] {
        h.get_by_role_and_label(Role::PasswordInput, "New passphrase")
            .set_text_value_accesskit(first);
        h.get_by_role_and_label(Role::PasswordInput, "Repeat the passphrase")
            .set_text_value_accesskit(second);
        common::settle(&mut h);
        h.get_by_label("Write an encrypted copy…").click_accesskit();
        common::settle(&mut h);
        h.get_by_label_contains(said);
        assert!(
            h.query_by_label("Path to save the encrypted copy to")
                .is_none()
        );
    }
    h.get_by_role_and_label(Role::PasswordInput, "New passphrase")
        .set_text_value_accesskit(PASSPHRASE);
    h.get_by_role_and_label(Role::PasswordInput, "Repeat the passphrase")
        .set_text_value_accesskit(PASSPHRASE);
    common::settle(&mut h);
    h.get_by_label("Write an encrypted copy…").click_accesskit();
    common::settle(&mut h);
    let dest = dir.path().join("encrypted-by-settings.sqlite");
    h.get_by_role_and_label(Role::TextInput, "Path to save the encrypted copy to")
        .set_text_value_accesskit(&dest.display().to_string());
    common::settle(&mut h);
    h.get_by_label("OK").click();
    h.step();
    common::settle(&mut h);
    let said = format!("Encrypted copy written to {}", dest.display());
    assert!(
        h.state().notices().iter().any(|n| n.contains(&said)),
        "{:?}",
        h.state().notices()
    );
    assert!(matches!(
        Store::open(&dest).err(),
        Some(StoreError::Encrypted { .. })
    ));
    let copy = open_with(&dest, PASSPHRASE).unwrap();
    assert_eq!(minsheng::store::regions::count(&copy.read()).unwrap(), 4);
    // The window's own file is unchanged and still plain.
    assert!(!h.state().store().unwrap().is_encrypted());
}
