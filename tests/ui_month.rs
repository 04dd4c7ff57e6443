//! A month approved through the window: the grid refuses bad values naming the person and the
//! limit, approval is refused while a finding is open, the finding is accepted with a reason
//! in the checks view, and approval asks for confirmation (month, lines, total, rates still
//! to check) before it locks the month.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::civil::date;
use minsheng::app::{App, Prefs};
use minsheng::domain::PlacementId;
use minsheng::domain::pay::{Area, Month};
use minsheng::domain::person::PersonDraft;
use minsheng::domain::placement::{PostCategory, PostStatus};
use minsheng::i18n::Lang;
use minsheng::store::payroll::{self, MonthStatus};
use minsheng::store::placement_reports::{self, CheckKind};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::{people, posts};

/// A rural post (80 hours a month) with one person in post since 1 September, without
/// accident insurance, and 80 hours entered for October.
fn harness(dir: &tempfile::TempDir) -> (Harness<'static, App>, PlacementId) {
    let mut store = common::open_store(dir.path().join("m.sqlite"));
    let low_income = common::low_income(&store.read());
    let oct = Month::new(2026, 10).unwrap();
    let placement = store
        .write(|w| {
            let [_, _, community, _] = common::small_tree(w)?;
            let person = PersonDraft {
                name: "蒋英花".into(),
                id_number: "371203197703010026".into(),
                region_id: Some(community),
                categories: vec![low_income],
                ..PersonDraft::default()
            };
            let person = people::insert(w, &person.validate(common::test_day()).expect("valid"))?;
            let post = posts::insert(
                w,
                &posts::NewPost {
                    title: "保洁员".into(),
                    category: PostCategory::FacilityMaintenance,
                    area: Area::Rural,
                    host_unit: "北城子坡社区居民委员会".into(),
                    region_id: community,
                    headcount: 2,
                    monthly_hours_tenths: Some(800),
                    min_hours_tenths: None,
                    max_hours_tenths: None,
                    funded_from: date(2026, 1, 1),
                    funded_to: date(2028, 12, 31),
                    status: PostStatus::Open,
                },
            )?;
            let placement = placements::place(
                w,
                &NewPlacement {
                    person_id: person,
                    post_id: post,
                    training: TrainingChoice::New(NewTraining {
                        course: "上岗培训".into(),
                        trained_on: date(2026, 8, 20),
                        hours: 16,
                        passed: true,
                    }),
                    start_date: date(2026, 9, 1),
                    agreement_end: date(2028, 12, 31),
                    accident_insurance: false,
                },
            )?;
            payroll::set_attendance(w, placement, oct, None, Some(800))?;
            Ok(placement)
        })
        .unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "placements".into(),
        ..Prefs::default()
    };
    (common::harness(common::window(store, prefs)), placement)
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

fn status(h: &Harness<'_, App>, month: Month) -> MonthStatus {
    payroll::month_status(&h.state().store().unwrap().read(), month).unwrap()
}

fn hours(h: &Harness<'_, App>, month: Month) -> Option<i64> {
    payroll::attendance(&h.state().store().unwrap().read(), month).unwrap()[0].hours_tenths
}

#[test]
fn approval_through_the_window_asks_for_confirmation_after_findings_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut h, placement) = harness(&dir);
    let oct = Month::new(2026, 10).unwrap();
    h.get_by_label("考勤与补贴").click();
    common::settle(&mut h);
    click(&mut h, "◀");
    h.get_by_label("2026-10");
    // The rule by which days worked count is stated above the grid.
    h.get_by_label_contains("出勤折算：");

    // Text that is not a number is refused, naming the person; nothing is saved.
    type_into(&mut h, "小时", "abc");
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    h.get_by_label_contains("蒋英花：“80abc”不是数字");
    assert_eq!(hours(&h, oct), Some(800));
    // Beyond 24 hours for each of October's 31 days in post: refused with the limit.
    type_into(&mut h, "小时", "0");
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    h.get_by_label_contains("蒋英花：工时应在 0 到 744 小时之间");
    assert_eq!(hours(&h, oct), Some(800));

    h.get_by_role_and_label(Role::Button, "计算补贴表").click();
    h.step();
    common::settle(&mut h);
    assert_eq!(status(&h, oct), MonthStatus::Computed);

    // No accident insurance on a rural post: a finding, so approval is refused.
    click(&mut h, "审核通过");
    h.get_by_label_contains("核查发现的问题尚未处理");
    assert!(
        h.query_by_role_and_label(Role::Button, "确认审核")
            .is_none()
    );

    // Accepted with a reason in the checks view.
    h.get_by_label("核查").click();
    common::settle(&mut h);
    h.get_by_label("乡村岗位未购买意外伤害保险");
    click(&mut h, "接受");
    type_into(&mut h, "接受原因", "保险已续保，保单待补");
    click(&mut h, "保存");
    h.get_by_label_contains("保险已续保，保单待补");
    let accepted = placement_reports::acceptances(&h.state().store().unwrap().read(), oct).unwrap();
    assert_eq!(
        accepted[&(CheckKind::NoAccidentCover, placement)].reason,
        "保险已续保，保单待补"
    );

    // Now approval asks first: the month, 1 line, 80 hours × 19.00 = 1,520.00 yuan, and the
    // shipped rate still to check. Cancelling leaves the month as it was.
    h.get_by_label("考勤与补贴").click();
    common::settle(&mut h);
    click(&mut h, "审核通过");
    h.get_by_label_contains("确认审核 2026-10 补贴表：共 1 行，合计 1520.00 元");
    h.get_by_label_contains("尚未核实");
    click(&mut h, "取消");
    assert!(
        h.query_by_role_and_label(Role::Button, "确认审核")
            .is_none()
    );
    assert_eq!(status(&h, oct), MonthStatus::Computed);
    click(&mut h, "审核通过");
    click(&mut h, "确认审核");
    assert_eq!(status(&h, oct), MonthStatus::Approved);
    h.get_by_label("已审核（已锁定）");
    // Locked: no field to type into. The sheet lists the accepted finding with its reason.
    click(&mut h, "考勤");
    assert!(h.query_by_role_and_label(Role::TextInput, "小时").is_none());
    click(&mut h, "补贴表");
    h.get_by_label("已接受的核查问题");
    h.get_by_label_contains("乡村岗位未购买意外伤害保险 · 蒋英花");
}

