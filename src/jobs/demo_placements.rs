//! Demonstration data for the job-placements tab: posts in every village, about 1,800
//! placements spread over the year through the real placement checks, past months'
//! attendance filled in and their sheets approved, a few exits, and the current month open.

use std::collections::HashSet;

use jiff::civil::Date;

use crate::domain::pay::{Area, Month, PayRules};
use crate::domain::placement::{ExitReason, PostCategory, PostStatus};
use crate::domain::{PersonId, PlacementId, PostId, RegionId};
use crate::store::placement_reports::CheckKind;
use crate::store::placements::{self, NewPlacement, NewTraining, PlacementScope, TrainingChoice};
use crate::store::posts::{self, NewPost, PostFilter};
use crate::store::{StoreError, Writer, payroll};

/// Placements per unit of scale (the article: 1,800 people placed at scale 10).
const PLACEMENTS_PER_SCALE: usize = 180;

/// Post titles by category, as villages and communities name them.
const TITLES: [(PostCategory, &[&str]); 5] = [
    (
        PostCategory::FacilityMaintenance,
        &["保洁员", "绿化养护员", "公共设施维护员", "水利设施巡查员"],
    ),
    (
        PostCategory::PublicService,
        &["养老服务员", "幸福食堂帮厨", "医保协管员", "就业社保协理员"],
    ),
    (
        PostCategory::SocialGovernance,
        &["网格员", "治安巡逻员", "人民调解协管员"],
    ),
    (
        PostCategory::PublicManagement,
        &["信息采集员", "交通劝导员"],
    ),
    (
        PostCategory::SocialUndertaking,
        &["农家书屋管理员", "文化活动管理员"],
    ),
];

/// Writes posts, placements and months into the open transaction.
pub fn generate(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    scale: u32,
    villages: &[(RegionId, bool)],
) -> Result<usize, StoreError> {
    payroll::set_pay_rules(
        w,
        &PayRules {
            tier: 2,
            absence: crate::domain::pay::AbsenceRule::default(),
        },
    )?;
    let year_start = today.first_of_year();
    let funded_to = today
        .last_of_year()
        .checked_add(jiff::Span::new().years(2))
        .unwrap_or(today.last_of_year());
    let target = PLACEMENTS_PER_SCALE * scale as usize;
    let mut posts = Vec::new();
    let mut capacity = 0;
    // Posts in villages and communities of every street, not only the first ones listed.
    let mut villages = villages.to_vec();
    rng.shuffle(&mut villages);
    for (village, urban) in villages {
        if capacity > target * 11 / 10 {
            break;
        }
        for _ in 0..rng.usize(1..=3) {
            let (category, titles) = TITLES[rng.usize(..TITLES.len())];
            let headcount = rng.i64(2..=8);
            let area = if urban { Area::Urban } else { Area::Rural };
            let hours = (area == Area::Rural).then(|| rng.i64(6..=10) * 100);
            let post = NewPost {
                title: titles[rng.usize(..titles.len())].to_string(),
                category,
                area,
                host_unit: String::new(),
                region_id: village,
                headcount,
                monthly_hours_tenths: hours,
                min_hours_tenths: hours.map(|h| h / 2),
                max_hours_tenths: hours,
                funded_from: year_start,
                funded_to,
                status: PostStatus::Open,
            };
            let host_unit = if urban {
                "社区居民委员会"
            } else {
                "村民委员会"
            };
            let id = posts::insert(
                w,
                &NewPost {
                    host_unit: host_unit.into(),
                    ..post
                },
            )?;
            posts.push((id, village, headcount));
            capacity += headcount as usize;
        }
    }
    let placed = place_people(w, rng, today, year_start, funded_to, &posts, target)?;
    run_months(w, rng, today, year_start)?;
    seed_findings(w, rng, today, funded_to)?;
    bank_accounts(w, rng, today)?;
    Ok(placed)
}

