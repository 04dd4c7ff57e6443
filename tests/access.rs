//! The store is the guard: store functions called directly, as a viewer, as a clerk of one
//! street and as the account that computed a sheet, are refused or narrowed, whatever the
//! window would have shown.

use crate::common;

use minsheng::domain::access::{Action, Area, Grant, Role};
use minsheng::domain::pay::Month;
use minsheng::domain::person::PersonDraft;
use minsheng::domain::{PersonId, RegionId};
use minsheng::jobs::{Reporter, demo};
use minsheng::store::accounts::{self, NewAccount};
use minsheng::store::people::{self, PeopleFilter};
use minsheng::store::{Store, StoreError, payroll, settings};

/// The demo ledger (which asks for a sign-in), signed in as nobody yet.
fn demo_ledger(dir: &tempfile::TempDir) -> Store {
    let mut store = common::open_store(dir.path().join("access.sqlite"));
    demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    accounts::sign_out(&mut store).unwrap();
    store
}

fn sign_in(store: &mut Store, name: &str) {
    let account = demo::DEMO_ACCOUNTS
        .into_iter()
        .find(|a| a.name == name)
        .expect("a demo account");
    accounts::sign_in(store, account.name, account.password).unwrap();
}

/// The demo's 艾山街道 and a person living under it and one living elsewhere.
fn aishan_and_people(store: &Store) -> (RegionId, PersonId, PersonId) {
    let conn = store.conn();
    let street: i64 = conn
        .query_row(
            "SELECT id FROM regions WHERE name LIKE '艾山%' AND level = 'street'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let under = |inside: bool| -> i64 {
        conn.query_row(
            &format!(
                "SELECT p.id FROM people p JOIN regions v ON v.id = p.region_id
                 WHERE p.deleted_at IS NULL AND v.parent_id {} ?1 ORDER BY p.id LIMIT 1",
                if inside { "=" } else { "<>" }
            ),
            [street],
            |r| r.get(0),
        )
        .unwrap()
    };
    (
        RegionId(street),
        PersonId(under(true)),
        PersonId(under(false)),
    )
}

fn draft(region: RegionId, name: &str, id_number: &str) -> PersonDraft {
    PersonDraft {
        name: name.into(),
        id_number: id_number.into(),
        phone: String::new(),
        address: "测试路 1 号".into(),
        region_id: Some(region),
        categories: Vec::new(),
        notes: String::new(),
    }
}

fn forbidden<T: std::fmt::Debug>(result: Result<T, StoreError>) -> bool {
    matches!(result, Err(StoreError::Forbidden { .. }))
}

#[test]
fn nobody_signed_in_reads_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    let (_, someone, _) = aishan_and_people(&store);
    assert!(matches!(
        people::search_ids(&store.read(), &PeopleFilter::default()),
        Err(StoreError::NotSignedIn)
    ));
    assert!(matches!(
        people::get(&store.read(), someone),
        Err(StoreError::NotSignedIn)
    ));
    assert!(matches!(
        store.write(|w| people::set_trashed(w, someone, true)),
        Err(StoreError::NotSignedIn)
    ));
}

