//! The Job placements tab driven headless: create a post, be refused without training,
//! place with training, fill in attendance, compute and approve, then find the month locked.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minsheng::app::{App, Prefs};
use minsheng::domain::pay::Month;
use minsheng::domain::person::PersonDraft;
use minsheng::i18n::Lang;
use minsheng::store::payroll::{self, MonthStatus};
use minsheng::store::{people, placements, posts};

fn harness(dir: &tempfile::TempDir) -> Harness<'static, App> {
    let mut store = common::open_store(dir.path().join("ui.sqlite"));
    let low_income = common::low_income(&store.read());
    store
        .write(|w| {
            let [_, _, v, _] = common::small_tree(w)?;
            let person = PersonDraft {
                name: "蒋英花".into(),
                id_number: "371203197703010026".into(),
                region_id: Some(v),
                categories: vec![low_income],
                ..PersonDraft::default()
            };
            people::insert(w, &person.validate(common::test_day()).expect("valid"))?;
            Ok(())
        })
        .unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "placements".into(),
        ..Prefs::default()
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), common::window(store, prefs));
    common::settle(&mut h);
    h
}

fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    common::settle(h);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    common::settle(h);
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    let matches = h.query_all_by_role_and_label(Role::Button, label).count();
    assert_eq!(matches, 1, "expected one button {label:?}, found {matches}");
    h.get_by_role_and_label(Role::Button, label).click();
    common::settle(h);
}

#[test]
fn post_placement_attendance_and_approval_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);

    // A new post in the community.
    click(&mut h, "新建岗位");
    type_into(&mut h, "岗位", "保洁员");
    type_into(&mut h, "用工单位", "北城子坡社区居民委员会");
    // A rural post, paid by the hour.
    h.get_by_role_and_label(Role::RadioButton, "乡村").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::ComboBox, "村居").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::Button, "北城子坡社区")
        .click();
    common::settle(&mut h);
    click(&mut h, "保存");
    let list = posts::list(
        &h.state().store().unwrap().read(),
        &Default::default(),
        common::test_day(),
    )
    .unwrap();
    assert_eq!(list.len(), 1);

    // Place a person: without a passed training it is refused with the reason.
    h.get_by_label("保洁员").click();
    common::settle(&mut h);
    click(&mut h, "安排上岗");
    type_into(&mut h, "查找人员", "蒋英");
    h.get_by_label_contains("蒋英花").click();
    common::settle(&mut h);
    click(&mut h, "确认上岗");
    h.get_by_label("没有通过培训，不能上岗（先培训、后上岗）。");
    let active = |h: &Harness<'_, App>| {
        placements::list(
            &h.state().store().unwrap().read(),
            placements::PlacementScope::Active,
            None,
            "",
        )
        .unwrap()
    };
    assert!(active(&h).is_empty());
    h.get_by_role_and_label(Role::CheckBox, "培训合格").click();
    common::settle(&mut h);
    click(&mut h, "确认上岗");
    let placed = active(&h);
    assert_eq!(placed.len(), 1);
    assert_eq!(placed[0].name, "蒋英花");

    // This month's attendance, then compute and approve.
    h.get_by_label("考勤与补贴").click();
    common::settle(&mut h);
    type_into(&mut h, "小时", "7.5");
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    let month = Month::of(common::test_day());
    let rows = payroll::attendance(&h.state().store().unwrap().read(), month).unwrap();
    assert_eq!(rows[0].hours_tenths, Some(75));
    // The job wakes the window while it runs, so step rather than run until idle.
    h.get_by_role_and_label(Role::Button, "计算补贴表").click();
    h.step();
    common::settle(&mut h);
    // This month has not ended (the clock reads 2026-11-20): approval is refused at once.
    click(&mut h, "审核通过");
    h.get_by_label("本月尚未结束，不能审核。");
    let conn = &h.state().store().unwrap().read();
    assert_eq!(
        payroll::month_status(conn, month).unwrap(),
        MonthStatus::Computed
    );
    assert!(h.query_by_label("确认审核").is_none());
    // 7.5 hours at tier 2's 19.00 yuan an hour.
    let sheet = minsheng::store::placement_reports::sheet(conn, month).unwrap();
    assert_eq!(sheet.iter().map(|l| l.total_fen).sum::<i64>(), 14_250);

    // The person's record in the registry lists the placement.
    h.get_by_label("人员与地区").click();
    common::settle(&mut h);
    h.get_by_label("蒋英花").click();
    common::settle(&mut h);
    h.get_by_label("上岗记录");
    h.get_by_label_contains("保洁员 · 北城子坡社区");
}

