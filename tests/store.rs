//! Store tests on temporary files: migrations, refusal of foreign files, the registry's rules.

use crate::common;

use minsheng::domain::id_number::IdNumber;
use minsheng::domain::person::PersonDraft;
use minsheng::jobs::{Outcome, Reporter, demo};
use minsheng::store::people::{self, PeopleFilter};
use minsheng::store::regions;
use minsheng::store::{
    LATEST_VERSION, RegionRule, Store, StoreError, apply_migrations_up_to, changes,
};
use rusqlite::Connection;

fn schema(path: &std::path::Path) -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    let mut rows: Vec<_> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    rows.push(("pragma".into(), format!("{version}/{app_id}"), None));
    rows
}

#[test]
fn every_older_version_upgrades_to_the_fresh_schema() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.sqlite");
    drop(Store::open(&fresh).unwrap());
    // The committed fixture was written by schema version 1.
    let fixture = dir.path().join("v1.sqlite");
    std::fs::copy("tests/fixtures/v1.sqlite", &fixture).unwrap();
    drop(Store::open(&fixture).unwrap());
    assert_eq!(schema(&fixture), schema(&fresh));
    for version in 1..=LATEST_VERSION {
        let old = dir.path().join(format!("v{version}.sqlite"));
        let mut conn = Connection::open(&old).unwrap();
        apply_migrations_up_to(&mut conn, version).unwrap();
        drop(conn);
        drop(Store::open(&old).unwrap());
        assert_eq!(
            schema(&old),
            schema(&fresh),
            "upgrade from version {version}"
        );
    }
}

fn assert_refused_untouched(path: &std::path::Path, check: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let error = Store::open(path).err().expect("the file must be refused");
    assert!(check(&error), "unexpected error: {error}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the refused file was modified"
    );
    let name = path.file_name().unwrap().to_string_lossy();
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !path.with_file_name(format!("{name}{suffix}")).exists(),
            "{suffix} left behind"
        );
    }
}

#[test]
fn a_newer_version_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    drop(conn);
    assert_refused_untouched(
        &path,
        |e| matches!(e, StoreError::NewerVersion { found, .. } if *found == LATEST_VERSION + 1),
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.csv");
    std::fs::write(&path, "姓名,身份证号\n张三,11010519491231002X\n").unwrap();
    assert_refused_untouched(&path, |e| matches!(e, StoreError::NotSqlite { .. }));
}

#[test]
fn another_programs_database_is_refused_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);")
        .unwrap();
    drop(conn);
    assert_refused_untouched(&path, |e| matches!(e, StoreError::NotOurs { .. }));
}

/// A store with the district, one street, a community and a village.
fn small_store(dir: &tempfile::TempDir) -> (Store, [minsheng::domain::RegionId; 4]) {
    let mut store = Store::open(dir.path().join("t.sqlite")).unwrap();
    let ids = store.write(common::small_tree).unwrap();
    (store, ids)
}

fn draft(name: &str, id: &str, region: minsheng::domain::RegionId) -> PersonDraft {
    PersonDraft {
        name: name.into(),
        id_number: id.into(),
        phone: "13900001234".into(),
        region_id: Some(region),
        ..PersonDraft::default()
    }
}

#[test]
fn one_person_per_id_number_and_every_write_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, regions) = small_store(&dir);
    let person = draft("蒋英花", "11010519491231002x", regions[2])
        .validate(common::test_day())
        .unwrap();
    let id = store.write(|w| people::insert(w, &person)).unwrap();
    assert_eq!(
        changes::count_for(&store.read(), "people", id.0).unwrap(),
        1
    );

    let again = draft("蒋英华", "11010519491231002X", regions[3])
        .validate(common::test_day())
        .unwrap();
    match store.write(|w| people::insert(w, &again)) {
        Err(StoreError::DuplicateIdNumber { existing, name }) => {
            assert_eq!(existing, id.0);
            assert_eq!(name, "蒋英花");
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert_eq!(people::count(&store.read()).unwrap(), 1);

    store.write(|w| people::set_trashed(w, id, true)).unwrap();
    assert_eq!(people::count(&store.read()).unwrap(), 0);
    let trash = PeopleFilter {
        trash: true,
        ..PeopleFilter::default()
    };
    assert_eq!(people::search_ids(&store.read(), &trash).unwrap(), vec![id]);
    store.write(|w| people::set_trashed(w, id, false)).unwrap();
    assert_eq!(people::count(&store.read()).unwrap(), 1);
    assert_eq!(
        changes::count_for(&store.read(), "people", id.0).unwrap(),
        3
    );
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, regions) = small_store(&dir);
    let first = draft("甲", "11010519491231002X", regions[2])
        .validate(common::test_day())
        .unwrap();
    let duplicate = draft("乙", "11010519491231002X", regions[2])
        .validate(common::test_day())
        .unwrap();
    let before = changes::recent(&store.read(), 1000).unwrap().len();
    let result = store.write(|w| {
        people::insert(w, &first)?;
        people::insert(w, &duplicate)
    });
    assert!(result.is_err());
    assert_eq!(people::count(&store.read()).unwrap(), 0);
    assert_eq!(changes::recent(&store.read(), 1000).unwrap().len(), before);
}

