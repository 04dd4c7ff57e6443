//! Accounts and signing in: the first administrator, right and wrong passwords, the wait
//! after wrong ones, disabled accounts, passwords changed and reset (and never logged),
//! only administrators keeping accounts, the last administrator kept.

use crate::common;

use jiff::SignedDuration;
use minsheng::clock::Clock;
use minsheng::domain::RegionId;
use minsheng::domain::access::{Area, Grant, Role, Session};
use minsheng::jobs::{Reporter, demo};
use minsheng::store::accounts::{self, NewAccount, SignInMode};
use minsheng::store::{AccountRule, Store, StoreError};

const ADMIN_PW: &str = "admin-pass-1";
const CLERK_PW: &str = "clerk-pass-1";

fn everywhere(role: Role) -> Vec<Grant> {
    Area::ALL
        .into_iter()
        .map(|area| Grant {
            role,
            area,
            street: None,
        })
        .collect()
}

/// A ledger with its first administrator `wangkz` (signed in) and a clerk `lihua`, on a
/// clock the test moves.
fn ledger(dir: &tempfile::TempDir) -> (Store, Clock, i64) {
    let clock = Clock::manual_on(common::test_day());
    let mut store = Store::open_with(dir.path().join("acc.sqlite"), clock.clone()).unwrap();
    assert_eq!(
        accounts::sign_in_mode(store.conn()).unwrap(),
        SignInMode::Undecided
    );
    // The places, entered before anyone decided about accounts (with every permission).
    store.write(common::small_tree).unwrap();
    accounts::create_first_admin(&mut store, "wangkz", "王科长", ADMIN_PW).unwrap();
    let clerk = store
        .write(|w| {
            accounts::create_account(
                w,
                &NewAccount {
                    name: "lihua".into(),
                    display_name: "李华".into(),
                    password: CLERK_PW.into(),
                    grants: everywhere(Role::Clerk),
                },
            )
        })
        .unwrap();
    (store, clock, clerk)
}

fn is_rule(result: Result<(), StoreError>, rule: AccountRule) -> bool {
    matches!(result, Err(StoreError::Account(r)) if r == rule)
}

#[test]
fn the_first_administrator_signs_in_and_the_ledger_then_asks_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, _) = ledger(&dir);
    let session = store.session().clone();
    assert_eq!(session.name, "wangkz（王科长）");
    assert!(session.keeps_accounts());
    assert_eq!(session.grants, everywhere(Role::Admin));
    assert!(
        !session.has_role(Role::Clerk),
        "an administrator enters nothing"
    );
    assert_eq!(
        accounts::sign_in_mode(store.conn()).unwrap(),
        SignInMode::Required
    );
    assert!(is_rule(
        accounts::create_first_admin(&mut store, "other", "", "another-pass"),
        AccountRule::AlreadySetUp
    ));
    let path = store.path().to_path_buf();
    drop(store);
    // Opened again, nobody is signed in, and nothing may be read.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.session(), &Session::nobody());
    assert!(matches!(
        accounts::accounts(&store.read()),
        Err(StoreError::NotSignedIn)
    ));
    // The clerk account was made by the administrator, under their name.
    let actors: Vec<(String, String)> = store
        .conn()
        .prepare("SELECT table_name, actor FROM changes ORDER BY seq")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(actors.contains(&("accounts".into(), "wangkz（王科长）".into())));
    assert!(actors.iter().any(|(t, _)| t == "settings"), "{actors:?}");
}