/// Places eligible people near each post until the target is reached.
fn place_people(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    year_start: Date,
    funded_to: Date,
    posts: &[(PostId, RegionId, i64)],
    target: usize,
) -> Result<usize, StoreError> {
    let rules = placements::rules(&w.read())?;
    let mut candidates = crate::store::people::holding_any(&w.read(), &rules.eligible_categories)?;
    rng.shuffle(&mut candidates);
    let days_so_far = (today - year_start).get_days().max(1);
    let mut placed = 0;
    'posts: for &(post, village, headcount) in posts {
        let mut filled = 0;
        let mut index = 0;
        while filled < headcount && index < candidates.len() {
            if placed >= target {
                break 'posts;
            }
            // Prefer people of the post's own village; take anyone after a few tries.
            let (person, home) = candidates[index];
            if home != village && rng.u8(..4) != 0 {
                index += 1;
                continue;
            }
            let start = year_start
                .checked_add(jiff::Span::new().days(rng.i32(0..days_so_far)))
                .unwrap_or(year_start);
            let trained_on = start
                .checked_sub(jiff::Span::new().days(rng.i32(5..25)))
                .unwrap_or(start);
            let new = NewPlacement {
                person_id: person,
                post_id: post,
                training: TrainingChoice::New(NewTraining {
                    course: "城乡公益性岗位上岗培训".into(),
                    trained_on,
                    hours: rng.i64(8..=24),
                    passed: true,
                }),
                start_date: start,
                agreement_end: rules.default_agreement_end(start).min(funded_to),
                accident_insurance: true,
            };
            match placements::place(w, &new) {
                Ok(id) => {
                    filled += 1;
                    placed += 1;
                    insure(w, rng, id, start)?;
                    candidates.swap_remove(index);
                    maybe_exit(w, rng, today, id, start)?;
                }
                // Too old, too young or otherwise not eligible: try the next person.
                Err(StoreError::Ineligible(_)) => index += 1,
                Err(e) => return Err(e),
            }
        }
    }
    Ok(placed)
}

/// Rural placements get a year's accident policy from their start; about one in ten is
/// left without, for the checks to find.
fn insure(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    id: crate::domain::PlacementId,
    start: Date,
) -> Result<(), StoreError> {
    if placements::get(&w.read(), id)?.area != Area::Rural || rng.u8(..10) == 0 {
        return Ok(());
    }
    let covers_to = start
        .checked_add(jiff::Span::new().years(1))
        .and_then(|d| d.yesterday())
        .unwrap_or(start);
    let policy = crate::store::pay_settings::NewPolicy {
        insurer: "中国人民财产保险股份有限公司".into(),
        policy_no: format!("PICC{:08}", id.0),
        premium_fen: 10_000,
        covers_from: start,
        covers_to,
    };
    crate::store::pay_settings::add_policy(w, id, &policy).map(|_| ())
}

/// About one in twenty placements has already ended, for a reason.
fn maybe_exit(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    id: crate::domain::PlacementId,
    start: Date,
) -> Result<(), StoreError> {
    let span = (today - start).get_days();
    if span < 40 || rng.u8(..20) != 0 {
        return Ok(());
    }
    let last_day = start
        .checked_add(jiff::Span::new().days(rng.i32(30..span)))
        .unwrap_or(start);
    let reasons = [
        ExitReason::OtherWork,
        ExitReason::OtherWork,
        ExitReason::RetiredOrDied,
        ExitReason::Unfit,
        ExitReason::Other,
    ];
    placements::exit(w, id, last_day, reasons[rng.usize(..reasons.len())], "")
}

/// Fills attendance for every month of the year so far; approves all but the current one,
/// where about three in four entries are done (and at least one urban entry is not).
fn run_months(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    year_start: Date,
) -> Result<(), StoreError> {
    let current = Month::of(today);
    let mut month = Month::of(year_start);
    while month <= current {
        let mut urban_left_out = false;
        for row in payroll::attendance(&w.read(), month)? {
            if month == current
                && (rng.u8(..4) == 0 || (row.area == Area::Urban && !urban_left_out))
            {
                urban_left_out |= row.area == Area::Urban;
                continue;
            }
            let days = i64::from(crate::domain::pay::days_in_post(month, row.in_post));
            let (days_worked, hours) = match row.area {
                Area::Urban => (Some((days - rng.i64(0..=2)).max(0)), None),
                Area::Rural => {
                    let full = row.monthly_hours_tenths.unwrap_or(800);
                    let share = full * days / i64::from(month.days());
                    (None, Some((share - rng.i64(0..=4) * 5).max(0)))
                }
            };
            payroll::set_attendance(w, row.placement_id, month, days_worked, hours)?;
        }
        if month < current {
            payroll::compute(w, month, |_, _| true)?;
            // Signed on the 4th of the next month, or today if that is still to come: never
            // before the month has ended, never after today.
            let approved_on = month
                .next()
                .first_day()
                .checked_add(jiff::Span::new().days(3))
                .unwrap_or(today)
                .min(today);
            // What the month's attendance trips is looked into and accepted, each with the
            // reason a checker would write for its kind.
            for f in crate::store::placement_reports::open_findings(&w.read(), month)? {
                crate::store::placement_reports::accept_finding(
                    w,
                    month,
                    f.kind,
                    f.placement_id,
                    acceptance_reason(f.kind),
                )?;
            }
            payroll::approve_as(w, month, approved_on, super::demo::APPROVER)?;
        }
        month = month.next();
    }
    Ok(())
}

