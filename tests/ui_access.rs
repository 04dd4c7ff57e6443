//! The window offers only what the store allows: signed in on the demo ledger's sign-in
//! screen, a viewer sees the people masked and nothing to add, change or compute; the clerk
//! of one street sees only that street's people; a clerk finds approval disabled, saying it
//! needs the approver role.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use minsheng::app::{App, Prefs};
use minsheng::i18n::Lang;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::settings;

/// The street of the demo's street clerk `aishan` (艾山街道).
const AISHAN: &str = "370117001000";

/// The demo ledger (scale 1), made once for the file's tests; each test works on a copy.
fn demo_file() -> &'static Path {
    static FILE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.sqlite");
        let mut store = common::open_store(&path);
        demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
        drop(store);
        (dir, path)
    });
    path
}

/// A copy of the demo ledger in `dir`, nobody signed in.
fn demo_copy(dir: &tempfile::TempDir) -> PathBuf {
    let to = dir.path().join("ledger.sqlite");
    std::fs::copy(demo_file(), &to).expect("copy of the demo ledger");
    to
}

/// A person with a name nobody else has, in 艾山街道 (`in_aishan`) or in another street:
/// (name, full ID number).
fn someone(path: &Path, in_aishan: bool) -> (String, String) {
    let store = common::open_store(path);
    let sql = format!(
        "WITH RECURSIVE up(person, region, level, code) AS (
             SELECT p.id, r.parent_id, r.level, r.code FROM people p
                 JOIN regions r ON r.id = p.region_id WHERE p.deleted_at IS NULL
             UNION ALL
             SELECT up.person, r.parent_id, r.level, r.code FROM up JOIN regions r ON r.id = up.region)
         SELECT p.name, p.id_number FROM people p JOIN up ON up.person = p.id
         WHERE up.level IN ('street', 'function_area') AND (up.code = ?1) = {in_aishan}
           AND p.deleted_at IS NULL
           AND (SELECT count(*) FROM people o WHERE o.name = p.name) = 1
         ORDER BY p.id LIMIT 1"
    );
    store
        .conn()
        .query_row(&sql, [AISHAN], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("a person with a name of their own")
}

/// The window on the ledger at `path`, signed in as the demo account `name` on the sign-in
/// screen, showing `tab`.
fn signed_in(path: &Path, name: &str, tab: &str) -> Harness<'static, App> {
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: tab.into(),
        ..Prefs::default()
    };
    let mut h = common::harness(App::new(Ok(common::open_store(path)), prefs));
    common::settle(&mut h);
    h.get_by_label("登录民生台账");
    let account = demo::DEMO_ACCOUNTS
        .into_iter()
        .find(|a| a.name == name)
        .expect("a demo account");
    common::sign_in(&mut h, account.name, account.password);
    settle(&mut h);
    h.get_by_label("人员与地区");
    h
}

/// Waits as [`common::settle`] does, and two frames more: the people count above the table is
/// drawn before the frame takes the list just read, so it catches up a frame later.
fn settle(h: &mut Harness<'_, App>) {
    common::settle(h);
    h.run_steps(2);
}

/// Types `text` into the people search and waits for the list.
fn search(h: &mut Harness<'_, App>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "搜索")
        .set_text_value_accesskit(text);
    h.run_steps(2);
    // The search waits for typing to pause.
    std::thread::sleep(std::time::Duration::from_millis(250));
    h.run_steps(2);
    settle(h);
}

/// Opens the month's attendance and sheet in the placements tab.
fn month_view(h: &mut Harness<'_, App>) {
    h.get_by_label("岗位安置").click();
    common::settle(h);
    h.get_by_label("考勤与补贴").click();
    common::settle(h);
}

#[test]
fn a_viewer_sees_people_masked_and_nothing_to_add_change_or_compute() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(&dir);
    let (name, id_number) = someone(&path, false);
    let masked = {
        let store = common::open_store(&path);
        let (id, _) = settings::mask_patterns(store.conn()).unwrap();
        id.apply(&id_number)
    };
    assert!(masked.contains('*') && masked != id_number, "{masked}");
    let mut h = signed_in(&path, "viewer", "people");
    assert!(
        h.query_by_label("新增人员").is_none(),
        "a viewer adds nobody"
    );
    search(&mut h, &name);
    h.get_by_label(&name);
    h.get_by_label(&masked);
    assert!(h.query_by_label_contains(&id_number).is_none());
    assert!(
        h.query_by_label("显示").is_none(),
        "a viewer reveals nothing"
    );

    // The person opens read-only: nothing to save, change or delete.
    h.get_by_label(&name).click();
    common::settle(&mut h);
    h.get_by_label("人员信息");
    for button in ["保存", "删除", "编辑"] {
        assert!(
            h.query_by_role_and_label(Role::Button, button).is_none(),
            "{button}"
        );
    }
    let field = h.get_by_role_and_label(Role::TextInput, "姓名");
    assert!(field.accesskit_node().is_disabled());
    assert!(h.query_by_label_contains(&id_number).is_none());

    month_view(&mut h);
    for button in ["计算补贴表", "审核通过"] {
        assert!(
            h.query_by_label(button)
                .is_none_or(|b| b.accesskit_node().is_disabled()),
            "{button}"
        );
    }
}

