//! Demonstration data for the petition log: council meetings in several communities over
//! the year, the first of them on 29 July at 创业社区 of 汶源街道 with the article's five
//! matters, and about 60 matters per unit of scale (600 at the default) with the mix an
//! office sees: most closed on time, some late, some returned once, a few extensions, a few
//! unsatisfied call-backs reopened, and some open and overdue today. Deterministic: the
//! same scale and day give the same ledger.

use jiff::civil::{Date, date};

use crate::domain::RegionId;
use crate::domain::calendar::WorkCalendar;
use crate::domain::petition::{
    self, AttendeeRole, Channel, MatterCategoryId, MatterId, Outcome, Satisfaction,
};
use crate::store::petitions::{
    self, NewAttendee, NewMatter, NewMeeting, Reporter, StepInput, take_step_on,
};
use crate::store::{StoreError, Writer, regions};

/// Matters per unit of scale.
const MATTERS_PER_SCALE: usize = 60;

/// The division code of 创业社区 (汶源街道), where the first council meeting was held.
const CHUANGYE_CODE: &str = "370117003008";

/// The article's five matters, raised on 29 July: (category code, text, place, owner).
const ARTICLE_MATTERS: [(&str, &str, &str, &str); 5] = [
    (
        "municipal",
        "35号楼与36号楼之间路灯电线绝缘层裸露，有很大的安全隐患，需要赶紧解决",
        "35号楼与36号楼之间",
        "街道城市管理办公室",
    ),
    (
        "fire",
        "个别消防设施无水，消防栓打开没有水",
        "小区消防栓",
        "物业服务中心",
    ),
    (
        "housing",
        "房屋漏水，雨天顶楼漏雨",
        "12号楼顶层",
        "物业服务中心",
    ),
    ("pipes", "管道堵塞，下水不畅", "8号楼2单元", "物业服务中心"),
    (
        "noise",
        "篮球场晚上打球扰民",
        "小区篮球场",
        "社区居民委员会",
    ),
];

/// Matter texts by category code.
const TEXTS: [(&str, &[&str]); 8] = [
    (
        "municipal",
        &["路灯不亮", "人行道地砖松动", "井盖缺失", "路面坑洼积水"],
    ),
    (
        "fire",
        &["楼道堆放杂物堵塞消防通道", "灭火器过期", "消防栓无水"],
    ),
    ("housing", &["顶楼漏雨", "外墙皮脱落", "单元门损坏"]),
    ("pipes", &["下水管道堵塞", "化粪池外溢", "雨水管破裂"]),
    (
        "noise",
        &["广场舞音响声音过大", "夜间施工噪音", "篮球场夜间扰民"],
    ),
    (
        "sanitation",
        &["垃圾清运不及时", "绿化带杂草丛生", "楼道卫生差"],
    ),
    (
        "property",
        &["物业费收支不公开", "电梯维保不到位", "小区停车乱"],
    ),
    (
        "other",
        &["建议增设健身器材", "希望开设老年食堂", "快递柜不够用"],
    ),
];

const CHAIRS: [&str; 6] = ["王书记", "李书记", "张书记", "刘书记", "陈书记", "赵书记"];
const RESIDENTS: [&str; 8] = [
    "孙大爷",
    "周阿姨",
    "吴师傅",
    "郑大姐",
    "冯老师",
    "褚大爷",
    "卫阿姨",
    "蒋师傅",
];
const OWNERS: [&str; 4] = ["刘工", "张经理", "王主任", "李站长"];