#[test]
fn a_viewer_reads_everything_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "viewer");
    let (street, someone, elsewhere) = aishan_and_people(&store);
    let all = people::search_ids(&store.read(), &PeopleFilter::default()).unwrap();
    assert!(all.contains(&someone) && all.contains(&elsewhere));
    let person = people::get(&store.read(), someone).unwrap();

    let village = person.region_id;
    let new = draft(village, "测试人", "110101199003074514")
        .validate(common::test_day())
        .unwrap();
    assert!(forbidden(store.write(|w| people::insert(w, &new))));
    assert!(forbidden(store.write(|w| people::update(w, someone, &new))));
    assert!(forbidden(
        store.write(|w| people::set_trashed(w, someone, true))
    ));
    let month = Month::of(common::test_day());
    assert!(forbidden(store.write(|w| payroll::compute(
        w,
        month,
        |_, _| true
    ))));
    assert!(forbidden(store.write(|w| payroll::approve(
        w,
        month,
        common::test_day()
    ))));
    // Settings are the administrator's; so are the accounts.
    assert!(forbidden(store.write(|w| settings::set(w, "x", "y"))));
    assert!(matches!(
        store.write(|w| accounts::create_account(
            w,
            &NewAccount {
                name: "sneaky".into(),
                display_name: String::new(),
                password: "long-enough-1".into(),
                grants: vec![Grant {
                    role: Role::Admin,
                    area: Area::Registry,
                    street: None,
                }],
            }
        )),
        Err(StoreError::AccountsOnlyAdmin)
    ));
    assert!(
        !store
            .session()
            .may_somewhere(Area::Registry, Action::Reveal)
    );
    let _ = street;
    // The refusal is worded for the clerk, in both languages.
    let e = store
        .write(|w| people::set_trashed(w, someone, true))
        .unwrap_err();
    let msg = e.message();
    assert!(
        msg.get(minsheng::i18n::Lang::Zh).contains("人员与区划"),
        "{msg:?}"
    );
    assert!(
        msg.get(minsheng::i18n::Lang::En)
            .contains("People and places"),
        "{msg:?}"
    );
    // Nothing was written by any of it.
    assert!(
        people::get(&store.read(), someone)
            .unwrap()
            .deleted_at
            .is_none()
    );
}

#[test]
fn a_clerk_of_one_street_sees_and_changes_only_that_street() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "aishan");
    let (_, mine, theirs) = aishan_and_people(&store);

    // Listing: only the street's people, whatever the search.
    let listed = people::search_ids(&store.read(), &PeopleFilter::default()).unwrap();
    assert!(listed.contains(&mine));
    assert!(!listed.contains(&theirs));
    let total: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM people WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!((listed.len() as i64) < total);
    let rows = people::rows(&store.read(), &[mine, theirs]).unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![mine]);
    for text in ["张", "王", "3701"] {
        let found = people::search_ids(
            &store.read(),
            &PeopleFilter {
                text: text.into(),
                ..PeopleFilter::default()
            },
        )
        .unwrap();
        assert!(!found.contains(&theirs), "{text}");
    }

    // Reading or changing another street's person directly is refused, saying why.
    match people::get(&store.read(), theirs) {
        Err(StoreError::Forbidden { elsewhere, .. }) => assert!(elsewhere),
        other => panic!("{other:?}"),
    }
    assert!(forbidden(
        store.write(|w| people::set_trashed(w, theirs, true))
    ));
    let their_village = {
        let conn = store.conn();
        conn.query_row(
            "SELECT region_id FROM people WHERE id = ?1",
            [theirs.0],
            |r| r.get(0).map(RegionId),
        )
        .unwrap()
    };
    let my_village = people::get(&store.read(), mine).unwrap().region_id;
    let newcomer = |region| {
        draft(region, "新居民", "110101199003074514")
            .validate(common::test_day())
            .unwrap()
    };
    assert!(forbidden(
        store.write(|w| people::insert(w, &newcomer(their_village)))
    ));
    // Moving one of the street's people to another street is refused too.
    let mut moved = draft(my_village, "搬家人", "110101199003074514")
        .validate(common::test_day())
        .unwrap();
    moved.region_id = their_village;
    assert!(forbidden(store.write(|w| people::update(w, mine, &moved))));
    // In the street, the clerk works as usual.
    let id = store
        .write(|w| people::insert(w, &newcomer(my_village)))
        .unwrap();
    assert!(people::get(&store.read(), id).is_ok());
    // And the change log names the clerk.
    let actor: String = store
        .conn()
        .query_row(
            "SELECT actor FROM changes WHERE table_name = 'people' AND row_id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .unwrap();
    assert!(actor.starts_with("aishan"), "{actor}");
    // The recent changes the clerk is shown are the clerk's own: the log names people of
    // every street.
    let recent = minsheng::store::changes::recent(&store.read(), 1000).unwrap();
    assert!(!recent.is_empty());
    assert!(recent.iter().all(|c| c.actor.starts_with("aishan")));
}

