//! The petition log through the store: meetings, matters and their steps, deadlines on the
//! shipped calendar, the timeline read from the change log, and the store refusing what a
//! viewer or a clerk of another street may not do, whatever the window shows.

use crate::common;

use jiff::civil::{Date, date};
use minsheng::domain::RegionId;
use minsheng::domain::access::{Area, Grant, Role};
use minsheng::domain::petition::{
    AttendeeRole, Channel, MatterCategoryId, MatterId, Outcome, PetitionRule, Satisfaction, Status,
    Step,
};
use minsheng::domain::region::RegionLevel;
use minsheng::store::accounts::{self, NewAccount};
use minsheng::store::petitions::{
    self, Focus, MatterFilter, NewAttendee, NewMatter, NewMeeting, Reporter, StepInput,
};
use minsheng::store::regions::{self, NewRegion};
use minsheng::store::{Store, StoreError};

const PW: &str = "petition-test-2026";

/// A ledger with two streets (艾山 with 北城子坡社区, 汶源 with 创业社区) and accounts: a
/// district clerk, a clerk of 艾山 only, an approver and a viewer of the petition log.
#[allow(dead_code)] // not every test uses every place
pub struct Ledger {
    pub store: Store,
    pub aishan: RegionId,
    pub beicheng: RegionId,
    pub wenyuan: RegionId,
    pub chuangye: RegionId,
    _dir: tempfile::TempDir,
}

pub fn ledger() -> Ledger {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("petitions.sqlite"));
    accounts::create_first_admin(&mut store, "admin", "赵管理员", PW).unwrap();
    let region = |code: &str, name: &str, level, parent| NewRegion {
        code: code.into(),
        name: name.into(),
        short_name: name.into(),
        level,
        parent_id: parent,
        lon: None,
        lat: None,
    };
    // The region tree is the registry administrator's.
    let ids = store
        .write(|w| {
            let [_, aishan, beicheng, _] = common::small_tree(w)?;
            let district = regions::id_by_code(w.tx(), "370117000000")?.unwrap();
            let wenyuan = regions::insert(
                w,
                &region(
                    "370117003000",
                    "汶源街道",
                    RegionLevel::Street,
                    Some(district),
                ),
            )?;
            let chuangye = regions::insert(
                w,
                &region(
                    "370117003001",
                    "创业社区",
                    RegionLevel::Community,
                    Some(wenyuan),
                ),
            )?;
            let account = |name: &str, display: &str, role, street: Option<RegionId>| NewAccount {
                name: name.into(),
                display_name: display.into(),
                password: PW.into(),
                grants: vec![Grant {
                    role,
                    area: Area::Petitions,
                    street,
                }],
            };
            let mut both = account("both", "李经办", Role::Clerk, None);
            both.grants.push(Grant {
                role: Role::Clerk,
                area: Area::Registry,
                street: None,
            });
            for a in [
                both,
                account("clerk", "钱经办", Role::Clerk, None),
                account("aishan", "孙经办", Role::Clerk, Some(aishan)),
                account("approver", "王科长", Role::Approver, None),
                account("viewer", "周查看", Role::Viewer, None),
            ] {
                accounts::create_account(w, &a)?;
            }
            Ok((aishan, beicheng, wenyuan, chuangye))
        })
        .unwrap();
    let mut ledger = Ledger {
        store,
        aishan: ids.0,
        beicheng: ids.1,
        wenyuan: ids.2,
        chuangye: ids.3,
        _dir: dir,
    };
    ledger.sign_in("clerk");
    ledger
}

impl Ledger {
    pub fn sign_in(&mut self, name: &str) {
        accounts::sign_out(&mut self.store).unwrap();
        accounts::sign_in(&mut self.store, name, PW).unwrap();
    }

    pub fn category(&self, code: &str) -> MatterCategoryId {
        petitions::categories(&self.store.read())
            .unwrap()
            .into_iter()
            .find(|c| c.code == code)
            .expect("a shipped category")
            .id
    }