#[test]
fn a_right_password_signs_in_and_a_wrong_name_or_password_says_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, clerk) = ledger(&dir);
    accounts::sign_out(&mut store).unwrap();
    assert_eq!(store.session(), &Session::nobody());
    let wrong_pw = accounts::sign_in(&mut store, "lihua", "not-the-password");
    let wrong_name = accounts::sign_in(&mut store, "nobody", CLERK_PW);
    assert!(matches!(wrong_pw, Err(StoreError::WrongNameOrPassword)));
    assert!(matches!(wrong_name, Err(StoreError::WrongNameOrPassword)));
    assert_eq!(
        wrong_pw.unwrap_err().message(),
        wrong_name.unwrap_err().message()
    );
    assert_eq!(store.session(), &Session::nobody());
    // Names differ by more than case.
    accounts::sign_in(&mut store, "LiHua", CLERK_PW).unwrap();
    assert_eq!(store.session().user, Some(clerk));
    assert_eq!(store.session().name, "lihua（李华）");
    assert_eq!(store.session().grants, everywhere(Role::Clerk));
}

#[test]
fn three_wrong_passwords_then_a_wait_that_doubles_and_a_right_one_ends_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, clock, _) = ledger(&dir);
    accounts::sign_out(&mut store).unwrap();
    for _ in 0..3 {
        assert!(matches!(
            accounts::sign_in(&mut store, "lihua", "wrong-wrong"),
            Err(StoreError::WrongNameOrPassword)
        ));
    }
    // Even the right password waits, and the wait is said in seconds.
    let waiting = accounts::sign_in(&mut store, "lihua", CLERK_PW);
    assert!(matches!(waiting, Err(StoreError::MustWait { seconds: 30 })));
    assert_eq!(
        waiting.unwrap_err().message().get(minsheng::i18n::Lang::Zh),
        "密码错误次数太多，请 30 秒后再试。"
    );
    clock.advance(SignedDuration::from_secs(29));
    assert!(matches!(
        accounts::sign_in(&mut store, "lihua", CLERK_PW),
        Err(StoreError::MustWait { seconds: 1 })
    ));
    clock.advance(SignedDuration::from_secs(1));
    // A fourth wrong one: twice as long.
    assert!(matches!(
        accounts::sign_in(&mut store, "lihua", "wrong-wrong"),
        Err(StoreError::WrongNameOrPassword)
    ));
    assert!(matches!(
        accounts::sign_in(&mut store, "lihua", CLERK_PW),
        Err(StoreError::MustWait { seconds: 60 })
    ));
    // The wait holds for another window, too: it is kept in the file.
    let mut other = Store::open_with(store.path(), clock.clone()).unwrap();
    assert!(matches!(
        accounts::sign_in(&mut other, "lihua", CLERK_PW),
        Err(StoreError::MustWait { seconds: 60 })
    ));
    clock.advance(SignedDuration::from_secs(60));
    accounts::sign_in(&mut store, "lihua", CLERK_PW).unwrap();
    // The count starts again from nothing.
    accounts::sign_out(&mut store).unwrap();
    for _ in 0..2 {
        let _ = accounts::sign_in(&mut store, "lihua", "wrong-wrong");
    }
    accounts::sign_in(&mut store, "lihua", CLERK_PW).unwrap();
    // The wait is capped at fifteen minutes.
    accounts::sign_out(&mut store).unwrap();
    for _ in 0..12 {
        let _ = accounts::sign_in(&mut store, "lihua", "wrong-wrong");
        clock.advance(SignedDuration::from_secs(3600));
    }
    clock.advance(SignedDuration::from_secs(-3600));
    let _ = accounts::sign_in(&mut store, "lihua", "wrong-wrong");
    assert!(matches!(
        accounts::sign_in(&mut store, "lihua", CLERK_PW),
        Err(StoreError::MustWait { seconds: 900 })
    ));
}