/// The reason a finance checker writes when accepting a finding of `kind` in a past month.
fn acceptance_reason(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::PaidAfterExit => "退岗迟报，多发部分已在次月补贴中扣回",
        CheckKind::PaidTwice => "同月转岗，两段在岗日期不重叠，已核对协议",
        CheckKind::Retirement => "已达法定退休年龄，已办理退岗，多发部分次月扣回",
        CheckKind::HoursAboveLimit => "超出部分不予计发，已按岗位工时上限核发",
        CheckKind::NoAttendance => "纸质考勤表已由村委会签章报来，系统补录中",
        CheckKind::ExitPaidWholeMonth => "退岗当月按实际在岗天数核定，差额下月扣回",
        CheckKind::NoDaysWorked => "本月全月病假，有医院证明，按规定只计发社保补贴",
        CheckKind::PersonDeleted => "本人已故，当月在岗天数补贴由家属代领",
        CheckKind::PostClosedOrUnfunded => "续拨资金已批复，拨付文件待下达",
        CheckKind::NoAccidentCover => "意外伤害保险已投保，保单待补录",
    }
}

/// What the checks exist for: an exit reported late in an approved month, recovered by an
/// adjustment in the current month; then, in the current month, at least one finding of
/// every kind, each the way a real ledger comes by it (see [`current_month_findings`]).
fn seed_findings(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    funded_to: Date,
) -> Result<(), StoreError> {
    let current = Month::of(today);
    let (paid, two_back) = (current.prev(), current.prev().prev());
    let mut used = HashSet::new();
    if let Some(line) = crate::store::placement_reports::sheet(&w.read(), paid)?
        .into_iter()
        .find(|l| l.days_in_post == i64::from(paid.days()) && l.adjustment_fen == 0)
    {
        let started = placements::get(&w.read(), line.placement_id)?.start_date;
        if started <= two_back.last_day() {
            used.insert(line.placement_id);
            placements::exit(
                w,
                line.placement_id,
                two_back.last_day(),
                ExitReason::OtherWork,
                "迟报退岗",
            )?;
            payroll::add_adjustment(
                w,
                &payroll::NewAdjustment {
                    month: current,
                    placement_id: line.placement_id,
                    corrects_month: paid,
                    amount_fen: -line.total_fen,
                    reason: "退岗后多发，追回".into(),
                },
            )?;
        }
    }
    current_month_findings(w, rng, today, funded_to, &mut used)
}