    pub fn raise(&mut self, region: RegionId, text: &str, received_on: Date) -> MatterId {
        let m = matter(self.category("municipal"), region, text, received_on);
        self.store.write(|w| petitions::raise(w, &m)).unwrap().0
    }

    pub fn step(&mut self, id: MatterId, input: StepInput) -> Result<(), StoreError> {
        self.store.write(|w| petitions::take_step(w, id, &input))
    }
}

pub fn matter(
    category: MatterCategoryId,
    region: RegionId,
    text: &str,
    received_on: Date,
) -> NewMatter {
    NewMatter {
        meeting_id: None,
        channel: Channel::Visit,
        category_id: category,
        text: text.into(),
        region_id: region,
        place_detail: "35号楼".into(),
        point: None,
        reporter: Reporter::Given {
            name: "李大爷".into(),
            phone: "13900001234".into(),
        },
        anonymous: false,
        owner_unit: String::new(),
        owner_person: "刘工".into(),
        complex: false,
        received_on,
    }
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, StoreError>) -> bool {
    matches!(r, Err(StoreError::Forbidden { .. }))
}

fn reply_fixed() -> StepInput {
    StepInput::Reply {
        text: "已更换绝缘层并固定电线".into(),
        outcome: Outcome::Fixed,
        responsible: String::new(),
    }
}

#[test]
fn a_deadline_on_the_shipped_calendar_skips_national_day_and_counts_its_saturday() {
    let mut l = ledger();
    let id = l.raise(l.chuangye, "路灯电线绝缘层裸露", date(2026, 9, 28));
    let m = petitions::get(&l.store.read(), id).unwrap();
    // 29, 30 Sep, (1–7 Oct off), 8, 9, Sat 10 (worked), 12, 13: seven working days.
    assert_eq!(m.deadline, Some(date(2026, 10, 13)));
    assert_eq!(
        m.owner_unit, "街道城市管理办公室",
        "the category's default owner"
    );
    assert_eq!(m.status, Status::Received);
    // Complex matters get the category's 15 days.
    let mut complex = matter(
        l.category("municipal"),
        l.chuangye,
        "复杂",
        date(2026, 9, 28),
    );
    complex.complex = true;
    let (id, missing) = l.store.write(|w| petitions::raise(w, &complex)).unwrap();
    assert_eq!(missing, None);
    let m = petitions::get(&l.store.read(), id).unwrap();
    assert_eq!(m.deadline, Some(date(2026, 10, 23)));
}

#[test]
fn a_year_missing_from_the_calendar_leaves_no_deadline_and_says_which() {
    let mut l = ledger();
    let m = matter(
        l.category("noise"),
        l.chuangye,
        "篮球场夜间扰民",
        date(2027, 12, 27),
    );
    let (id, missing) = l.store.write(|w| petitions::raise(w, &m)).unwrap();
    assert_eq!(missing, Some(2028));
    let shown = petitions::get(&l.store.read(), id).unwrap();
    assert_eq!(shown.deadline, None, "never a weekday-only guess");
    let state = petitions::calendar_state(&l.store.read(), date(2027, 3, 1)).unwrap();
    assert_eq!(state.missing, vec![2028]);
    assert_eq!(
        state.to_check,
        vec![2027],
        "the shipped 2027 rows are to check"
    );
}

