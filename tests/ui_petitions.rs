//! The Petition log tab driven headless, as a clerk at a council meeting: hold the meeting,
//! raise three matters in quick succession, sign for one, return one, reply to and close the
//! third as fixed, call the resident back unsatisfied (it reopens), and read its timeline.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minsheng::app::{App, Prefs};
use minsheng::domain::petition::{MatterId, Status};
use minsheng::i18n::Lang;
use minsheng::store::petitions::{self, MatterFilter};

fn harness(dir: &tempfile::TempDir) -> Harness<'static, App> {
    let mut store = common::open_store(dir.path().join("ui.sqlite"));
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "petitions".into(),
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
    type_in(h, Role::TextInput, label, text);
}

fn type_in(h: &mut Harness<'_, App>, role: Role, label: &str, text: &str) {
    h.get_by_role_and_label(role, label).click();
    common::settle(h);
    h.get_by_role_and_label(role, label).type_text(text);
    common::settle(h);
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    let matches = h.query_all_by_role_and_label(Role::Button, label).count();
    assert_eq!(matches, 1, "expected one button {label:?}, found {matches}");
    h.get_by_role_and_label(Role::Button, label).click();
    common::settle(h);
}

fn choose(h: &mut Harness<'_, App>, combo: &str, item: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    common::settle(h);
    h.get_by_role_and_label(Role::Button, item).click();
    common::settle(h);
}

fn matters(h: &Harness<'_, App>) -> Vec<petitions::Matter> {
    let store = h.state().store().unwrap();
    let rows =
        petitions::list(&store.read(), &MatterFilter::default(), common::test_day()).unwrap();
    let mut all: Vec<_> = rows
        .into_iter()
        .map(|r| petitions::get(&store.read(), r.id).unwrap())
        .collect();
    all.sort_by_key(|m| m.id);
    all
}

/// Takes the step `button` on the matter shown, confirming it.
fn step(h: &mut Harness<'_, App>, button: &str) {
    click(h, button);
    click(h, "确认");
}

#[test]
fn a_council_meeting_its_matters_their_steps_and_a_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir);

    // Hold the meeting.
    h.get_by_label("议事会").click();
    common::settle(&mut h);
    click(&mut h, "召开议事会");
    choose(&mut h, "社区（村）", "北城子坡社区");
    type_into(&mut h, "地点", "社区党群服务中心会议室");
    type_into(&mut h, "主持人", "王书记");
    type_into(&mut h, "参会人 1", "王书记");
    click(&mut h, "添加参会人");
    type_into(&mut h, "参会人 2", "孙大爷");
    click(&mut h, "保存议事会");
    let store = h.state().store().unwrap();
    let meetings = petitions::meetings(&store.read(), None, None).unwrap();
    assert_eq!(meetings.len(), 1);
    let meeting = petitions::meeting(&store.read(), meetings[0].id).unwrap();
    assert_eq!(meeting.attendees.len(), 2);

    // Three matters in quick succession, each handed to its category's owner.
    for (text, category) in [
        ("35号楼与36号楼之间路灯电线裸露", "市政设施"),
        ("消防栓无水", "消防安全"),
        ("楼顶漏雨", "房屋维修"),
    ] {
        type_into(&mut h, "诉求内容", text);
        choose(&mut h, "分类", category);
        click(&mut h, "交办，录入下一件");
    }
    let raised = matters(&h);
    assert_eq!(raised.len(), 3);
    assert!(raised.iter().all(|m| m.meeting_id == Some(meeting.id)));
    assert_eq!(raised[1].owner_unit, "物业服务中心");
    // Raised on the meeting's day (the test day): 7 working days, Tuesday 1 December.
    assert_eq!(raised[0].deadline, Some(jiff::civil::date(2026, 12, 1)));

    // Sign for the first, from the meeting screen's link.
    h.get_by_label(&format!("#{}", raised[0].id)).click();
    common::settle(&mut h);
    step(&mut h, "签收");
    // Return the second, with the reason.
    h.get_by_label("消防栓无水").click();
    common::settle(&mut h);
    click(&mut h, "退回");
    type_in(
        &mut h,
        Role::MultilineTextInput,
        "理由",
        "消防设施由物业负责",
    );
    click(&mut h, "确认");
    // Reply to the third and close it as fixed, then the resident is unsatisfied.
    h.get_by_label("楼顶漏雨").click();
    common::settle(&mut h);
    step(&mut h, "签收");
    step(&mut h, "开始办理");
    click(&mut h, "答复");
    type_in(
        &mut h,
        Role::MultilineTextInput,
        "答复内容",
        "已重新铺设防水层",
    );
    h.get_by_role_and_label(Role::RadioButton, "已解决").click();
    common::settle(&mut h);
    click(&mut h, "确认");
    step(&mut h, "办结");
    let status = |h: &Harness<'_, App>, id: MatterId| {
        let store = h.state().store().unwrap();
        petitions::get(&store.read(), id).unwrap().status
    };
    assert_eq!(status(&h, raised[2].id), Status::Closed);
    click(&mut h, "回访");
    h.get_by_role_and_label(Role::RadioButton, "不满意").click();
    common::settle(&mut h);
    click(&mut h, "确认");

    let now = matters(&h);
    assert_eq!(now[0].status, Status::SignedFor);
    assert_eq!(
        (now[1].status, now[1].last_note.as_str()),
        (Status::Returned, "消防设施由物业负责")
    );
    assert_eq!(
        now[2].status,
        Status::InProgress,
        "an unsatisfied call-back reopens it"
    );
    assert_eq!(now[2].reopen_count, 1);

    // The timeline, read from the change log, shows every step with its states.
    h.get_by_label("办理记录");
    h.get_by_label("已办结 → 办理中");
    h.get_by_label("已答复 → 已办结");
    h.get_by_label("办理中 → 已答复");
    h.get_by_label("已受理 → 已签收");
    let timeline = {
        let store = h.state().store().unwrap();
        petitions::timeline(&store.read(), raised[2].id).unwrap()
    };
    assert_eq!(timeline.len(), 6);
}