/// Writes the meetings and matters into the open transaction; returns how many matters.
pub fn generate(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    scale: u32,
    villages: &[(RegionId, bool)],
) -> Result<usize, StoreError> {
    let categories = petitions::categories(&w.read())?;
    let cat = |code: &str| -> Result<MatterCategoryId, StoreError> {
        categories
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.id)
            .ok_or(StoreError::NotFound(
                crate::store::RecordKind::MatterCategory,
            ))
    };
    let calendar = WorkCalendar::new(
        crate::store::bank::listed_days(w.tx())?
            .into_iter()
            .map(|d| (d.day, d.kind)),
    );
    let communities: Vec<RegionId> = villages.iter().filter(|v| v.1).map(|v| v.0).collect();
    let places: Vec<RegionId> = villages.iter().map(|v| v.0).collect();
    if communities.is_empty() {
        return Ok(0);
    }
    let year = if today >= date(today.year(), 7, 29) {
        today.year()
    } else {
        today.year() - 1
    };
    let mut count = 0;
    if let Some(chuangye) = regions::id_by_code(w.tx(), CHUANGYE_CODE)? {
        count += article_meeting(w, date(year, 7, 29), chuangye, &cat, &calendar, today)?;
    }
    // Meetings in a dozen communities, about two a month since the first one.
    let mut held = date(year, 8, 10);
    let mut meetings = Vec::new();
    while held < today {
        let community = communities[rng.usize(..communities.len())];
        let id = petitions::add_meeting(w, &meeting(rng, community, held))?;
        meetings.push((id, community, held));
        held = held
            .checked_add(jiff::Span::new().days(rng.i64(10..20)))
            .unwrap_or(today);
    }
    let target = MATTERS_PER_SCALE * scale as usize;
    let start = today.first_of_year();
    let days = (today - start).get_days().max(1);
    while count < target {
        let from_meeting = !meetings.is_empty() && rng.u8(..100) < 30;
        let (meeting, region, received) = if from_meeting {
            let (id, community, held) = meetings[rng.usize(..meetings.len())];
            (Some(id), community, held)
        } else {
            let received = start
                .checked_add(jiff::Span::new().days(rng.i32(0..days)))
                .unwrap_or(today);
            (None, places[rng.usize(..places.len())], received)
        };
        let (code, texts) = TEXTS[rng.usize(..TEXTS.len())];
        let m = NewMatter {
            meeting_id: meeting,
            channel: if meeting.is_some() {
                Channel::Council
            } else {
                Channel::ALL[1 + rng.usize(..Channel::ALL.len() - 1)]
            },
            category_id: cat(code)?,
            text: texts[rng.usize(..texts.len())].to_string(),
            region_id: region,
            place_detail: format!("{}号楼", rng.u8(1..40)),
            point: None,
            reporter: reporter(rng),
            anonymous: rng.u8(..100) < 5,
            owner_unit: String::new(),
            owner_person: OWNERS[rng.usize(..OWNERS.len())].to_string(),
            complex: rng.u8(..100) < 10,
            received_on: received,
        };
        let (id, _) = petitions::raise(w, &m)?;
        follow(w, rng, id, received, today, &calendar)?;
        count += 1;
    }
    Ok(count)
}

fn reporter(rng: &mut fastrand::Rng) -> Reporter {
    match rng.u8(..10) {
        0..=5 => Reporter::Given {
            name: RESIDENTS[rng.usize(..RESIDENTS.len())].to_string(),
            // The plainly made-up form the demo's phones have: 1xx0000xxxx.
            phone: format!("13{}0000{:04}", rng.u8(0..10), rng.u16(0..10000)),
        },
        _ => Reporter::Nobody,
    }
}

fn meeting(rng: &mut fastrand::Rng, community: RegionId, held_on: Date) -> NewMeeting {
    let chair = CHAIRS[rng.usize(..CHAIRS.len())];
    let mut attendees = vec![
        attendee(chair, AttendeeRole::PartySecretary, ""),
        attendee("马主任", AttendeeRole::CommitteeDirector, ""),
        attendee("杨主任", AttendeeRole::OwnersDirector, ""),
        attendee("朱经理", AttendeeRole::PropertyManager, "物业服务中心"),
    ];
    for _ in 0..rng.usize(2..5) {
        let name = RESIDENTS[rng.usize(..RESIDENTS.len())];
        attendees.push(attendee(name, AttendeeRole::Resident, ""));
    }
    NewMeeting {
        region_id: community,
        held_on,
        place: "社区党群服务中心会议室".into(),
        chair: chair.into(),
        minutes: "居民代表反映问题，社区、业委会、物业现场对接负责人，明确办理时限。".into(),
        attendees,
    }
}