#[test]
fn search_finds_names_ids_and_places() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, regions) = small_store(&dir);
    let people_in = [
        ("王芳", "440524188001010014", regions[2]),
        ("李建国", "11010519491231002X", regions[3]),
    ];
    for (name, id, region) in people_in {
        let p = draft(name, id, region)
            .validate(common::test_day())
            .unwrap();
        store.write(|w| people::insert(w, &p)).unwrap();
    }
    let find = |filter: PeopleFilter| people::search_ids(&store.read(), &filter).unwrap().len();
    assert_eq!(find(PeopleFilter::default()), 2);
    assert_eq!(
        find(PeopleFilter {
            text: "王芳".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(PeopleFilter {
            text: "建".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(PeopleFilter {
            text: "1002x".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(PeopleFilter {
            text: "100%".into(),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        find(PeopleFilter {
            text: "\"王".into(),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        find(PeopleFilter {
            text: "0000 \"AND".into(),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        find(PeopleFilter {
            text: "88001".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        find(PeopleFilter {
            region: Some(regions[1]),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        find(PeopleFilter {
            region: Some(regions[3]),
            ..Default::default()
        }),
        1
    );
}

#[test]
fn a_region_with_people_can_not_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, regions) = small_store(&dir);
    let p = draft("王芳", "440524188001010014", regions[2])
        .validate(common::test_day())
        .unwrap();
    store.write(|w| people::insert(w, &p)).unwrap();
    assert!(matches!(
        store.write(|w| regions::delete(w, regions[2])),
        Err(StoreError::Region(RegionRule::NotEmpty))
    ));
    assert!(matches!(
        store.write(|w| regions::delete(w, regions[1])),
        Err(StoreError::Region(RegionRule::NotEmpty))
    ));
    store.write(|w| regions::delete(w, regions[3])).unwrap();
}

#[test]
fn demo_data_is_the_real_tree_with_valid_fictional_people() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("demo.sqlite")).unwrap();
    let Outcome::Demo(summary) = demo::generate(&mut store, 1, &Reporter::silent()).unwrap() else {
        panic!("not a demo outcome");
    };
    assert_eq!(summary.villages, 252);
    assert_eq!(summary.people, 1000);
    let all = regions::all(&store.read()).unwrap();
    assert_eq!(all.len(), 1 + 5 + 2 + 252);
    assert!(
        all.iter()
            .any(|r| r.code == "370117001001" && r.short_name == "北城子坡社区")
    );
    assert!(all.iter().all(|r| r.lon.is_some() && r.lat.is_some()));
    let ids = people::search_ids(&store.read(), &PeopleFilter::default()).unwrap();
    for row in people::rows(&store.read(), &ids).unwrap() {
        let id = IdNumber::parse(&row.id_number).expect("checksum-valid ID");
        assert!(matches!(id.area_code(), "371203" | "370117"));
        assert!(
            row.phone.is_empty() || row.phone[3..7] == *"0000",
            "{}",
            row.phone
        );
    }
    // Never into a file that already has data.
    assert!(demo::generate(&mut store, 1, &Reporter::silent()).is_err());
    assert_eq!(people::count(&store.read()).unwrap(), 1000);
}

#[test]
fn scale_zero_imports_the_division_tree_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("tree.sqlite")).unwrap();
    demo::generate(&mut store, 0, &Reporter::silent()).unwrap();
    assert_eq!(regions::count(&store.read()).unwrap(), 260);
    assert_eq!(people::count(&store.read()).unwrap(), 0);
}

#[test]
fn revisions_count_writes_by_other_connections_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut window, regions) = small_store(&dir);
    let mut other = common::open_store(dir.path().join("t.sqlite"));
    let before = window.revision(&["people"]);
    let person = draft("蒋英花", "11010519491231002X", regions[2])
        .validate(common::test_day())
        .unwrap();
    other.write(|w| people::insert(w, &person)).unwrap();
    // The window learns of it when it reads the revisions again (its watcher makes it).
    assert_eq!(window.revision(&["people"]), before);
    assert!(window.refresh_revisions().unwrap());
    assert!(window.revision(&["people"]) > before);
    assert!(window.revision(&["regions"]) < window.revision(&["people"]));
    // A write made without having seen the other's is not "alone": a view must read again.
    let second = draft("李建国", "440524188001010014", regions[3])
        .validate(common::test_day())
        .unwrap();
    other.write(|w| people::insert(w, &second)).unwrap();
    window
        .write(|w| people::set_trashed(w, first_person(w), true))
        .unwrap();
    assert!(!window.last_write_was_alone());
    window
        .write(|w| people::set_trashed(w, first_person(w), false))
        .unwrap();
    assert!(window.last_write_was_alone());
}

/// The first person of the file, from inside a write.
fn first_person(w: &minsheng::store::Writer<'_>) -> minsheng::domain::PersonId {
    minsheng::domain::PersonId(
        w.tx()
            .query_row("SELECT min(id) FROM people", [], |r| r.get(0))
            .unwrap(),
    )
}
