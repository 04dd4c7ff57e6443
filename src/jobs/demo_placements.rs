//! Demonstration data for the job-placements tab: posts in every village, about 1,800
//! placements spread over the year through the real placement checks, past months'
//! attendance filled in and their sheets approved, a few exits, and the current month open.

use jiff::civil::Date;

use crate::domain::pay::{Area, Month, PayRules};
use crate::domain::placement::{ExitReason, PostCategory, PostStatus};
use crate::domain::{PostId, RegionId};
use crate::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use crate::store::posts::{self, NewPost};
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
    for &(village, urban) in villages {
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
    seed_findings(w, today)?;
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
    let rules = placements::rules(w.tx())?;
    let mut candidates = crate::store::people::holding_any(w.tx(), &rules.eligible_categories)?;
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
    if placements::get(w.tx(), id)?.area != Area::Rural || rng.u8(..10) == 0 {
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
/// where about three in four entries are done.
fn run_months(
    w: &Writer<'_>,
    rng: &mut fastrand::Rng,
    today: Date,
    year_start: Date,
) -> Result<(), StoreError> {
    let current = Month::of(today);
    let mut month = Month::of(year_start);
    while month <= current {
        for row in payroll::attendance(w.tx(), month)? {
            if month == current && rng.u8(..4) == 0 {
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
            let approved_on = month
                .next()
                .first_day()
                .checked_add(jiff::Span::new().days(3))
                .unwrap_or(today);
            // Demo data is made up: what its random attendance trips is accepted as such.
            for f in crate::store::placement_reports::open_findings(w.tx(), month)? {
                crate::store::placement_reports::accept_finding(
                    w,
                    month,
                    f.kind,
                    f.placement_id,
                    "示例数据",
                )?;
            }
            payroll::approve(w, month, approved_on)?;
        }
        month = month.next();
    }
    Ok(())
}

/// What the checks exist for, once each: an exit reported late (paid a month after it),
/// recovered by an adjustment in the current month, and hours above a post's limit.
fn seed_findings(w: &Writer<'_>, today: Date) -> Result<(), StoreError> {
    let current = Month::of(today);
    let (paid, two_back) = (current.prev(), current.prev().prev());
    let Some(line) = crate::store::placement_reports::sheet(w.tx(), paid)?
        .into_iter()
        .find(|l| l.days_in_post == i64::from(paid.days()) && l.adjustment_fen == 0)
    else {
        return Ok(());
    };
    let started = placements::get(w.tx(), line.placement_id)?.start_date;
    if started <= two_back.last_day() {
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
    if let Some(row) = payroll::attendance(w.tx(), current)?
        .into_iter()
        .find(|r| r.area == Area::Rural && r.monthly_hours_tenths.is_some())
    {
        let over = row.monthly_hours_tenths.unwrap_or(0) + 200;
        payroll::set_attendance(w, row.placement_id, current, None, Some(over))?;
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
    use crate::domain::PersonId;
    use crate::store::bank::{self, NewAccount};
    let people: Vec<(i64, String)> = w
        .tx()
        .prepare("SELECT DISTINCT pe.id, pe.name FROM placements pl JOIN people pe ON pe.id = pl.person_id ORDER BY pe.id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (n, (id, name)) in people.iter().enumerate() {
        if n == 1 {
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
        let holder = if n == 2 {
            format!("{name}之子")
        } else {
            name.clone()
        };
        bank::set_account(
            w,
            PersonId(*id),
            &NewAccount {
                bank: BANKS[rng.usize(..BANKS.len())].into(),
                account_no: check,
                holder_name: holder,
            },
        )?;
    }
    let rules = placements::rules(w.tx())?;
    let mut proposed = 0;
    for (person, _) in crate::store::people::holding_any(w.tx(), &rules.eligible_categories)? {
        if proposed >= 5 {
            break;
        }
        let placed: bool = w.tx().query_row(
            "SELECT EXISTS (SELECT 1 FROM placements WHERE person_id = ?1)",
            [person.0],
            |r| r.get(0),
        )?;
        if !placed {
            bank::add_candidate(w, person, None, today)?;
            proposed += 1;
        }
    }
    Ok(())
}