/// An exit recorded late, inside approved months, proposes its recoveries, written on
/// confirmation. Tier 2 pays 1,900.00 yuan a month and the subsidy is 0 by default:
/// - September (30 days), in post to the 20th: due 20/30 × 1,900.00 = 1,266.67, recover 633.33;
/// - October, no day in post: recover 1,900.00. Both on November's sheet, 2,533.33 in all.
#[test]
fn a_late_exit_proposes_recoveries_written_on_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("r.sqlite"));
    let low_income = common::low_income(&store.read());
    let (aug, sep, oct) = (
        Month::new(2026, 8).unwrap(),
        Month::new(2026, 9).unwrap(),
        Month::new(2026, 10).unwrap(),
    );
    store
        .write(|w| {
            let [_, _, community, _] = common::small_tree(w)?;
            let person = PersonDraft {
                name: "蒋英花".into(),
                id_number: "371203197703010026".into(),
                region_id: Some(community),
                categories: vec![low_income],
                ..PersonDraft::default()
            };
            let person = people::insert(w, &person.validate(common::test_day()).expect("valid"))?;
            let post = posts::insert(
                w,
                &posts::NewPost {
                    title: "网格员".into(),
                    category: PostCategory::SocialGovernance,
                    area: Area::Urban,
                    host_unit: "北城子坡社区居民委员会".into(),
                    region_id: community,
                    headcount: 2,
                    monthly_hours_tenths: None,
                    min_hours_tenths: None,
                    max_hours_tenths: None,
                    funded_from: date(2026, 1, 1),
                    funded_to: date(2028, 12, 31),
                    status: PostStatus::Open,
                },
            )?;
            let placement = placements::place(
                w,
                &NewPlacement {
                    person_id: person,
                    post_id: post,
                    training: TrainingChoice::New(NewTraining {
                        course: "上岗培训".into(),
                        trained_on: date(2026, 7, 20),
                        hours: 16,
                        passed: true,
                    }),
                    start_date: date(2026, 8, 1),
                    agreement_end: date(2028, 12, 31),
                    accident_insurance: false,
                },
            )?;
            for m in [aug, sep, oct] {
                payroll::set_attendance(w, placement, m, Some(i64::from(m.days())), None)?;
                payroll::compute(w, m, |_, _| true)?;
                payroll::approve(w, m, m.next().first_day())?;
            }
            Ok(())
        })
        .unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "placements".into(),
        ..Prefs::default()
    };
    let mut h = common::harness(common::window(store, prefs));
    h.get_by_label("上岗人员").click();
    common::settle(&mut h);
    h.get_by_label("蒋英花").click();
    common::settle(&mut h);
    click(&mut h, "办理退岗");
    // The exit date field holds today: replace it with the real last day, 20 September.
    h.get_by_role_and_label(Role::TextInput, "退岗日期").click();
    common::settle(&mut h);
    h.key_press(egui::Key::End);
    for _ in 0..10 {
        h.key_press(egui::Key::Backspace);
    }
    h.get_by_role_and_label(Role::TextInput, "退岗日期")
        .type_text("2026-09-20");
    common::settle(&mut h);
    click(&mut h, "确认退岗");
    h.get_by_label_contains("退岗日期落在已审核月份内");
    // Tier 2 (1,900.00) and the shipped social-insurance rates (employer's share 1,108.41):
    // September paid 3,008.41, due 1,900.00 × 20/30 + 1,108.41 = 2,375.08; October paid
    // 3,008.41, due nothing.
    h.get_by_label("2026-09：已发 3008.41 元，应发 2375.08 元，在 2026-11 补贴表中调整 -633.33 元");
    h.get_by_label("2026-10：已发 3008.41 元，应发 0.00 元，在 2026-11 补贴表中调整 -3008.41 元");
    click(&mut h, "写入追回调整");
    assert!(
        h.query_by_role_and_label(Role::Button, "写入追回调整")
            .is_none()
    );
    let conn = &h.state().store().unwrap().read();
    let written: Vec<(String, String, i64)> = conn
        .prepare("SELECT month, corrects_month, amount_fen FROM subsidy_adjustments ORDER BY corrects_month")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        written,
        vec![
            ("2026-11".into(), "2026-09".into(), -63_333),
            ("2026-11".into(), "2026-10".into(), -300_841),
        ]
    );
}