#[test]
fn a_disabled_account_can_not_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, clerk) = ledger(&dir);
    store
        .write(|w| accounts::set_disabled(w, clerk, true))
        .unwrap();
    accounts::sign_out(&mut store).unwrap();
    assert!(matches!(
        accounts::sign_in(&mut store, "lihua", CLERK_PW),
        Err(StoreError::AccountDisabled)
    ));
    // A wrong password does not tell that the account exists but is disabled.
    assert!(matches!(
        accounts::sign_in(&mut store, "lihua", "wrong-wrong"),
        Err(StoreError::WrongNameOrPassword)
    ));
    assert_eq!(store.session(), &Session::nobody());
    accounts::sign_in(&mut store, "wangkz", ADMIN_PW).unwrap();
    store
        .write(|w| accounts::set_disabled(w, clerk, false))
        .unwrap();
    accounts::sign_in(&mut store, "lihua", CLERK_PW).unwrap();
}

#[test]
fn passwords_changed_and_reset_are_logged_without_the_hash() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, clerk) = ledger(&dir);
    accounts::reset_password(&mut store, clerk, "reset-by-admin").unwrap();
    accounts::sign_in(&mut store, "lihua", "reset-by-admin").unwrap();
    assert!(is_rule(
        accounts::change_own_password(&mut store, "reset-by-admin", "short"),
        AccountRule::PasswordTooShort
    ));
    assert!(matches!(
        accounts::change_own_password(&mut store, "not-mine-at-all", "my-own-secret"),
        Err(StoreError::WrongNameOrPassword)
    ));
    accounts::change_own_password(&mut store, "reset-by-admin", "my-own-secret").unwrap();
    accounts::sign_out(&mut store).unwrap();
    assert!(accounts::sign_in(&mut store, "lihua", "reset-by-admin").is_err());
    accounts::sign_in(&mut store, "lihua", "my-own-secret").unwrap();

    // Who reset whose, and the clerk's own change, as the log keeps them.
    let entries = minsheng::store::changes::entries_for(&store.read(), "accounts", clerk).unwrap();
    let by: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            let after: serde_json::Value =
                serde_json::from_str(e.after.as_deref().unwrap()).unwrap();
            (
                e.actor.clone(),
                after["password_changed_by"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        by,
        [
            ("wangkz（王科长）".into(), "wangkz（王科长）".into()),
            ("wangkz（王科长）".into(), "wangkz（王科长）".into()),
            ("lihua（李华）".into(), "lihua（李华）".into()),
        ]
    );
    // Read raw: no entry anywhere holds a hash, nor the failure counters.
    let rows: Vec<String> = store
        .conn()
        .prepare("SELECT coalesce(before, '') || coalesce(after, '') FROM changes")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(rows.iter().any(|r| r.contains("lihua")));
    for row in rows {
        assert!(!row.contains("argon2"), "{row}");
        assert!(!row.contains("password_hash"), "{row}");
        assert!(!row.contains("failed_count"), "{row}");
    }
}

