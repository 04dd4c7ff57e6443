//! What the integration tests share: a small region tree and driving the window.

#![allow(dead_code)] // each test file uses part of it

use egui_kittest::Harness;
use minsheng::app::App;
use minsheng::domain::RegionId;
use minsheng::domain::region::RegionLevel;
use minsheng::store::Read;
use minsheng::store::accounts::{self, SignInMode};
use minsheng::store::regions::{self, NewRegion};
use minsheng::store::{Result, Store, Writer};

/// The district, one street, a community and a village: `[district, street, community, village]`.
pub fn small_tree(w: &Writer<'_>) -> Result<[RegionId; 4]> {
    let region = |code: &str, name: &str, level, parent| NewRegion {
        code: code.into(),
        name: name.into(),
        short_name: name.into(),
        level,
        parent_id: parent,
        lon: None,
        lat: None,
    };
    let district = regions::insert(
        w,
        &region("370117000000", "钢城区", RegionLevel::District, None),
    )?;
    let street = regions::insert(
        w,
        &region(
            "370117001000",
            "艾山街道",
            RegionLevel::Street,
            Some(district),
        ),
    )?;
    let community = regions::insert(
        w,
        &region(
            "370117001001",
            "北城子坡社区",
            RegionLevel::Community,
            Some(street),
        ),
    )?;
    let village = regions::insert(
        w,
        &region("370117001200", "古墩村", RegionLevel::Village, Some(street)),
    )?;
    Ok([district, street, community, village])
}

/// The real window over `app`, drawn with the embedded Chinese font whatever this machine
/// has installed (the harness panics on a missing glyph: every label must have one).
///
/// Returned once the first rows asked of the reading thread have arrived, as a user sees
/// the window: a test never looks for a name the window is still reading.
pub fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    settle(&mut h);
    h
}

/// The day every test lives on, so no test depends on when it runs.
pub fn test_day() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 20)
}

/// A store on `path` whose clock always reads [`test_day`].
pub fn open_store(path: impl AsRef<std::path::Path>) -> minsheng::store::Store {
    minsheng::store::Store::open_with(path, minsheng::clock::Clock::fixed_on(test_day()))
        .expect("the test database opens")
}

/// Steps the window until nothing it waits for is under way (jobs, reads) and a couple of
/// frames have settled what that changed; fails after two minutes (generous: a debug build
/// of the demo data on a busy two-core machine takes tens of seconds).
pub fn settle(h: &mut Harness<'_, App>) {
    let mut quiet = 0;
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(120) {
        h.step();
        if h.state().busy() {
            quiet = 0;
            std::thread::sleep(std::time::Duration::from_millis(20));
        } else {
            quiet += 1;
            if quiet >= 3 {
                return;
            }
        }
    }
    panic!("the window kept working for more than two minutes");
}

/// Pay rules as older files had them: `tier`, absence by calendar days with leave counted,
/// and one flat monthly social-insurance subsidy of `subsidy_fen` for urban posts (the
/// employer's share as one amount, nothing deducted from the person), which is how the
/// upgrade to schema 5 keeps an older file's subsidy.
pub fn flat_pay_rules(w: &Writer<'_>, tier: u8, subsidy_fen: i64) -> Result<()> {
    use minsheng::domain::pay::{AbsenceRule, InsuranceRate, PayRules};
    use minsheng::store::{pay_settings, payroll};
    payroll::set_pay_rules(
        w,
        &PayRules {
            tier,
            absence: AbsenceRule::default(),
        },
    )?;
    let flat = InsuranceRate {
        effective_from: jiff::civil::date(2018, 6, 1),
        base_fen: subsidy_fen,
        pension_employer_bp: 10_000,
        medical_employer_bp: 0,
        unemployment_employer_bp: 0,
        injury_employer_bp: 0,
        pension_person_bp: 0,
        medical_person_bp: 0,
        unemployment_person_bp: 0,
    };
    pay_settings::save_insurance_rate(w, &flat, true, "test")
}

/// The id of the seeded hardship category 低保 (minimum living allowance), which the
/// placement rules accept.
pub fn low_income(conn: &Read<'_>) -> minsheng::domain::CategoryId {
    minsheng::store::categories::all(conn)
        .expect("categories")
        .into_iter()
        .find(|c| c.name_zh == "低保")
        .expect("低保 is seeded")
        .id
}

/// The window over `store`, on a ledger that needs no sign-in on this computer (chosen as
/// the first-run screen would, if nobody had): where the UI tests of the ledger's tabs
/// work, acting for the computer's user.
pub fn window(mut store: Store, prefs: minsheng::app::Prefs) -> App {
    if accounts::sign_in_mode(store.conn()).expect("the sign-in mode") == SignInMode::Undecided
        && !store.read_only()
    {
        accounts::choose_no_sign_in(&mut store).expect("no sign-in on this computer");
    }
    App::new(Ok(store), prefs)
}

/// Signs in on the sign-in screen (or the lock screen's password, when `name` is none) as
/// the user would: typing the name and password and pressing the button.
pub fn sign_in(h: &mut Harness<'_, App>, name: &str, password: &str) {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let zh = h.state().prefs.lang == minsheng::i18n::Lang::Zh;
    let (account, secret, button) = if zh {
        ("用户名", "密码", "登录")
    } else {
        ("User name", "Password", "Sign in")
    };
    h.get_by_role_and_label(Role::TextInput, account)
        .set_text_value_accesskit(name);
    h.run_steps(2);
    h.get_by_role_and_label(Role::PasswordInput, secret)
        .set_text_value_accesskit(password);
    h.run_steps(2);
    h.get_by_role_and_label(Role::Button, button).click();
    settle(h);
}

/// Signs in as the demo data's district clerk (see `jobs::demo::DEMO_ACCOUNTS`).
pub fn sign_in_demo_clerk(h: &mut Harness<'_, App>) {
    let clerk = minsheng::jobs::demo::DEMO_ACCOUNTS
        .into_iter()
        .find(|a| a.name == "clerk")
        .expect("the demo has a clerk");
    sign_in(h, clerk.name, clerk.password);
}