#[test]
fn a_person_can_be_registered_on_the_spot_while_placing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);
    let store = h.state_mut().store_mut().unwrap();
    let village = minsheng::store::regions::all(&store.read())
        .unwrap()
        .into_iter()
        .find(|r| r.short_name == "北城子坡社区")
        .unwrap()
        .id;
    store
        .write(|w| {
            let post = posts::NewPost {
                title: "网格员".into(),
                category: minsheng::domain::placement::PostCategory::SocialGovernance,
                area: minsheng::domain::pay::Area::Urban,
                host_unit: "社区居民委员会".into(),
                region_id: village,
                headcount: 2,
                monthly_hours_tenths: None,
                min_hours_tenths: None,
                max_hours_tenths: None,
                funded_from: jiff::civil::date(2026, 1, 1),
                funded_to: jiff::civil::date(2028, 12, 31),
                status: minsheng::domain::placement::PostStatus::Open,
            };
            posts::insert(w, &post).map(|_| ())
        })
        .unwrap();
    common::settle(&mut h);
    h.get_by_label("网格员").click();
    common::settle(&mut h);
    click(&mut h, "安排上岗");
    click(&mut h, "现场登记");
    type_into(&mut h, "姓名", "王芳");
    type_into(&mut h, "身份证号", "37120319850612001X");
    h.get_by_label("所属村居").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::Button, "北城子坡社区")
        .click();
    common::settle(&mut h);
    click(&mut h, "保存");
    h.get_by_label("王芳");
    assert_eq!(
        people::count(&h.state().store().unwrap().read()).unwrap(),
        2
    );
}

/// The pay rules in Settings: the shipped social-insurance rates and retirement ages are
/// shown marked to check; choosing 21.75 paid days is saved and said in words.
#[test]
fn pay_rules_in_settings_show_their_marks_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("ui.sqlite"));
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "settings".into(),
        ..Prefs::default()
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 4000.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), common::window(store, prefs));
    common::settle(&mut h);
    h.get_by_label("社保缴费基数和费率");
    h.get_by_label("4416.00");
    h.get_by_label("女工人（原50岁）");
    // 6 wage rows, 1 insurance row and 3 retirement rules, all to check.
    let marks = h
        .query_all_by_role_and_label(Role::Button, "待核实，标记已核实")
        .count();
    assert_eq!(marks, 10);
    h.get_by_role_and_label(Role::RadioButton, "按21.75计薪天数")
        .click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::CheckBox, "经批准的假期计入出勤")
        .click();
    common::settle(&mut h);
    // The placement rules' save button: the first one below the leave checkbox.
    let below = h
        .get_by_role_and_label(Role::CheckBox, "经批准的假期计入出勤")
        .rect()
        .bottom();
    let save = h
        .query_all_by_role_and_label(Role::Button, "保存")
        .filter(|b| b.rect().top() >= below)
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("a save button under the pay rules");
    save.click();
    common::settle(&mut h);
    let rules = payroll::pay_rules(&h.state().store().unwrap().read()).unwrap();
    assert_eq!(
        rules.absence,
        minsheng::domain::pay::AbsenceRule {
            basis: minsheng::domain::pay::AbsenceBasis::PaidDays { hundredths: 2175 },
            leave_counts: false,
        }
    );
    let words = payroll::rule_in_words(&rules);
    assert!(words.get(Lang::Zh).contains("21.75（计薪天数）"));
    assert!(words.get(Lang::Zh).contains("假期不计入出勤"));
}