/// The demo's placements on posts of `street` and on posts elsewhere, read as an auditor
/// would, with raw SQL.
fn placements_by_street(store: &Store, street: RegionId) -> (Vec<i64>, Vec<i64>) {
    let ids = |inside: bool| -> Vec<i64> {
        let conn = store.conn();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT pl.id FROM placements pl JOIN posts po ON po.id = pl.post_id
                 JOIN regions r ON r.id = po.region_id
                 WHERE (r.id = ?1 OR r.parent_id = ?1) = {inside} ORDER BY pl.id"
            ))
            .unwrap();
        stmt.query_map([street.0], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    (ids(true), ids(false))
}

#[test]
fn a_clerk_of_one_street_sees_and_works_on_that_streets_posts_only() {
    use minsheng::domain::PlacementId;
    use minsheng::store::{bank, placement_reports, placements, posts};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    let (street, _, _) = aishan_and_people(&store);
    let (mine, theirs) = placements_by_street(&store, street);
    assert!(
        !mine.is_empty() && !theirs.is_empty(),
        "{mine:?} {theirs:?}"
    );
    let approved: String = store
        .conn()
        .query_row(
            "SELECT max(month) FROM subsidy_months WHERE status = 'approved'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let approved: Month = approved.parse().unwrap();
    sign_in(&mut store, "aishan");
    let conn = store.read();

    // Every list holds the street's posts and placements, and nothing else.
    let street_posts =
        posts::list(&conn, &posts::PostFilter::default(), common::test_day()).unwrap();
    assert!(!street_posts.is_empty());
    let street_name: String = store
        .conn()
        .query_row(
            "SELECT short_name FROM regions WHERE id = ?1",
            [street.0],
            |r| r.get(0),
        )
        .unwrap();
    assert!(street_posts.iter().all(|p| p.street == street_name));
    let listed: Vec<i64> = placements::list(&conn, placements::PlacementScope::All, None, "")
        .unwrap()
        .into_iter()
        .map(|p| p.id.0)
        .collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, mine);
    let attendance = payroll::attendance(&conn, approved).unwrap();
    assert!(!attendance.is_empty());
    assert!(attendance.iter().all(|r| mine.contains(&r.placement_id.0)));
    let sheet = placement_reports::sheet(&conn, approved).unwrap();
    assert!(!sheet.is_empty());
    assert!(sheet.iter().all(|l| mine.contains(&l.placement_id.0)));
    assert!(
        placement_reports::checks(&conn, approved)
            .unwrap()
            .iter()
            .all(|f| mine.contains(&f.placement_id.0))
    );
    let figures = placement_reports::figures(&conn, common::test_day()).unwrap();
    assert_eq!(figures.placed_total, mine.len() as i64);
    assert_eq!(figures.by_street.len(), 1, "{:?}", figures.by_street);

    // Another street's placement, read or changed directly, is refused.
    let theirs = PlacementId(theirs[0]);
    let mine = PlacementId(mine[0]);
    assert!(placements::get(&conn, mine).is_ok());
    assert!(forbidden(placements::get(&conn, theirs)));
    assert!(forbidden(minsheng::store::pay_settings::policies(
        &conn, theirs
    )));
    let their_post = store
        .conn()
        .query_row(
            "SELECT post_id FROM placements WHERE id = ?1",
            [theirs.0],
            |r| r.get(0).map(minsheng::domain::PostId),
        )
        .unwrap();
    assert!(forbidden(posts::get(&conn, their_post, common::test_day())));
    let open = approved.next();
    let entered = |store: &Store| -> Vec<(Option<i64>, Option<i64>)> {
        let conn = store.conn();
        let mut stmt = conn
            .prepare(
                "SELECT days_worked, hours_tenths FROM attendance
                 WHERE placement_id = ?1 AND month = ?2",
            )
            .unwrap();
        stmt.query_map(rusqlite::params![theirs.0, open.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let before = entered(&store);
    assert!(forbidden(store.write(|w| payroll::set_attendance(
        w,
        theirs,
        open,
        Some(3),
        None
    ))));
    assert!(forbidden(store.write(|w| placements::exit(
        w,
        theirs,
        common::test_day(),
        minsheng::domain::placement::ExitReason::OtherWork,
        ""
    ))));
    // The whole district's month stays with district-wide grants.
    assert!(forbidden(store.write(|w| payroll::compute(
        w,
        open,
        |_, _| true
    ))));
    assert!(forbidden(bank::bank_file(&store.read(), approved)));
    // What is refused was not written.
    assert_eq!(entered(&store), before);
    // The clerk's export of the approved sheet holds the street's lines and says so.
    let xlsx = dir.path().join("street-sheet.xlsx");
    minsheng::jobs::exports::subsidy_sheet(
        &mut store,
        approved,
        &xlsx,
        minsheng::jobs::exports::Disclosure {
            id_mask: minsheng::domain::mask::MaskPattern::ID_DEFAULT,
            full_ids: false,
        },
        minsheng::i18n::Lang::Zh,
        &Reporter::silent(),
    )
    .unwrap();
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range(&approved.to_string()).unwrap();
    let texts: Vec<String> = range.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&format!("仅含 {street_name} 的岗位"))),
        "{texts:?}"
    );
    // On its own street the clerk enters attendance as usual.
    let result = store.write(|w| payroll::set_attendance(w, mine, open, Some(20), None));
    assert!(
        !matches!(result, Err(StoreError::Forbidden { .. })),
        "{result:?}"
    );
}