/// A ledger that asks for a sign-in, with a matter in each of two streets, a viewer of the
/// petition log and a clerk of 艾山街道 only.
fn signed_ledger(dir: &tempfile::TempDir) -> Harness<'static, App> {
    use minsheng::domain::access::{Area, Grant, Role};
    use minsheng::domain::region::RegionLevel;
    use minsheng::store::accounts::{self, NewAccount};
    use minsheng::store::petitions::{NewMatter, Reporter};
    use minsheng::store::regions::{self, NewRegion};
    const PW: &str = "petition-ui-2026";
    let mut store = common::open_store(dir.path().join("signed.sqlite"));
    accounts::create_first_admin(&mut store, "admin", "赵管理员", PW).unwrap();
    store
        .write(|w| {
            let [district, aishan, beicheng, _] = common::small_tree(w)?;
            let wenyuan = regions::insert(
                w,
                &NewRegion {
                    code: "370117003000".into(),
                    name: "汶源街道".into(),
                    short_name: "汶源街道".into(),
                    level: RegionLevel::Street,
                    parent_id: Some(district),
                    lon: None,
                    lat: None,
                },
            )?;
            let chuangye = regions::insert(
                w,
                &NewRegion {
                    code: "370117003008".into(),
                    name: "创业社区".into(),
                    short_name: "创业社区".into(),
                    level: RegionLevel::Community,
                    parent_id: Some(wenyuan),
                    lon: None,
                    lat: None,
                },
            )?;
            let grant = |role, street| Grant {
                role,
                area: Area::Petitions,
                street,
            };
            for (name, grants) in [
                ("viewer", vec![grant(Role::Viewer, None)]),
                ("aishan", vec![grant(Role::Clerk, Some(aishan))]),
                ("clerk", vec![grant(Role::Clerk, None)]),
            ] {
                accounts::create_account(
                    w,
                    &NewAccount {
                        name: name.into(),
                        display_name: String::new(),
                        password: PW.into(),
                        grants,
                    },
                )?;
            }
            Ok([beicheng, chuangye])
        })
        .and_then(|places| {
            accounts::sign_out(&mut store)?;
            accounts::sign_in(&mut store, "clerk", PW)?;
            let category = petitions::categories(&store.read())?[0].id;
            for (place, text) in places.into_iter().zip(["垃圾清运不及时", "路灯电线裸露"])
            {
                let m = NewMatter {
                    meeting_id: None,
                    channel: minsheng::domain::petition::Channel::Visit,
                    category_id: category,
                    text: text.into(),
                    region_id: place,
                    place_detail: String::new(),
                    point: None,
                    reporter: Reporter::Given {
                        name: "李大爷".into(),
                        phone: "13900001234".into(),
                    },
                    anonymous: false,
                    owner_unit: String::new(),
                    owner_person: String::new(),
                    complex: false,
                    received_on: common::test_day(),
                };
                store.write(|w| petitions::raise(w, &m))?;
            }
            accounts::sign_out(&mut store)
        })
        .unwrap();
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "petitions".into(),
        ..Prefs::default()
    };
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), App::new(Ok(store), prefs))
}

#[test]
fn a_viewer_is_offered_nothing_to_change_and_a_street_clerk_sees_the_street() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = signed_ledger(&dir);
    common::sign_in(&mut h, "viewer", "petition-ui-2026");
    h.get_by_label("民意直通车").click();
    common::settle(&mut h);
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "登记诉求")
            .count(),
        0
    );
    h.get_by_label("路灯电线裸露").click();
    common::settle(&mut h);
    for step in ["签收", "退回", "督办", "标为重复件"] {
        assert_eq!(
            h.query_all_by_role_and_label(Role::Button, step).count(),
            0,
            "{step} offered to a viewer"
        );
    }
    // The reporter's phone stays masked, with no button to reveal it.
    h.get_by_label("139****1234");
    assert_eq!(
        h.query_all_by_role_and_label(Role::Button, "显示").count(),
        0
    );

    h.get_by_role_and_label(Role::Button, "退出登录").click();
    common::settle(&mut h);
    common::sign_in(&mut h, "aishan", "petition-ui-2026");
    h.get_by_label("民意直通车").click();
    common::settle(&mut h);
    h.get_by_label("共 1 件");
    assert!(
        h.query_by_label("路灯电线裸露").is_none(),
        "another street's matter"
    );
    h.get_by_label("垃圾清运不及时").click();
    common::settle(&mut h);
    click(&mut h, "签收");
    click(&mut h, "确认");
    let store = h.state().store().unwrap();
    let rows =
        petitions::list(&store.read(), &MatterFilter::default(), common::test_day()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, Status::SignedFor);
}