/// The current month, computed on the way to one finding of each kind. Before the sheet
/// is computed: hours entered above a post's limit, a transfer between two posts within the
/// month (paid twice), someone who died in the month and was moved to the trash, a post
/// whose funding ran out mid-month, and a new rural worker placed without accident cover.
/// After it, as offices learn things late: an exit dated last month, an exit within the
/// month, attendance corrected to nothing, and an ID number corrected to an older birth
/// date. An urban entry left empty (see [`run_months`]) is paid with no attendance.
fn current_month_findings(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    funded_to: Date,
    used: &mut HashSet<PlacementId>,
) -> Result<(), StoreError> {
    let current = Month::of(today);
    let day = |n: i32| {
        current
            .first_day()
            .checked_add(jiff::Span::new().days(n))
            .unwrap_or(today)
            .min(today)
    };
    let rows = payroll::attendance(&w.read(), current)?;
    let people_placed_once: HashSet<PersonId> = {
        let mut count = std::collections::HashMap::new();
        for p in placements_of_people(w)? {
            *count.entry(p).or_insert(0) += 1;
        }
        count
            .into_iter()
            .filter(|(_, n)| *n == 1)
            .map(|(p, _)| p)
            .collect()
    };
    // A placement in post the whole month, since before last month, not yet planted.
    let pick = |used: &mut HashSet<PlacementId>, area: Option<Area>, entered: bool| {
        let found = rows.iter().find(|r| {
            !used.contains(&r.placement_id)
                && area.is_none_or(|a| a == r.area)
                && r.in_post.start <= current.prev().first_day()
                && r.in_post.last_day.is_none_or(|d| d >= current.last_day())
                && people_placed_once.contains(&r.person_id)
                && (!entered || payroll::attendance_value(r).is_some_and(|v| v > 0))
        });
        found.map(|r| {
            used.insert(r.placement_id);
            r.clone()
        })
    };
    // Hours entered above the post's limit (the sheet pays the limit; the check says so).
    if let Some(row) = rows.iter().find(|r| {
        r.area == Area::Rural && r.monthly_hours_tenths.is_some() && !used.contains(&r.placement_id)
    }) {
        used.insert(row.placement_id);
        let over = row.monthly_hours_tenths.unwrap_or(0) + 200;
        payroll::set_attendance(w, row.placement_id, current, None, Some(over))?;
    }
    // Moved to another post on the 6th: two lines for one ID number.
    if let Some(row) = pick(used, Some(Area::Urban), false) {
        let last = day(4);
        placements::exit(
            w,
            row.placement_id,
            last,
            ExitReason::Other,
            "调往本村另一岗位",
        )?;
        let start = last.tomorrow().unwrap_or(last);
        let post = placements::get(&w.read(), row.placement_id)?.post_id;
        if let Some(id) = place_in_room(w, row.person_id, start, funded_to, false, post)? {
            used.insert(id);
            let before = i64::from(crate::domain::pay::days_in_post(
                current,
                crate::domain::pay::InPost {
                    start: row.in_post.start,
                    last_day: Some(last),
                },
            ));
            payroll::set_attendance(w, row.placement_id, current, Some(before), None)?;
            if placements::get(&w.read(), id)?.area == Area::Urban {
                let days = i64::from(crate::domain::pay::days_in_post(
                    current,
                    crate::domain::pay::InPost {
                        start,
                        last_day: None,
                    },
                ));
                payroll::set_attendance(w, id, current, Some(days), None)?;
            } else {
                payroll::set_attendance(w, id, current, None, Some(400))?;
            }
        }
    }
    // Died on the 3rd; the registry moved the person to the trash once the exit was in.
    if let Some(row) = pick(used, None, false) {
        placements::exit(
            w,
            row.placement_id,
            day(2),
            ExitReason::RetiredOrDied,
            "病故",
        )?;
        crate::store::people::set_trashed(w, row.person_id, true)?;
    }
    // The post's funding ran out on the 10th and nobody told the village.
    if let Some(row) = pick(used, None, false) {
        let post_id = placements::get(&w.read(), row.placement_id)?.post_id;
        let post = posts::get(&w.read(), post_id, today)?;
        let ends = current
            .first_day()
            .checked_add(jiff::Span::new().days(9))
            .unwrap_or(current.first_day());
        if post.fields.funded_from < ends {
            posts::update(
                w,
                post_id,
                &NewPost {
                    funded_to: ends,
                    ..post.fields
                },
            )?;
            // Everyone on that post is paid to the 10th now: none of them for another story.
            let on_post = placements::list(&w.read(), PlacementScope::All, Some(post_id), "")?;
            used.extend(on_post.into_iter().map(|p| p.id));
        }
    }
    // A new rural worker since the 1st, the accident policy not yet bought.
    let newcomers = unplaced(w)?;
    let mut newcomers = newcomers.into_iter();
    for person in newcomers.by_ref() {
        if let Some(id) = place_in_room(w, person, current.first_day(), funded_to, true, PostId(0))?
        {
            used.insert(id);
            payroll::set_attendance(w, id, current, None, Some(600))?;
            break;
        }
    }
    // A newcomer whose ID number will turn out mistyped (below).
    let mut corrected = None;
    for person in newcomers {
        if let Some(id) = place_in_any(w, person, current.first_day(), funded_to)? {
            used.insert(id);
            let p = placements::get(&w.read(), id)?;
            match p.area {
                Area::Urban => payroll::set_attendance(w, id, current, Some(15), None)?,
                Area::Rural => payroll::set_attendance(w, id, current, None, Some(500))?,
            }
            corrected = Some(person);
            break;
        }
    }
    payroll::compute(w, current, |_, _| true)?;
    // Reported late: left at the end of last month, still on this month's sheet.
    if let Some(row) = pick(used, None, false) {
        let last = current.prev().last_day();
        placements::exit(
            w,
            row.placement_id,
            last,
            ExitReason::OtherWork,
            "村委会迟报，上月底已外出务工",
        )?;
    }
    // Left on the 10th, recorded after the sheet was computed for the whole month.
    if let Some(row) = pick(used, None, false) {
        placements::exit(w, row.placement_id, day(9), ExitReason::Unfit, "身体原因")?;
    }
    // The village corrected the attendance: off sick the whole month.
    if let Some(row) = pick(used, Some(Area::Urban), true) {
        payroll::set_attendance(w, row.placement_id, current, Some(0), None)?;
    }
    if let Some(person) = corrected {
        correct_id_number(w, rng, today, person)?;
    }
    Ok(())
}