#[test]
fn a_matter_from_raising_to_a_reopening_and_its_timeline() {
    let mut l = ledger();
    let id = l.raise(
        l.chuangye,
        "35号楼与36号楼之间路灯电线裸露",
        date(2026, 11, 16),
    );
    l.step(id, StepInput::SignFor).unwrap();
    l.step(id, StepInput::Start).unwrap();
    l.step(id, reply_fixed()).unwrap();
    l.step(id, StepInput::Close).unwrap();
    let m = petitions::get(&l.store.read(), id).unwrap();
    assert_eq!(
        (m.status, m.closed_on),
        (Status::Closed, Some(common::test_day()))
    );
    l.step(
        id,
        StepInput::CallBack {
            said: Satisfaction::Unsatisfied,
            note: "雨天又有漏电".into(),
        },
    )
    .unwrap();
    let m = petitions::get(&l.store.read(), id).unwrap();
    assert_eq!(
        m.status,
        Status::InProgress,
        "an unsatisfied call-back reopens it"
    );
    assert_eq!(m.reopen_count, 1);
    assert_eq!(m.closed_on, None);
    let t = petitions::timeline(&l.store.read(), id).unwrap();
    let steps: Vec<_> = t.iter().map(|e| (e.step, e.from, e.to)).collect();
    use Status::*;
    assert_eq!(
        steps,
        vec![
            (Some(Step::Receive), None, Some(Received)),
            (Some(Step::SignFor), Some(Received), Some(SignedFor)),
            (Some(Step::Start), Some(SignedFor), Some(InProgress)),
            (Some(Step::Reply), Some(InProgress), Some(Replied)),
            (Some(Step::Close), Some(Replied), Some(Closed)),
            (Some(Step::CallBack), Some(Closed), Some(InProgress)),
        ]
    );
    assert!(t.iter().all(|e| e.actor == "clerk（钱经办）"), "{t:?}");
    assert_eq!(t[5].note, "雨天又有漏电");
    let reply = t[3].fields.iter().find(|f| f.0 == "reply").unwrap();
    assert_eq!(reply.2, "已更换绝缘层并固定电线");
    // The reopening cleared the outcome on the row; the log still holds it.
    assert!(
        t[5].fields
            .iter()
            .any(|f| f.0 == "outcome" && f.1 == "fixed" && f.2.is_empty())
    );
}