#[test]
fn only_an_administrator_of_the_whole_district_keeps_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, clerk) = ledger(&dir);
    let new = NewAccount {
        name: "zhang".into(),
        display_name: String::new(),
        password: "zhang-pass-1".into(),
        grants: everywhere(Role::Viewer),
    };
    accounts::sign_in(&mut store, "lihua", CLERK_PW).unwrap();
    let refused = |r: Result<(), StoreError>| matches!(r, Err(StoreError::AccountsOnlyAdmin));
    assert!(matches!(
        accounts::accounts(&store.read()),
        Err(StoreError::AccountsOnlyAdmin)
    ));
    assert!(refused(
        store.write(|w| accounts::create_account(w, &new).map(drop))
    ));
    assert!(refused(store.write(|w| accounts::set_grants(
        w,
        clerk,
        &everywhere(Role::Admin)
    ))));
    assert!(refused(store.write(|w| accounts::set_disabled(w, 1, true))));
    assert!(refused(accounts::reset_password(
        &mut store,
        1,
        "taken-over"
    )));
    assert!(refused(accounts::choose_no_sign_in(&mut store)));
    // An administrator of one street is not one of the whole district.
    accounts::sign_in(&mut store, "wangkz", ADMIN_PW).unwrap();
    let street = store
        .conn()
        .query_row("SELECT id FROM regions WHERE level = 'street'", [], |r| {
            r.get(0)
        })
        .map(RegionId)
        .unwrap();
    let street_admin = vec![Grant {
        role: Role::Admin,
        area: Area::Registry,
        street: Some(street),
    }];
    store
        .write(|w| accounts::set_grants(w, clerk, &street_admin))
        .unwrap();
    accounts::sign_in(&mut store, "lihua", CLERK_PW).unwrap();
    assert!(refused(
        store.write(|w| accounts::create_account(w, &new).map(drop))
    ));
    // The administrator does it all, and a name is taken whatever its case.
    accounts::sign_in(&mut store, "wangkz", ADMIN_PW).unwrap();
    let listed = accounts::accounts(&store.read()).unwrap();
    assert_eq!(
        listed.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["lihua", "wangkz"]
    );
    assert_eq!(listed[0].grants, street_admin);
    store
        .write(|w| accounts::create_account(w, &new).map(drop))
        .unwrap();
    let again = NewAccount {
        name: "ZHANG".into(),
        ..new.clone()
    };
    assert!(is_rule(
        store.write(|w| accounts::create_account(w, &again).map(drop)),
        AccountRule::NameTaken
    ));
    // A grant for one street names a street, not a village.
    let village = store
        .conn()
        .query_row("SELECT id FROM regions WHERE level = 'village'", [], |r| {
            r.get(0)
        })
        .map(RegionId)
        .unwrap();
    let bad = [Grant {
        role: Role::Clerk,
        area: Area::Registry,
        street: Some(village),
    }];
    assert!(is_rule(
        store.write(|w| accounts::set_grants(w, clerk, &bad)),
        AccountRule::NotAStreet
    ));
}

#[test]
fn the_last_administrator_of_the_district_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, clerk) = ledger(&dir);
    let admin = store.session().user.unwrap();
    assert!(is_rule(
        store.write(|w| accounts::set_disabled(w, admin, true)),
        AccountRule::LastAdmin
    ));
    assert!(is_rule(
        store.write(|w| accounts::set_grants(w, admin, &everywhere(Role::Clerk))),
        AccountRule::LastAdmin
    ));
    // With a second administrator, the first may step down.
    store
        .write(|w| accounts::set_grants(w, clerk, &everywhere(Role::Admin)))
        .unwrap();
    store
        .write(|w| accounts::set_disabled(w, admin, true))
        .unwrap();
    assert!(is_rule(
        store.write(|w| accounts::set_disabled(w, clerk, true)),
        AccountRule::LastAdmin
    ));
}

#[test]
fn no_sign_in_on_this_computer_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("solo.sqlite");
    let mut store = common::open_store(&path);
    assert!(store.session().keeps_accounts(), "undecided: unrestricted");
    assert!(is_rule(
        accounts::require_sign_in(&mut store),
        AccountRule::NoAdmin
    ));
    accounts::choose_no_sign_in(&mut store).unwrap();
    drop(store);
    let mut store = common::open_store(&path);
    assert_eq!(
        accounts::sign_in_mode(store.conn()).unwrap(),
        SignInMode::NotRequired
    );
    assert!(store.session().keeps_accounts());
    assert_eq!(store.session().user, None);
    // The computer's user makes an administrator, then requires a sign-in: from then on the
    // window acts for nobody until someone signs in.
    store
        .write(|w| {
            accounts::create_account(
                w,
                &NewAccount {
                    name: "admin".into(),
                    display_name: String::new(),
                    password: ADMIN_PW.into(),
                    grants: everywhere(Role::Admin),
                },
            )
        })
        .unwrap();
    accounts::require_sign_in(&mut store).unwrap();
    assert_eq!(store.session(), &Session::nobody());
    accounts::sign_in(&mut store, "admin", ADMIN_PW).unwrap();
    assert_eq!(store.session().name, "admin");
}