/// Every placement's person, once per placement.
fn placements_of_people(w: &Writer<'_>) -> Result<Vec<PersonId>, StoreError> {
    let all = placements::list(&w.read(), PlacementScope::All, None, "")?;
    Ok(all.into_iter().map(|p| p.person_id).collect())
}

/// Eligible people never placed, by id.
fn unplaced(w: &Writer<'_>) -> Result<Vec<PersonId>, StoreError> {
    let rules = placements::rules(&w.read())?;
    let placed: HashSet<PersonId> = placements_of_people(w)?.into_iter().collect();
    let mut out: Vec<PersonId> =
        crate::store::people::holding_any(&w.read(), &rules.eligible_categories)?
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| !placed.contains(p))
            .collect();
    out.sort();
    Ok(out)
}

/// Places `person` from `start` on the first post (other than `not_on`) that takes them:
/// rural only, without accident cover, if `rural_uncovered`. The placement, if any post did.
fn place_in_room(
    w: &Writer<'_>,
    person: PersonId,
    start: Date,
    funded_to: Date,
    rural_uncovered: bool,
    not_on: PostId,
) -> Result<Option<PlacementId>, StoreError> {
    let rules = placements::rules(&w.read())?;
    let open = PostFilter {
        status: Some(PostStatus::Open),
        ..PostFilter::default()
    };
    let mut ids: Vec<(PostId, Area)> = posts::list(&w.read(), &open, start)?
        .into_iter()
        .filter(|p| p.fields.funded_to >= start)
        .map(|p| (p.id, p.fields.area))
        .collect();
    ids.sort_by_key(|(id, _)| *id);
    for (post, area) in ids {
        if post == not_on || (rural_uncovered && area != Area::Rural) {
            continue;
        }
        let new = NewPlacement {
            person_id: person,
            post_id: post,
            training: TrainingChoice::New(NewTraining {
                course: "城乡公益性岗位上岗培训".into(),
                trained_on: start
                    .checked_sub(jiff::Span::new().days(10))
                    .unwrap_or(start),
                hours: 16,
                passed: true,
            }),
            start_date: start,
            agreement_end: rules.default_agreement_end(start).min(funded_to),
            accident_insurance: !rural_uncovered,
        };
        match placements::place(w, &new) {
            Ok(id) => return Ok(Some(id)),
            Err(StoreError::Ineligible(_)) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Places `person` from `start` on the first post that takes them, covered.
fn place_in_any(
    w: &Writer<'_>,
    person: PersonId,
    start: Date,
    funded_to: Date,
) -> Result<Option<PlacementId>, StoreError> {
    place_in_room(w, person, start, funded_to, false, PostId(0))
}

/// The registry corrects `person`'s ID number: the birth date typed was a decade and more
/// too late, and the person is past the age limit.
fn correct_id_number(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    person: PersonId,
) -> Result<(), StoreError> {
    use crate::domain::id_number::{IdNumber, check_character};
    use crate::domain::person::NewPerson;
    let p = crate::store::people::get(&w.read(), person)?;
    let rules = placements::rules(&w.read())?;
    let female = p.sex == crate::domain::id_number::Sex::Female;
    let age = if female {
        rules.max_age_female
    } else {
        rules.max_age_male
    } + 2;
    let area = &p.id_number[..6];
    for _ in 0..50 {
        let birth = today
            .checked_sub(jiff::Span::new().years(age).days(rng.i64(1..300)))
            .unwrap_or(today);
        let sequence = rng.u32(0..500) * 2 + if female { 0 } else { 1 };
        let body = format!("{area}{}{sequence:03}", birth.strftime("%Y%m%d"));
        let Ok(id_number) = IdNumber::parse_on(&format!("{body}{}", check_character(&body)), today)
        else {
            continue;
        };
        if crate::store::people::find_by_id_number(&w.read(), id_number.as_str())?.is_some() {
            continue;
        }
        let fields = NewPerson {
            name: p.name.clone(),
            id_number,
            phone: crate::domain::phone::Phone::parse(&p.phone).ok(),
            address: p.address.clone(),
            region_id: p.region_id,
            categories: p.categories.clone(),
            notes: "身份证号录入有误，已按原件更正".into(),
        };
        return crate::store::people::update(w, person, &fields);
    }
    Ok(())
}

/// Banks of a county, as their branches are named.
const BANKS: [&str; 4] = [
    "中国农业银行济南钢城支行",
    "中国邮政储蓄银行济南钢城区支行",
    "莱商银行钢城支行",
    "山东钢城农村商业银行",
];

/// A bank account for everyone placed, with a card number that passes the Luhn check;
/// for the bank file's problems, once each: someone without an account and an account
/// held in another name. Then a few people proposed for placement, for the notice before.
fn bank_accounts(w: &Writer<'_>, rng: &mut fastrand::Rng, today: Date) -> Result<(), StoreError> {
    use crate::store::bank::{self, NewAccount};
    let placed = placements::list(&w.read(), PlacementScope::All, None, "")?;
    // Everyone ever placed, by id, with their name.
    let people: std::collections::BTreeMap<PersonId, String> = placed
        .iter()
        .map(|p| (p.person_id, p.name.clone()))
        .collect();
    let person_of: std::collections::HashMap<PlacementId, PersonId> =
        placed.iter().map(|p| (p.id, p.person_id)).collect();
    // The two problems go to people paid in the open month (the file being prepared), and
    // not to anyone a check already points at.
    let current = Month::of(today);
    let flagged: HashSet<PersonId> = crate::store::placement_reports::checks(&w.read(), current)?
        .into_iter()
        .map(|f| f.person_id)
        .collect();
    let paid_now: Vec<PersonId> = crate::store::placement_reports::sheet(&w.read(), current)?
        .into_iter()
        .filter(|l| l.wage_fen > 0)
        .filter_map(|l| person_of.get(&l.placement_id).copied())
        .filter(|p| !flagged.contains(p))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let (no_account, other_name) = (paid_now.first().copied(), paid_now.get(1).copied());
    for (id, name) in &people {
        if Some(*id) == no_account {
            continue; // no account yet
        }
        let mut digits: String = "622848".to_string();
        for _ in 0..12 {
            digits.push(char::from(b'0' + rng.u8(..10)));
        }
        let check = (0..10u8)
            .map(|d| format!("{digits}{d}"))
            .find(|candidate| crate::domain::bank::luhn_ok(candidate))
            .unwrap_or_else(|| format!("{digits}0"));
        let holder = if Some(*id) == other_name {
            format!("{name}之子")
        } else {
            name.clone()
        };
        bank::set_account(
            w,
            *id,
            &NewAccount {
                bank: BANKS[rng.usize(..BANKS.len())].into(),
                account_no: check,
                holder_name: holder,
            },
        )?;
    }
    let mut proposed = 0;
    let rules = placements::rules(&w.read())?;
    for (person, _) in crate::store::people::holding_any(&w.read(), &rules.eligible_categories)? {
        if proposed >= 5 {
            break;
        }
        if !people.contains_key(&person) {
            bank::add_candidate(w, person, None, today)?;
            proposed += 1;
        }
    }
    Ok(())
}