#[test]
fn returns_are_measured_and_refused_steps_say_why() {
    let mut l = ledger();
    let id = l.raise(l.chuangye, "消防栓无水", date(2026, 11, 16));
    assert!(matches!(
        l.step(id, StepInput::Close),
        Err(StoreError::Petition(PetitionRule::NotNow {
            step: Step::Close,
            from: Status::Received
        }))
    ));
    assert!(matches!(
        l.step(id, StepInput::Return { reason: " ".into() }),
        Err(StoreError::Petition(PetitionRule::ReasonRequired))
    ));
    l.step(
        id,
        StepInput::Return {
            reason: "消防设施归物业管".into(),
        },
    )
    .unwrap();
    l.step(
        id,
        StepInput::Reassign {
            owner_unit: "物业服务中心".into(),
            owner_person: "张经理".into(),
        },
    )
    .unwrap();
    let m = petitions::get(&l.store.read(), id).unwrap();
    assert_eq!((m.status, m.return_count), (Status::Received, 1));
    assert_eq!(m.owner_unit, "物业服务中心");
    // "Not ours" must name who is responsible.
    l.step(id, StepInput::SignFor).unwrap();
    assert!(matches!(
        l.step(
            id,
            StepInput::Reply {
                text: "不归我们".into(),
                outcome: Outcome::NotOurs,
                responsible: String::new()
            }
        ),
        Err(StoreError::Petition(PetitionRule::ResponsibleRequired))
    ));
    let rows = petitions::list(
        &l.store.read(),
        &MatterFilter {
            focus: Some(Focus::Returned),
            ..MatterFilter::default()
        },
        common::test_day(),
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
}

#[test]
fn extensions_and_supervision_are_a_supervisors() {
    let mut l = ledger();
    let id = l.raise(l.chuangye, "楼顶漏雨", date(2026, 11, 16));
    l.step(id, StepInput::SignFor).unwrap();
    l.step(
        id,
        StepInput::AskExtension {
            days: 5,
            reason: "需等防水材料".into(),
        },
    )
    .unwrap();
    let approve = StepInput::DecideExtension {
        approve: true,
        note: String::new(),
    };
    assert!(
        forbidden(l.step(id, approve.clone())),
        "a clerk may not approve"
    );
    let supervise = StepInput::Supervise {
        on: true,
        note: "本周内答复".into(),
    };
    assert!(forbidden(l.step(id, supervise.clone())));
    l.sign_in("approver");
    let before = petitions::get(&l.store.read(), id)
        .unwrap()
        .deadline
        .unwrap();
    l.step(id, approve).unwrap();
    l.step(id, supervise).unwrap();
    let m = petitions::get(&l.store.read(), id).unwrap();
    // Received Mon 16 Nov + 7 = Wed 25 Nov; + 5 working days = Wed 2 Dec.
    assert_eq!(
        (before, m.deadline),
        (date(2026, 11, 25), Some(date(2026, 12, 2)))
    );
    assert!(m.supervised);
    assert_eq!((m.extensions_granted, m.extension_days), (1, None));
}

#[test]
fn a_viewer_and_a_clerk_of_another_street_are_refused_by_the_store() {
    let mut l = ledger();
    let wenyuan_matter = l.raise(l.chuangye, "管道堵塞", date(2026, 11, 16));
    let aishan_matter = l.raise(l.beicheng, "垃圾清运不及时", date(2026, 11, 16));
    let meeting = NewMeeting {
        region_id: l.chuangye,
        held_on: date(2026, 11, 18),
        place: "党群服务中心会议室".into(),
        chair: "社区党委书记".into(),
        minutes: String::new(),
        attendees: vec![],
    };

    l.sign_in("viewer");
    let m = matter(
        l.category("pipes"),
        l.chuangye,
        "又堵了",
        date(2026, 11, 18),
    );
    assert!(forbidden(l.store.write(|w| petitions::raise(w, &m))));
    assert!(forbidden(l.step(wenyuan_matter, StepInput::SignFor)));
    assert!(forbidden(
        l.store.write(|w| petitions::add_meeting(w, &meeting))
    ));
    let all = petitions::list(
        &l.store.read(),
        &MatterFilter::default(),
        common::test_day(),
    );
    assert_eq!(all.unwrap().len(), 2, "a viewer reads");

    l.sign_in("aishan");
    let rows = petitions::list(
        &l.store.read(),
        &MatterFilter::default(),
        common::test_day(),
    )
    .unwrap();
    assert_eq!(
        rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![aishan_matter],
        "narrowed to 艾山 in SQL"
    );
    assert!(forbidden(petitions::get(&l.store.read(), wenyuan_matter)));
    assert!(forbidden(petitions::timeline(
        &l.store.read(),
        wenyuan_matter
    )));
    assert!(forbidden(l.step(wenyuan_matter, StepInput::SignFor)));
    assert!(forbidden(l.store.write(|w| petitions::raise(w, &m))));
    assert!(forbidden(
        l.store.write(|w| petitions::add_meeting(w, &meeting))
    ));
    l.step(aishan_matter, StepInput::SignFor).unwrap();
    let figures = petitions::figures(
        &l.store.read(),
        &MatterFilter::default(),
        common::test_day(),
    )
    .unwrap();
    assert_eq!(figures.overall.matters, 1, "figures narrowed too");
    // Nothing was written by the refusals.
    let status: String = l
        .store
        .conn()
        .query_row(
            "SELECT status FROM petitions WHERE id = ?1",
            [wenyuan_matter.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "received");
}

#[test]
fn the_history_of_a_matter_can_not_be_rewritten_even_in_sql() {
    let mut l = ledger();
    let id = l.raise(l.chuangye, "篮球场夜间噪音", date(2026, 11, 16));
    l.step(id, StepInput::SignFor).unwrap();
    l.step(id, reply_fixed()).unwrap();
    l.step(id, StepInput::Close).unwrap();
    let conn = l.store.conn();
    let seqs: Vec<i64> = conn
        .prepare("SELECT seq FROM changes WHERE table_name = 'petitions' AND row_id = ?1")
        .unwrap()
        .query_map([id.0], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(seqs.len(), 4);
    for seq in &seqs {
        assert!(
            conn.execute("UPDATE changes SET actor = 'someone' WHERE seq = ?1", [seq])
                .is_err()
        );
        assert!(
            conn.execute("DELETE FROM changes WHERE seq = ?1", [seq])
                .is_err()
        );
    }
    let reply = conn.execute(
        "UPDATE petitions SET reply = '改过的答复' WHERE id = ?1",
        [id.0],
    );
    let e = StoreError::from(reply.expect_err("a closed matter's reply is kept"));
    assert!(
        e.message()
            .get(minsheng::i18n::Lang::En)
            .contains("can not be changed"),
        "{:?}",
        e.message()
    );
    assert!(
        conn.execute(
            "UPDATE petitions SET outcome = 'not_fixed' WHERE id = ?1",
            [id.0]
        )
        .is_err()
    );
    assert!(
        conn.execute("DELETE FROM petitions WHERE id = ?1", [id.0])
            .is_err()
    );
    let t = petitions::timeline(&l.store.read(), id).unwrap();
    assert_eq!(t.len(), 4);
}

#[test]
fn a_meeting_with_its_attendees_and_matters() {
    let mut l = ledger();
    let meeting = NewMeeting {
        region_id: l.chuangye,
        held_on: date(2026, 7, 29),
        place: "创业社区党群服务中心会议室".into(),
        chair: "王书记".into(),
        minutes: "听取居民意见，现场对接负责人".into(),
        attendees: vec![
            NewAttendee {
                name: "王书记".into(),
                role: AttendeeRole::PartySecretary,
                note: String::new(),
            },
            NewAttendee {
                name: "".into(),
                role: AttendeeRole::Resident,
                note: String::new(),
            },
        ],
    };
    assert!(matches!(
        l.store.write(|w| petitions::add_meeting(w, &meeting)),
        Err(StoreError::Petition(PetitionRule::AttendeeNameRequired))
    ));
    let mut meeting = meeting;
    meeting.attendees.pop();
    let id = l
        .store
        .write(|w| petitions::add_meeting(w, &meeting))
        .unwrap();
    for text in ["路灯电线裸露", "消防栓无水", "房屋漏雨"] {
        let mut m = matter(l.category("municipal"), l.chuangye, text, date(2026, 7, 29));
        m.meeting_id = Some(id);
        m.channel = Channel::Council;
        l.store.write(|w| petitions::raise(w, &m)).unwrap();
    }
    let shown = petitions::meeting(&l.store.read(), id).unwrap();
    assert_eq!(shown.attendees.len(), 1);
    let rows = petitions::meetings(&l.store.read(), None, None).unwrap();
    assert_eq!((rows[0].matters, rows[0].open), (3, 3));
    l.sign_in("aishan");
    assert!(forbidden(petitions::meeting(&l.store.read(), id)));
    assert!(
        petitions::meetings(&l.store.read(), None, None)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_list_filters_overdue_and_due_this_week() {
    let mut l = ledger();
    // Test day: Friday 20 November 2026.
    let overdue = l.raise(l.chuangye, "逾期", date(2026, 11, 2)); // due Wed 11 Nov
    let this_week = l.raise(l.chuangye, "本周到期", date(2026, 11, 11)); // due Fri 20 Nov
    let later = l.raise(l.chuangye, "下周", date(2026, 11, 19)); // due Mon 30 Nov
    let list = |l: &Ledger, f: MatterFilter| {
        petitions::list(&l.store.read(), &f, common::test_day())
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    let f = MatterFilter {
        overdue: true,
        ..MatterFilter::default()
    };
    assert_eq!(list(&l, f), vec![overdue]);
    let f = MatterFilter {
        due_this_week: true,
        ..MatterFilter::default()
    };
    assert_eq!(list(&l, f), vec![this_week]);
    assert_eq!(
        list(&l, MatterFilter::default()),
        vec![overdue, this_week, later],
        "the most urgent first"
    );
    let figures = petitions::figures(
        &l.store.read(),
        &MatterFilter::default(),
        common::test_day(),
    )
    .unwrap();
    assert_eq!(figures.overall.late_open, 1);
    assert_eq!(figures.overall.on_time_rate().whole, 1);
    assert_eq!(figures.by_community[0].overdue, 1);
}

/// The fields of a service request in Open311 GeoReport v2 (GET requests), and those a
/// request must carry.
const REQUEST_FIELDS: &[&str] = &[
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];
const REQUEST_REQUIRED: &[&str] = &["service_request_id", "status", "requested_datetime"];
/// The fields of a service in GeoReport v2 (GET services), all required.
const SERVICE_FIELDS: &[&str] = &[
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
];

fn iso_with_offset(v: &serde_json::Value, field: &str) {
    let text = v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is a string"));
    assert!(text.ends_with("+08:00"), "{field}: {text}");
    text.parse::<jiff::Timestamp>()
        .unwrap_or_else(|e| panic!("{field} {text} is not ISO 8601: {e}"));
}

#[test]
fn open311_export_keeps_to_the_georeport_v2_fields_and_names_no_reporter() {
    use minsheng::jobs::petition_exports::{self, Format};
    let mut l = ledger();
    let mut m = matter(
        l.category("fire"),
        l.chuangye,
        "消防栓无水",
        date(2026, 11, 2),
    );
    m.point = Some((117.80, 36.07));
    let (with_point, _) = l.store.write(|w| petitions::raise(w, &m)).unwrap();
    let closed = l.raise(l.chuangye, "路灯电线裸露", date(2026, 11, 16));
    l.step(closed, StepInput::SignFor).unwrap();
    l.step(closed, reply_fixed()).unwrap();
    l.step(closed, StepInput::Close).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matters.json");
    let filter = MatterFilter {
        from: Some(date(2026, 1, 1)),
        to: Some(date(2026, 12, 31)),
        ..MatterFilter::default()
    };
    petition_exports::export(
        &mut l.store,
        &filter,
        Format::Open311,
        &out,
        minsheng::i18n::Lang::Zh,
        &minsheng::jobs::Reporter::silent(),
    )
    .unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        !text.contains("李大爷") && !text.contains("13900001234"),
        "no reporter"
    );
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["exported_by"], "clerk（钱经办）");
    let services = doc["services"].as_array().unwrap();
    assert_eq!(services.len(), 8, "one service per category");
    for s in services {
        let keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        for k in SERVICE_FIELDS {
            assert!(keys.contains(k), "service lacks {k}");
        }
        assert!(keys.iter().all(|k| SERVICE_FIELDS.contains(k)), "{keys:?}");
        assert!(s["metadata"].is_boolean());
        assert!(["realtime", "batch", "blackbox"].contains(&s["type"].as_str().unwrap()));
    }
    let requests = doc["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    for r in requests {
        let o = r.as_object().unwrap();
        for k in o.keys() {
            assert!(
                REQUEST_FIELDS.contains(&k.as_str()),
                "{k} is not a GeoReport v2 field"
            );
        }
        for k in REQUEST_REQUIRED {
            assert!(o.contains_key(*k), "request lacks {k}");
        }
        assert!(["open", "closed"].contains(&r["status"].as_str().unwrap()));
        let code = r["service_code"].as_str().unwrap();
        assert!(services.iter().any(|s| s["service_code"] == code));
        iso_with_offset(r, "requested_datetime");
        iso_with_offset(r, "updated_datetime");
        iso_with_offset(r, "expected_datetime");
    }
    let request_of = |id: MatterId| id.0.to_string();
    let (pointed_id, closed_id) = (request_of(with_point), request_of(closed));
    let pointed = requests
        .iter()
        .find(|r| r["service_request_id"] == pointed_id.as_str())
        .unwrap();
    assert_eq!(
        (pointed["lat"].as_f64(), pointed["long"].as_f64()),
        (Some(36.07), Some(117.80))
    );
    assert_eq!(pointed["status"], "open");
    assert_eq!(pointed["agency_responsible"], "物业服务中心");
    assert_eq!(pointed["expected_datetime"], "2026-11-11T23:59:59+08:00");
    let done = requests
        .iter()
        .find(|r| r["service_request_id"] == closed_id.as_str())
        .unwrap();
    assert_eq!(done["status"], "closed");
    assert!(done["status_notes"].as_str().unwrap().contains("已解决"));
    assert!(done.get("lat").is_none(), "no point, no lat/long");
}

#[test]
fn the_csv_export_and_the_minutes_pdf() {
    use minsheng::jobs::petition_exports::{self, Format};
    let mut l = ledger();
    let meeting = l
        .store
        .write(|w| {
            petitions::add_meeting(
                w,
                &NewMeeting {
                    region_id: l.chuangye,
                    held_on: date(2026, 7, 29),
                    place: "创业社区党群服务中心会议室".into(),
                    chair: "王书记".into(),
                    minutes: "现场对接负责人".into(),
                    attendees: vec![NewAttendee {
                        name: "马主任".into(),
                        role: AttendeeRole::CommitteeDirector,
                        note: String::new(),
                    }],
                },
            )
        })
        .unwrap();
    let mut m = matter(
        l.category("noise"),
        l.chuangye,
        "篮球场夜间扰民",
        date(2026, 7, 29),
    );
    m.meeting_id = Some(meeting);
    let (id, _) = l.store.write(|w| petitions::raise(w, &m)).unwrap();
    l.step(id, StepInput::SignFor).unwrap();
    l.step(id, reply_fixed()).unwrap();
    l.step(id, StepInput::Close).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("matters.csv");
    let reporter = minsheng::jobs::Reporter::silent();
    let lang = minsheng::i18n::Lang::Zh;
    petition_exports::export(
        &mut l.store,
        &MatterFilter::default(),
        Format::Csv,
        &csv,
        lang,
        &reporter,
    )
    .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    assert!(
        text.contains("篮球场夜间扰民") && text.contains("已解决"),
        "{text}"
    );
    assert!(
        text.contains("clerk（钱经办）"),
        "the author on the last line"
    );
    assert!(!text.contains("13900001234"));
    // A JSON name on a CSV export is refused before anything is written.
    assert!(
        petition_exports::export(
            &mut l.store,
            &MatterFilter::default(),
            Format::Csv,
            &dir.path().join("x.json"),
            lang,
            &reporter
        )
        .is_err()
    );
    let pdf = dir.path().join("minutes.pdf");
    petition_exports::minutes(&mut l.store, meeting, &pdf, lang).unwrap();
    let document = lopdf::Document::load(&pdf).unwrap();
    let pages: Vec<u32> = document.get_pages().into_keys().collect();
    let text = document.extract_text(&pages).unwrap();
    for expected in [
        "创业社区",
        "篮球场夜间扰民",
        "马主任",
        "已解决",
        "主持人签字",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
}

#[test]
fn a_reporters_phone_is_revealed_only_to_whom_may_and_is_recorded() {
    let mut l = ledger();
    let id = l.raise(l.chuangye, "管道堵塞", date(2026, 11, 16));
    let records = |l: &Ledger| -> i64 {
        l.store
            .conn()
            .query_row(
                "SELECT count(*) FROM access_log WHERE what = 'phone' AND reason LIKE '%#' || ?1",
                [id.0],
                |r| r.get(0),
            )
            .unwrap()
    };
    l.sign_in("viewer");
    assert!(forbidden(
        l.store.write(|w| petitions::record_reporter_reveal(w, id))
    ));
    l.sign_in("aishan");
    assert!(forbidden(
        l.store.write(|w| petitions::record_reporter_reveal(w, id))
    ));
    assert_eq!(records(&l), 0);
    l.sign_in("clerk");
    l.store
        .write(|w| petitions::record_reporter_reveal(w, id))
        .unwrap();
    assert_eq!(records(&l), 1);
    // The full phone is only read for the one revealed; the store keeps it canonical.
    let m = petitions::get(&l.store.read(), id).unwrap();
    assert_eq!(m.reporter.phone, "13900001234");
}

#[test]
fn categories_are_settings_an_administrator_changes() {
    use minsheng::store::petitions::NewMatterCategory;
    let mut l = ledger();
    let change = NewMatterCategory {
        code: "noise".into(),
        name_zh: "噪音扰民".into(),
        name_en: "Noise".into(),
        owner_unit: "派出所".into(),
        deadline_days: 5,
        complex_days: 10,
        active: true,
    };
    assert!(forbidden(
        l.store.write(|w| petitions::save_category(w, &change))
    ));
    l.sign_in("admin");
    let mut bad = change.clone();
    bad.deadline_days = 0;
    assert!(matches!(
        l.store.write(|w| petitions::save_category(w, &bad)),
        Err(StoreError::Petition(PetitionRule::DeadlineDays))
    ));
    l.store
        .write(|w| petitions::save_category(w, &change))
        .unwrap();
    l.sign_in("clerk");
    let m = matter(
        l.category("noise"),
        l.chuangye,
        "夜间施工噪音",
        date(2026, 11, 16),
    );
    let (id, _) = l.store.write(|w| petitions::raise(w, &m)).unwrap();
    let shown = petitions::get(&l.store.read(), id).unwrap();
    // Monday 16 November + 5 working days.
    assert_eq!(shown.deadline, Some(date(2026, 11, 23)));
    assert_eq!(shown.owner_unit, "派出所");
}

#[test]
fn a_reporter_linked_to_the_registry_is_read_from_it_and_only_by_whom_may() {
    use minsheng::domain::person::PersonDraft;
    let mut l = ledger();
    l.sign_in("both");
    let beicheng = l.beicheng;
    let person = l
        .store
        .write(|w| {
            let draft = PersonDraft {
                name: "蒋英花".into(),
                id_number: "11010519491231002X".into(),
                phone: "13900005678".into(),
                region_id: Some(beicheng),
                ..PersonDraft::default()
            };
            minsheng::store::people::insert(w, &draft.validate(common::test_day()).unwrap())
        })
        .unwrap();
    let mut m = matter(
        l.category("housing"),
        l.beicheng,
        "楼顶漏雨",
        date(2026, 11, 16),
    );
    m.reporter = Reporter::Person(person);
    let (id, _) = l.store.write(|w| petitions::raise(w, &m)).unwrap();
    let shown = petitions::get(&l.store.read(), id).unwrap();
    assert_eq!(shown.reporter.person, Some(person));
    assert_eq!(
        (shown.reporter.name.as_str(), shown.reporter.phone.as_str()),
        ("蒋英花", "13900005678")
    );
    // A clerk of the petition log alone may not reach into the registry to link someone.
    l.sign_in("clerk");
    assert!(forbidden(l.store.write(|w| petitions::raise(w, &m))));
}

#[test]
fn the_id_list_and_its_rows_keep_the_order_and_the_street() {
    let mut l = ledger();
    let a = l.raise(l.chuangye, "逾期", date(2026, 11, 2));
    let b = l.raise(l.beicheng, "艾山的", date(2026, 11, 11));
    let c = l.raise(l.chuangye, "下周", date(2026, 11, 19));
    let read = l.store.read();
    let ids = petitions::list_ids(&read, &MatterFilter::default(), common::test_day()).unwrap();
    assert_eq!(ids, vec![a, b, c]);
    let rows = petitions::rows(&read, &[c, a]).unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![c, a]);
    l.sign_in("aishan");
    let read = l.store.read();
    let ids = petitions::list_ids(&read, &MatterFilter::default(), common::test_day()).unwrap();
    assert_eq!(ids, vec![b]);
    // Rows asked for by id are narrowed too.
    let rows = petitions::rows(&read, &[a, b, c]).unwrap();
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![b]);
}