#[test]
fn a_job_acts_for_whoever_signed_in_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, clerk) = ledger(&dir);
    accounts::sign_in(&mut store, "lihua", CLERK_PW).unwrap();
    let job = store.source().open().unwrap();
    assert_eq!(job.session().user, Some(clerk));
    accounts::sign_out(&mut store).unwrap();
    let job = store.source().open().unwrap();
    assert_eq!(job.session(), &Session::nobody());
}

#[test]
fn the_demo_ledger_has_one_account_per_role_and_asks_for_a_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    let mut store = common::open_store(&path);
    demo::generate(&mut store, 1, &Reporter::silent()).unwrap();
    drop(store);
    let mut store = common::open_store(&path);
    assert_eq!(store.session(), &Session::nobody());
    for account in demo::DEMO_ACCOUNTS {
        accounts::sign_in(&mut store, account.name, account.password).unwrap();
        let session = store.session();
        assert!(session.has_role(account.role), "{}", account.name);
        assert_eq!(
            session.grants.iter().all(|g| g.street.is_some()),
            account.one_street
        );
    }
    // The tree alone is for real work: no known passwords in it.
    let tree = dir.path().join("tree.sqlite");
    let mut store = common::open_store(&tree);
    demo::generate(&mut store, 0, &Reporter::silent()).unwrap();
    assert!(!accounts::any_account(store.conn()).unwrap());
    assert_eq!(
        accounts::sign_in_mode(store.conn()).unwrap(),
        SignInMode::Undecided
    );
}

mod window {
    use super::*;
    use egui::accesskit::Role as A11y;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use minsheng::app::{App, Prefs};
    use minsheng::i18n::Lang;

    fn zh() -> Prefs {
        Prefs {
            lang: Lang::Zh,
            tab: "people".into(),
            ..Prefs::default()
        }
    }

    fn type_into(h: &mut Harness<'_, App>, role: A11y, label: &str, text: &str) {
        h.get_by_role_and_label(role, label)
            .set_text_value_accesskit(text);
        h.run_steps(2);
    }

    #[test]
    fn the_first_run_screen_makes_the_administrator_and_shows_the_tabs() {
        let dir = tempfile::tempdir().unwrap();
        let store = common::open_store(dir.path().join("first.sqlite"));
        let mut h = common::harness(App::new(Ok(store), zh()));
        common::settle(&mut h);
        h.get_by_label("首次使用：谁来使用这个台账？");
        h.get_by_label("本机不需要登录");
        assert!(h.query_by_label("人员与地区").is_none(), "no tab yet");
        type_into(&mut h, A11y::TextInput, "用户名", "wangkz");
        type_into(&mut h, A11y::TextInput, "姓名", "王科长");
        type_into(&mut h, A11y::PasswordInput, "密码", "first-admin-1");
        type_into(&mut h, A11y::PasswordInput, "再次输入密码", "first-admin-2");
        h.get_by_role_and_label(A11y::Button, "创建并登录").click();
        common::settle(&mut h);
        h.get_by_label("两次输入的密码不一致。");
        type_into(&mut h, A11y::PasswordInput, "再次输入密码", "first-admin-1");
        h.get_by_role_and_label(A11y::Button, "创建并登录").click();
        common::settle(&mut h);
        h.get_by_label("人员与地区");
        h.get_by_label("当前用户：wangkz（王科长）");
        h.get_by_role_and_label(A11y::Button, "退出登录");
        let store = h.state().store().unwrap();
        assert_eq!(store.session().name, "wangkz（王科长）");
        assert_eq!(
            accounts::sign_in_mode(store.conn()).unwrap(),
            SignInMode::Required
        );
    }