fn leave(h: &Harness<'_, App>, month: Month) -> (Option<i64>, Option<i64>) {
    let rows = payroll::attendance(&h.state().store().unwrap().read(), month).unwrap();
    (rows[0].days_worked, rows[0].leave_days)
}

/// Approved leave typed in the grid's leave column of an urban row (October, 31 days in
/// post, 21 days worked entered): text that is not a whole number and 21 + 11 = 32 > 31 days
/// are refused naming the person (and the limit); 10 days are saved. Days worked are then
/// held to 31 − 10 = 21.
#[test]
fn leave_days_are_typed_in_the_grid_and_held_to_the_days_in_post() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("l.sqlite"));
    let low_income = common::low_income(&store.read());
    let oct = Month::new(2026, 10).unwrap();
    store
        .write(|w| {
            let [_, _, community, _] = common::small_tree(w)?;
            let person = PersonDraft {
                name: "蒋英花".into(),
                id_number: "371203197703010026".into(),
                region_id: Some(community),
                categories: vec![low_income],
                ..PersonDraft::default()
            };
            let person = people::insert(w, &person.validate(common::test_day()).expect("valid"))?;
            let post = posts::insert(
                w,
                &posts::NewPost {
                    title: "网格员".into(),
                    category: PostCategory::SocialGovernance,
                    area: Area::Urban,
                    host_unit: "北城子坡社区居民委员会".into(),
                    region_id: community,
                    headcount: 2,
                    monthly_hours_tenths: None,
                    min_hours_tenths: None,
                    max_hours_tenths: None,
                    funded_from: date(2026, 1, 1),
                    funded_to: date(2028, 12, 31),
                    status: PostStatus::Open,
                },
            )?;
            let placement = placements::place(
                w,
                &NewPlacement {
                    person_id: person,
                    post_id: post,
                    training: TrainingChoice::New(NewTraining {
                        course: "上岗培训".into(),
                        trained_on: date(2026, 8, 20),
                        hours: 16,
                        passed: true,
                    }),
                    start_date: date(2026, 9, 1),
                    agreement_end: date(2028, 12, 31),
                    accident_insurance: false,
                },
            )?;
            payroll::set_attendance(w, placement, oct, Some(21), None)
        })
        .unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "placements".into(),
        ..Prefs::default()
    };
    let mut h = common::harness(common::window(store, prefs));
    h.get_by_label("考勤与补贴").click();
    common::settle(&mut h);
    click(&mut h, "◀");
    h.get_by_label("2026-10");

    type_into(&mut h, "假期（天）", "半天");
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    h.get_by_label_contains("蒋英花：假期“半天”不是整数天数");
    assert_eq!(leave(&h, oct), (Some(21), None));

    type_into(&mut h, "假期（天）", "11");
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    h.get_by_label_contains("蒋英花：出勤天数加假期不能超过在岗 31 天");
    assert_eq!(leave(&h, oct), (Some(21), None));

    type_into(&mut h, "假期（天）", "10");
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    assert_eq!(leave(&h, oct), (Some(21), Some(10)));
    assert!(h.query_by_label_contains("不能超过在岗").is_none());

    // With 10 days of leave, 22 days worked is one too many: "21" becomes "22".
    h.get_by_role_and_label(Role::TextInput, "天").click();
    common::settle(&mut h);
    h.key_press(egui::Key::End);
    h.key_press(egui::Key::Backspace);
    h.get_by_role_and_label(Role::TextInput, "天")
        .type_text("2");
    common::settle(&mut h);
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    h.get_by_label_contains("蒋英花：出勤天数加假期不能超过在岗 31 天");
    assert_eq!(leave(&h, oct), (Some(21), Some(10)));
}