#[test]
fn the_account_that_computed_a_sheet_may_not_approve_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "admin");
    let both: Vec<Grant> = [Role::Clerk, Role::Approver]
        .into_iter()
        .map(|role| Grant {
            role,
            area: Area::Placements,
            street: None,
        })
        .collect();
    store
        .write(|w| {
            accounts::create_account(
                w,
                &NewAccount {
                    name: "zhaoliu".into(),
                    display_name: "赵六".into(),
                    password: "both-hands-1".into(),
                    grants: both.clone(),
                },
            )
        })
        .unwrap();
    accounts::sign_out(&mut store).unwrap();
    accounts::sign_in(&mut store, "zhaoliu", "both-hands-1").unwrap();
    let month = Month::of(common::test_day());
    let month: Month = store
        .conn()
        .query_row(
            "SELECT coalesce(max(month), ?1) FROM subsidy_months WHERE status <> 'approved'",
            [month.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    store
        .write(|w| payroll::compute(w, month, |_, _| true))
        .unwrap();
    assert!(matches!(
        store.write(|w| payroll::approve(w, month, common::test_day())),
        Err(StoreError::SameHandApproves)
    ));
    // Another approver is not stopped by it (the demo's open month has findings, which
    // stop the approval for their own reason).
    accounts::sign_out(&mut store).unwrap();
    sign_in(&mut store, "approver");
    let other = store.write(|w| payroll::approve(w, month, common::test_day()));
    assert!(
        !matches!(
            other,
            Err(StoreError::SameHandApproves | StoreError::Forbidden { .. })
        ),
        "{other:?}"
    );
    // The office may turn the rule off; then the same account meets only the month's own
    // reasons.
    accounts::sign_out(&mut store).unwrap();
    sign_in(&mut store, "admin");
    store
        .write(|w| settings::set(w, payroll::SEPARATION_OF_DUTIES, "off"))
        .unwrap();
    accounts::sign_out(&mut store).unwrap();
    accounts::sign_in(&mut store, "zhaoliu", "both-hands-1").unwrap();
    let same = store.write(|w| payroll::approve(w, month, common::test_day()));
    assert!(
        !matches!(same, Err(StoreError::SameHandApproves)),
        "{same:?}"
    );
}

#[test]
fn a_clerk_of_one_street_reveals_only_that_streets_people_and_each_reveal_is_recorded() {
    use minsheng::store::access_log::{self, What};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_ledger(&dir);
    sign_in(&mut store, "aishan");
    let (_, mine, theirs) = aishan_and_people(&store);
    let count = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(&store);
    store
        .write(|w| access_log::record_reveal(w, mine, What::IdNumber, None))
        .unwrap();
    assert_eq!(count(&store), before + 1);
    assert!(forbidden(store.write(|w| access_log::record_reveal(
        w,
        theirs,
        What::IdNumber,
        None
    ))));
    assert_eq!(
        count(&store),
        before + 1,
        "a refused reveal records nothing"
    );
}