    /// A newcomer who loaded the demo is never locked out: its sign-in screen lists the
    /// demo's accounts and passwords, and one of them signs in.
    #[test]
    fn the_demo_ledgers_sign_in_screen_lists_its_accounts() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = common::open_store(dir.path().join("demo.sqlite"));
        demo::generate(&mut store, 1, &Reporter::silent()).unwrap();
        let path = store.path().to_path_buf();
        drop(store);
        let mut h = common::harness(App::new(Ok(common::open_store(&path)), zh()));
        common::settle(&mut h);
        h.get_by_label("登录民生台账");
        for account in demo::DEMO_ACCOUNTS {
            h.get_by_label(account.password);
        }
        common::sign_in(&mut h, "viewer", "demo-viewer-2026");
        h.get_by_label("人员与地区");
        assert!(h.query_by_label("demo-viewer-2026").is_none());
    }

    #[test]
    fn the_sign_in_screen_shows_nothing_of_the_ledger_until_the_password_is_right() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _, _) = ledger(&dir);
        let path = store.path().to_path_buf();
        drop(store);
        let store = common::open_store(&path);
        let mut h = common::harness(App::new(Ok(store), zh()));
        common::settle(&mut h);
        h.get_by_label("登录民生台账");
        assert!(h.query_by_label("人员与地区").is_none());
        assert!(h.query_by_label("设置").is_none());
        // A real ledger lists no accounts, let alone passwords.
        assert!(h.query_by_label("demo-admin-2026").is_none());
        common::sign_in(&mut h, "lihua", "wrong-password");
        h.get_by_label("账号或密码不对。");
        assert!(h.query_by_label("人员与地区").is_none());
        common::sign_in(&mut h, "lihua", CLERK_PW);
        h.get_by_label("人员与地区");
        h.get_by_label("当前用户：lihua（李华）");
        // Signing out shows the sign-in screen again.
        h.get_by_role_and_label(A11y::Button, "退出登录").click();
        common::settle(&mut h);
        h.get_by_label("登录民生台账");
        assert!(h.query_by_label("人员与地区").is_none());
    }

    #[test]
    fn the_idle_lock_hides_the_people_and_the_password_brings_back_the_half_typed_form() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, clock, _) = ledger(&dir);
        accounts::sign_in(&mut store, "lihua", CLERK_PW).unwrap();
        let mut h = common::harness(App::new(Ok(store), zh()));
        common::settle(&mut h);
        h.get_by_role_and_label(A11y::Button, "新增人员").click();
        common::settle(&mut h);
        h.get_by_role_and_label(A11y::TextInput, "姓名").click();
        common::settle(&mut h);
        h.get_by_role_and_label(A11y::TextInput, "姓名")
            .type_text("蒋英");
        common::settle(&mut h);
        h.get_by_label_contains("钢城区");

        // Nine idle minutes: still open. Ten: locked, and nothing of the ledger is drawn.
        clock.advance(SignedDuration::from_mins(9));
        h.run_steps(2);
        assert!(!h.state().locked());
        clock.advance(SignedDuration::from_mins(1));
        h.run_steps(2);
        assert!(h.state().locked());
        h.get_by_label("窗口已锁定");
        assert!(h.query_by_label_contains("钢城区").is_none());
        assert!(h.query_by_label("人员与地区").is_none());
        assert!(h.query_by_role_and_label(A11y::TextInput, "姓名").is_none());

        type_into(&mut h, A11y::PasswordInput, "密码", "not-my-password");
        h.get_by_role_and_label(A11y::Button, "解锁").click();
        common::settle(&mut h);
        h.get_by_label("账号或密码不对。");
        assert!(h.state().locked());
        type_into(&mut h, A11y::PasswordInput, "密码", CLERK_PW);
        h.get_by_role_and_label(A11y::Button, "解锁").click();
        common::settle(&mut h);
        assert!(!h.state().locked());
        h.get_by_label_contains("钢城区");
        let field = h.get_by_role_and_label(A11y::TextInput, "姓名");
        assert_eq!(field.value().as_deref(), Some("蒋英"));
    }
}