#[test]
fn the_clerk_of_one_street_sees_only_that_streets_people() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(&dir);
    let (elsewhere, _) = someone(&path, false);
    let (here, _) = someone(&path, true);
    let mut h = signed_in(&path, "aishan", "people");
    search(&mut h, &elsewhere);
    h.get_by_label("共 0 人");
    assert!(
        h.query_all_by_label(&elsewhere)
            .all(|n| n.accesskit_node().role() == Role::TextInput),
        "{elsewhere} of another street is listed"
    );
    search(&mut h, &here);
    h.get_by_label(&here);
    assert!(h.query_by_label("共 0 人").is_none());
    // Their clerk may add people.
    h.get_by_role_and_label(Role::Button, "新增人员");
    // The tree counts the street's people, and no other street's or the district's.
    assert!(h.query_all_by_label_contains("艾山街道 (").next().is_some());
    for elsewhere in ["钢城区 (", "里辛街道 ("] {
        assert!(
            h.query_all_by_label_contains(elsewhere).next().is_none(),
            "{elsewhere}"
        );
    }
    h.get_by_label("里辛街道");
}

#[test]
fn the_clerk_of_one_street_works_on_that_streets_posts_and_leaves_the_sheet_to_the_district() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(&dir);
    // Street short names with a post, read as an auditor would.
    let streets: Vec<(String, bool)> = {
        let store = common::open_store(&path);
        let conn = store.conn();
        let mut stmt = conn
            .prepare(
                "SELECT DISTINCT s.short_name, s.code = ?1 FROM posts po
                 JOIN regions r ON r.id = po.region_id JOIN regions s ON s.id = r.parent_id",
            )
            .unwrap();
        stmt.query_map([AISHAN], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert!(streets.iter().any(|(_, mine)| *mine));
    assert!(streets.iter().any(|(_, mine)| !*mine));
    // The tab opens on its list of posts.
    let mut h = signed_in(&path, "aishan", "placements");
    for (street, mine) in &streets {
        let shown = h.query_all_by_label_contains(street).next().is_some();
        assert_eq!(shown, *mine, "{street}");
    }
    // The month's sheet is computed for the whole district, not by a street's clerk.
    month_view(&mut h);
    let compute = h.get_by_role_and_label(Role::Button, "计算补贴表");
    let node = compute.accesskit_node();
    assert!(node.is_disabled());
    assert_eq!(
        node.description().as_deref(),
        Some("需要全区的经办人权限（您的账号只管本街道）")
    );
}

#[test]
fn a_clerk_finds_approval_disabled_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(&dir);
    let mut h = signed_in(&path, "clerk", "people");
    h.get_by_role_and_label(Role::Button, "新增人员");
    month_view(&mut h);
    let approve = h.get_by_role_and_label(Role::Button, "审核通过");
    let node = approve.accesskit_node();
    assert!(node.is_disabled());
    assert_eq!(node.description().as_deref(), Some("需要审核人权限"));
    // Computing is the clerk's.
    let compute = h.get_by_role_and_label(Role::Button, "计算补贴表");
    assert_eq!(compute.accesskit_node().description(), None);
}

#[test]
fn an_account_of_the_registry_alone_sees_no_placements() {
    use minsheng::domain::access::{Area, Grant, Role as UserRole};
    use minsheng::store::accounts::{self, NewAccount};
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(&dir);
    {
        let mut store = common::open_store(&path);
        let admin = demo::DEMO_ACCOUNTS[0];
        accounts::sign_in(&mut store, admin.name, admin.password).unwrap();
        store
            .write(|w| {
                accounts::create_account(
                    w,
                    &NewAccount {
                        name: "huji".into(),
                        display_name: "户籍查看".into(),
                        password: "registry-only-1".into(),
                        grants: vec![Grant {
                            role: UserRole::Viewer,
                            area: Area::Registry,
                            street: None,
                        }],
                    },
                )
            })
            .unwrap();
    }
    let prefs = Prefs {
        lang: Lang::Zh,
        // Remembered from someone else's run: gives way to a tab this account sees.
        tab: "placements".into(),
        ..Prefs::default()
    };
    let mut h = common::harness(App::new(Ok(common::open_store(&path)), prefs));
    common::settle(&mut h);
    common::sign_in(&mut h, "huji", "registry-only-1");
    settle(&mut h);
    h.get_by_label("人员与地区");
    assert!(h.query_by_label("岗位安置").is_none());
    assert!(h.query_by_label("新增人员").is_none());
    h.get_by_label("共 1000 人");
}

/// A read the store refuses shows as the refusal where the rows would be, never as an empty
/// table.
#[test]
fn a_refused_read_shows_the_refusal() {
    use minsheng::domain::PersonId;
    use minsheng::store::{accounts, people};
    use minsheng::ui::loaded::Loaded;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(&dir);
    let (elsewhere, _) = someone(&path, false);
    let mut store = common::open_store(&path);
    let id: i64 = store
        .conn()
        .query_row("SELECT id FROM people WHERE name = ?1", [&elsewhere], |r| {
            r.get(0)
        })
        .unwrap();
    let aishan = demo::DEMO_ACCOUNTS[2];
    assert_eq!(aishan.name, "aishan");
    accounts::sign_in(&mut store, aishan.name, aishan.password).unwrap();
    let mut loaded: Loaded<u8, people::Person> = Loaded::default();
    loaded.ensure_now(&store.read(), 1, |r| people::get(r, PersonId(id)));
    let mut shown_rows = true;
    let mut h = Harness::builder()
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui(|ui| {
            shown_rows = loaded.status_ui(ui, Lang::Zh).is_some();
        });
    h.run();
    h.get_by_label_contains("您的账号只能查看本街道（镇）的“人员与区划”记录");
    drop(h);
    assert!(!shown_rows);
}