fn attendee(name: &str, role: AttendeeRole, note: &str) -> NewAttendee {
    NewAttendee {
        name: name.into(),
        role,
        note: note.into(),
    }
}

/// The first meeting, as the article tells it, with its five matters handed over on the spot.
fn article_meeting(
    w: &Writer<'_>,
    held_on: Date,
    chuangye: RegionId,
    cat: &dyn Fn(&str) -> Result<MatterCategoryId, StoreError>,
    calendar: &WorkCalendar,
    today: Date,
) -> Result<usize, StoreError> {
    let meeting = NewMeeting {
        region_id: chuangye,
        held_on,
        place: "创业社区党群服务中心会议室".into(),
        chair: "王书记".into(),
        minutes: "“民意直通车”居民议事会首次召开。社区党委书记、居委会主任、业主委员会主任、物业经理和居民代表围坐一起，听取居民问题，现场对接相关问题负责人，做到意见及时反馈、问题集中治理。".into(),
        attendees: vec![
            attendee("王书记", AttendeeRole::PartySecretary, "社区党委"),
            attendee("马主任", AttendeeRole::CommitteeDirector, "创业社区居委会"),
            attendee("杨主任", AttendeeRole::OwnersDirector, "小区业主委员会"),
            attendee("朱经理", AttendeeRole::PropertyManager, "小区物业服务中心"),
            attendee("孙大爷", AttendeeRole::Resident, "35号楼"),
            attendee("周阿姨", AttendeeRole::Resident, "36号楼"),
            attendee("吴师傅", AttendeeRole::Resident, "8号楼"),
        ],
    };
    let id = petitions::add_meeting(w, &meeting)?;
    for (n, (code, text, place, owner)) in ARTICLE_MATTERS.into_iter().enumerate() {
        let (matter, _) = petitions::raise(
            w,
            &NewMatter {
                meeting_id: Some(id),
                channel: Channel::Council,
                category_id: cat(code)?,
                text: text.into(),
                region_id: chuangye,
                place_detail: place.into(),
                point: None,
                reporter: Reporter::Nobody,
                anonymous: false,
                owner_unit: owner.into(),
                owner_person: OWNERS[n % OWNERS.len()].into(),
                complex: code == "housing",
                received_on: held_on,
            },
        )?;
        let step = |input: StepInput, after: u32| -> Result<(), StoreError> {
            let day = calendar.add_working_days(held_on, after).unwrap_or(held_on);
            take_step_on(w, matter, &input, day.min(today))
        };
        step(StepInput::SignFor, 0)?;
        step(StepInput::Start, 1)?;
        let reply = match code {
            "municipal" => "已联系供电部门更换绝缘层，电线穿管固定。",
            "fire" => "已恢复消防管网供水，逐一试水正常。",
            "housing" => "顶楼防水已重新铺设。",
            "pipes" => "已疏通主管道并清理化粪池。",
            _ => "篮球场晚九点后关闭灯光，已张贴告示。",
        };
        step(
            StepInput::Reply {
                text: reply.into(),
                outcome: Outcome::Fixed,
                responsible: String::new(),
            },
            if code == "housing" { 12 } else { 4 },
        )?;
        step(StepInput::Close, if code == "housing" { 12 } else { 4 })?;
        let said = if code == "noise" {
            Satisfaction::Basic
        } else {
            Satisfaction::Satisfied
        };
        step(
            StepInput::CallBack {
                said,
                note: String::new(),
            },
            14,
        )?;
    }
    Ok(ARTICLE_MATTERS.len())
}

