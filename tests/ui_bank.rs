//! Paying through the bank and the notice before placement, driven headless: the bank file's
//! preview from the month view, the account on the person form, candidates on the notice
//! page with the period a notice made today stands for.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::civil::date;
use minsheng::app::{App, Prefs};
use minsheng::domain::pay::{Area, Month};
use minsheng::domain::person::PersonDraft;
use minsheng::domain::placement::{PostCategory, PostStatus};
use minsheng::i18n::Lang;
use minsheng::store::bank::{self, NewAccount};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::{payroll, people, posts};

/// 蒋英花 and 李建国 placed on an urban post all October 2026, approved; only 蒋英花 has an
/// account. 王芳 is registered, not placed. The window opens on `tab`.
fn harness(dir: &tempfile::TempDir, tab: &str) -> Harness<'static, App> {
    let mut store = common::open_store(dir.path().join("ui.sqlite"));
    let low_income = common::low_income(&store.read());
    store
        .write(|w| {
            let [_, _, v, _] = common::small_tree(w)?;
            common::flat_pay_rules(w, 1, 50_000)?;
            let post = posts::insert(
                w,
                &posts::NewPost {
                    title: "保洁员".into(),
                    category: PostCategory::FacilityMaintenance,
                    area: Area::Urban,
                    host_unit: "社区居民委员会".into(),
                    region_id: v,
                    headcount: 4,
                    monthly_hours_tenths: None,
                    min_hours_tenths: None,
                    max_hours_tenths: None,
                    funded_from: date(2026, 1, 1),
                    funded_to: date(2028, 12, 31),
                    status: PostStatus::Open,
                },
            )?;
            for (name, id) in [
                ("蒋英花", "371203197703010026"),
                ("李建国", "37120319850612001X"),
                ("王芳", "371203198211050026"),
            ] {
                let person = PersonDraft {
                    name: name.into(),
                    id_number: id.into(),
                    region_id: Some(v),
                    categories: vec![low_income],
                    ..PersonDraft::default()
                };
                let id = people::insert(w, &person.validate(common::test_day()).expect("valid"))?;
                if name == "王芳" {
                    continue; // registered, not placed
                }
                placements::place(
                    w,
                    &NewPlacement {
                        person_id: id,
                        post_id: post,
                        training: TrainingChoice::New(NewTraining {
                            course: "上岗培训".into(),
                            trained_on: date(2026, 9, 1),
                            hours: 16,
                            passed: true,
                        }),
                        start_date: date(2026, 10, 1),
                        agreement_end: date(2028, 12, 31),
                        accident_insurance: true,
                    },
                )?;
                if name == "蒋英花" {
                    bank::set_account(
                        w,
                        id,
                        &NewAccount {
                            bank: "莱商银行钢城支行".into(),
                            account_no: "6228480012345678903".into(),
                            holder_name: "蒋英花".into(),
                        },
                    )?;
                }
            }
            let oct = Month::new(2026, 10).unwrap();
            // Both worked every day of October (the posts are urban).
            for row in payroll::attendance(&w.read(), oct)? {
                payroll::set_attendance(w, row.placement_id, oct, Some(31), None)?;
            }
            payroll::compute(w, oct, |_, _| true)?;
            payroll::approve(w, oct, date(2026, 11, 3))
        })
        .unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: tab.into(),
        ..Prefs::default()
    };
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), common::window(store, prefs));
    // The tab's rows come from the reading thread: wait for them, as a user would, before
    // looking for a name (on a loaded machine they arrive a few frames later).
    common::settle(&mut h);
    h
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    let matches = h.query_all_by_role_and_label(Role::Button, label).count();
    assert_eq!(matches, 1, "expected one button {label:?}, found {matches}");
    h.get_by_role_and_label(Role::Button, label).click();
    common::settle(h);
}

fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).click();
    common::settle(h);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    common::settle(h);
}

#[test]
fn the_bank_file_preview_lists_the_missing_account_and_masks_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, "placements");
    h.get_by_label("考勤与补贴").click();
    common::settle(&mut h);
    // The view opens on November (the test clock); October is approved.
    click(&mut h, "◀");
    click(&mut h, "银行代发文件…");
    h.get_by_label("2026-10 银行代发文件（代发工资）");
    h.get_by_label_contains("银行文件中的账号为完整账号");
    h.get_by_label("没有银行账户（须先补录，否则不能生成文件）：");
    // 2,100.00 yuan to 蒋英花 (tier 1, all October; the social-insurance subsidy is not hers).
    h.get_by_label("发放 1 人，合计 2100.00 元");
    // The number is masked 4+4 on screen: 19 digits, 11 hidden.
    h.get_by_label("6228***********8903");
    assert!(h.query_by_label("6228480012345678903").is_none());
}

#[test]
fn an_account_is_saved_with_the_person_and_a_bad_number_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, "people");
    h.get_by_label("李建国").click();
    common::settle(&mut h);
    type_into(&mut h, "开户行", "中国农业银行济南钢城支行");
    type_into(&mut h, "账号", "62284800123");
    type_into(&mut h, "户名", "李建业");
    click(&mut h, "保存");
    h.get_by_label("银行账户需填写开户行、户名和 12～30 位数字的账号。");
    let person = |h: &Harness<'_, App>| {
        people::find_by_id_number(&h.state().store().unwrap().read(), "37120319850612001X")
            .unwrap()
            .unwrap()
            .0
    };
    let id = person(&h);
    assert_eq!(
        bank::account_of(&h.state().store().unwrap().read(), id).unwrap(),
        None
    );
    // The full number, spaced as on the card; the holder differs and is pointed out.
    h.get_by_role_and_label(Role::TextInput, "账号").click();
    common::settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "账号")
        .type_text("6228 4800 1234 5678 911");
    common::settle(&mut h);
    h.get_by_label_contains("户名“李建业”与本人姓名“李建国”不同");
    click(&mut h, "保存");
    let account = bank::account_of(&h.state().store().unwrap().read(), id)
        .unwrap()
        .expect("saved");
    assert_eq!(account.account_no, "6228480012345678911");
    assert_eq!(account.holder_name, "李建业");
}

#[test]
fn candidates_are_picked_on_the_notice_page_with_the_period_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, "placements");
    h.get_by_label("公示").click();
    common::settle(&mut h);
    h.get_by_label("拟安置人员公示（上岗前）").click();
    common::settle(&mut h);
    // Made on Friday 2026-11-20: 20, 23, 24, 25 and 26 November.
    h.get_by_label(
        "今天生成的公示：公示期 2026-11-20 至 2026-11-26（5 个工作日，按工作日历计算）。",
    );
    h.get_by_label("请先在设置中填写受理异议的联系电话，公示须写明。");
    h.get_by_label("暂无拟安置人员。");
    type_into(&mut h, "按姓名或身份证号查找", "王芳");
    click(&mut h, "加入拟安置");
    let conn = &h.state().store().unwrap().read();
    let listed = bank::unplaced_candidates(conn).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].name, "王芳");
    assert_eq!(listed[0].chosen_on, common::test_day());
    click(&mut h, "移出");
    let conn = &h.state().store().unwrap().read();
    assert!(bank::unplaced_candidates(conn).unwrap().is_empty());
}