/// Takes a generated matter through the steps its fate says, dated as they would have been.
fn follow(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    id: MatterId,
    received: Date,
    today: Date,
    calendar: &WorkCalendar,
) -> Result<(), StoreError> {
    let m = petitions::get(&w.read(), id)?;
    let Some(deadline) = m.deadline else {
        return Ok(());
    };
    let allowed = petition::working_days_between(calendar, received, deadline).unwrap_or(7);
    let at = |n: u32| -> Date { calendar.add_working_days(received, n).unwrap_or(received) };
    let roll = rng.u8(..100);
    // A matter forgotten for months is not what an office has: the open, overdue ones were
    // received in the last two months; older ones of that fate were closed late.
    let recent = (today - received).get_days() < 60;
    let fate_late = roll < 8 || ((8..16).contains(&roll) && !recent);
    let fate_open_overdue = (8..16).contains(&roll) && recent;
    // The newest matters wait at each stage: not yet signed for, signed for, being worked on.
    let fresh = (today - received).get_days() < 5;
    if fresh && roll.is_multiple_of(3) {
        return Ok(());
    }
    let fate_return = (16..23).contains(&roll);
    let fate_extension = (23..26).contains(&roll);
    let mut day = 0;
    let step = |input: StepInput, n: u32| -> Result<bool, StoreError> {
        let when = at(n);
        if when > today {
            return Ok(false);
        }
        take_step_on(w, id, &input, when)?;
        Ok(true)
    };
    if fate_return {
        day += 1;
        if !step(
            StepInput::Return {
                reason: "不属于本单位职责范围，请重新交办".into(),
            },
            day,
        )? {
            return Ok(());
        }
        day += rng.u32(1..3);
        if !step(
            StepInput::Reassign {
                owner_unit: "社区居民委员会".into(),
                owner_person: "马主任".into(),
            },
            day,
        )? {
            return Ok(());
        }
    }
    if !step(StepInput::SignFor, day)? || (fresh && roll % 3 == 1) {
        return Ok(());
    }
    day += 1;
    if !step(StepInput::Start, day)? {
        return Ok(());
    }
    if fate_open_overdue {
        return Ok(());
    }
    let mut finish = if fate_late {
        allowed + rng.u32(1..6)
    } else {
        rng.u32(day.max(2)..allowed.max(day + 1) + 1)
    };
    if fate_extension {
        day += 1;
        if !step(
            StepInput::AskExtension {
                days: 5,
                reason: "需协调施工队，材料未到".into(),
            },
            day,
        )? {
            return Ok(());
        }
        if !step(
            StepInput::DecideExtension {
                approve: true,
                note: String::new(),
            },
            day + 1,
        )? {
            return Ok(());
        }
        finish = allowed + rng.u32(2..5);
    }
    let outcome = match rng.u8(..100) {
        0..=84 => Outcome::Fixed,
        85..=94 => Outcome::NotFixed,
        _ => Outcome::NotOurs,
    };
    let reply = match outcome {
        Outcome::Fixed => "已处理完毕，现场核实问题已解决。",
        Outcome::NotFixed => "需纳入明年小区改造计划，已向居民说明原因。",
        Outcome::NotOurs => "已转交责任单位办理。",
    };
    if !step(
        StepInput::Reply {
            text: reply.into(),
            outcome,
            responsible: if outcome == Outcome::NotOurs {
                "国网钢城区供电中心".into()
            } else {
                String::new()
            },
        },
        finish,
    )? || !step(StepInput::Close, finish)?
    {
        return Ok(());
    }
    if rng.u8(..100) >= 70 {
        return Ok(());
    }
    let said = match rng.u8(..100) {
        0..=69 => Satisfaction::Satisfied,
        70..=93 => Satisfaction::Basic,
        _ => Satisfaction::Unsatisfied,
    };
    if !step(
        StepInput::CallBack {
            said,
            note: String::new(),
        },
        finish + 2,
    )? || said != Satisfaction::Unsatisfied
    {
        return Ok(());
    }
    // Reopened: worked on again, and most are closed the second time.
    let again = finish + 2 + rng.u32(2..8);
    if rng.u8(..100) < 70 {
        step(
            StepInput::Reply {
                text: "再次上门处理，已彻底解决。".into(),
                outcome: Outcome::Fixed,
                responsible: String::new(),
            },
            again,
        )?;
        step(StepInput::Close, again)?;
    }
    Ok(())
}
