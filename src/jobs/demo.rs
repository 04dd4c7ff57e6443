//! Demonstration data: the district's real division tree and generated, fictional people.
//!
//! Nothing here is a fixed table of people: names, ID numbers, phones and categories are
//! drawn from a seeded generator, so the same scale gives the same data. ID numbers pass
//! the GB 11643 check; phones use the `1xx0000xxxx` pattern so they are plainly made up.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;

use super::{JobError, Outcome, Reporter};
use crate::domain::access::{Area, Grant, Role};
use crate::domain::id_number::{IdNumber, check_character};
use crate::domain::person::NewPerson;
use crate::domain::phone::Phone;
use crate::domain::region::RegionLevel;
use crate::domain::{CategoryId, RegionId, names};
use crate::store::accounts::{self, NewAccount, SignInMode};
use crate::store::regions::NewRegion;
use crate::store::{Store, StoreError, categories, people, regions, settings};

/// The district's division codes and names (national statistical codes, 2023 edition).
const DIVISIONS_CSV: &str = include_str!("../../assets/divisions_370117.csv");
/// Approximate street-office locations, WGS-84, with their uncertainty.
const STREETS_CSV: &str = include_str!("../../assets/streets_approx_wgs84.csv");

/// People generated per unit of scale.
pub const PEOPLE_PER_SCALE: u32 = 1_000;
/// The scale the window offers by default: enough people for every tab to be realistic.
pub const DEFAULT_SCALE: u32 = 10;

/// Who approves the demo's past months, as the signed sheets name the finance checker.
pub const APPROVER: &str = "王科长（区人社局就业科）";

/// The demonstration accounts, one per role, as (name, display name, password, what it
/// may do): their passwords are printed in the README and on the demo offer, so they are
/// for the demonstration only. The street clerk works on 艾山街道 alone.
pub const DEMO_ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount {
        name: "admin",
        display_name: "赵管理员",
        password: "demo-admin-2026",
        role: Role::Admin,
        one_street: false,
    },
    DemoAccount {
        name: "clerk",
        display_name: "钱经办",
        password: "demo-clerk-2026",
        role: Role::Clerk,
        one_street: false,
    },
    DemoAccount {
        name: "aishan",
        display_name: "孙经办（艾山街道）",
        password: "demo-aishan-2026",
        role: Role::Clerk,
        one_street: true,
    },
    DemoAccount {
        name: "approver",
        display_name: "王科长",
        password: "demo-approver-2026",
        role: Role::Approver,
        one_street: false,
    },
    DemoAccount {
        name: "viewer",
        display_name: "周查看",
        password: "demo-viewer-2026",
        role: Role::Viewer,
        one_street: false,
    },
];

/// The division code of the street the demo's street clerk is limited to (艾山街道).
const DEMO_STREET_CODE: &str = "370117001000";

/// One demonstration account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    /// The name to sign in with.
    pub name: &'static str,
    /// The person's name as shown.
    pub display_name: &'static str,
    /// The password (for the demonstration only).
    pub password: &'static str,
    /// Its role, in every area.
    pub role: Role,
    /// Whether it is limited to one street ([`DEMO_STREET_CODE`]).
    pub one_street: bool,
}

/// What was generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSummary {
    /// Villages and communities.
    pub villages: usize,
    /// People.
    pub people: usize,
    /// Placements on public-welfare posts.
    pub placements: usize,
}

/// Writes the demonstration data into `store` in one transaction; cancelling leaves the
/// file as it was. Refuses a database that already has places in it. Scale 0 writes the
/// division tree alone, for an office that starts its real registry on it.
pub fn generate(store: &mut Store, scale: u32, reporter: &Reporter) -> Result<Outcome, JobError> {
    if regions::count(&store.read())? > 0 {
        return Err(JobError::NotEmpty);
    }
    let today = store.clock().today();
    let mut rng = fastrand::Rng::with_seed(370_117 + u64::from(scale));
    let total_people = (scale * PEOPLE_PER_SCALE) as usize;
    let result = store.write(|w| {
        let villages = write_regions(w, &mut rng)?;
        let homes: Vec<RegionId> = villages.iter().map(|v| v.0).collect();
        let categories = category_ids(w)?;
        let mut taken = HashSet::new();
        // One more with placements: the demo's one death moves a person to the trash, and
        // the registry keeps its round figure of people outside it.
        let registered = total_people + usize::from(scale > 0);
        for n in 0..registered {
            let region = homes[rng.usize(..homes.len())];
            let person = fake_person(&mut rng, today, region, &categories, &mut taken);
            people::insert(w, &person)?;
            if n % 500 == 0 && !reporter.progress(n as u64, registered as u64) {
                return Err(StoreError::Cancelled);
            }
        }
        let placements = if scale == 0 {
            0
        } else {
            super::demo_placements::generate(w, &mut rng, today, scale, &villages)?
        };
        if scale > 0 {
            super::demo_petitions::generate(w, &mut rng, today, scale, &villages)?;
            demo_accounts(w)?;
        }
        Ok(DemoSummary {
            villages: villages.len(),
            people: total_people,
            placements,
        })
    });
    Ok(Outcome::Demo(result?))
}

/// The setting that says a ledger holds the demo's accounts, whose passwords are published:
/// the sign-in screen lists them.
pub const DEMO_ACCOUNTS_KEY: &str = "demo_accounts";

/// The demonstration accounts ([`DEMO_ACCOUNTS`]), and a ledger that asks for a sign-in if
/// nobody had decided yet. Not with the tree alone (scale 0): that file is for real work,
/// and known passwords have no place in it. A name already taken (an administrator made
/// on the first run) is left as it is, and so is everything when the user running the demo
/// does not keep the accounts.
fn demo_accounts(w: &crate::store::Writer<'_>) -> Result<(), StoreError> {
    if !w.session().keeps_accounts() {
        return Ok(());
    }
    let street = regions::id_by_code(w.tx(), DEMO_STREET_CODE)?;
    for demo in DEMO_ACCOUNTS {
        let taken = accounts::name_taken(w.tx(), demo.name)?;
        if demo.one_street && street.is_none() {
            continue;
        }
        let street = street.filter(|_| demo.one_street);
        if taken {
            continue;
        }
        let grants = Area::ALL
            .into_iter()
            .map(|area| Grant {
                role: demo.role,
                area,
                street,
            })
            .collect();
        accounts::create_account(
            w,
            &NewAccount {
                name: demo.name.into(),
                display_name: demo.display_name.into(),
                password: demo.password.into(),
                grants,
            },
        )?;
    }
    if accounts::sign_in_mode(w.tx())? == SignInMode::Undecided {
        settings::set(w, accounts::SIGN_IN_KEY, "required")?;
    }
    settings::set(w, DEMO_ACCOUNTS_KEY, "listed")?;
    Ok(())
}

/// Writes the division tree; returns the villages and communities, each with whether it
/// is an (urban) community.
fn write_regions(
    w: &crate::store::Writer<'_>,
    rng: &mut fastrand::Rng,
) -> Result<Vec<(RegionId, bool)>, StoreError> {
    let centres: HashMap<&str, (f64, f64, f64)> = STREETS_CSV
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            Some((
                f[0],
                (
                    f.get(2)?.parse().ok()?,
                    f.get(3)?.parse().ok()?,
                    f.get(4)?.parse().ok()?,
                ),
            ))
        })
        .collect();
    let mut ids: HashMap<String, RegionId> = HashMap::new();
    let mut places: HashMap<String, (f64, f64, f64)> = HashMap::new();
    let mut villages = Vec::new();
    for line in DIVISIONS_CSV.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [code, name, short_name, level, parent] = f[..] else {
            continue;
        };
        let Some(level) = RegionLevel::parse(level) else {
            continue;
        };
        let parent_place = places.get(parent).copied();
        let (lon, lat, spread_km) = match level {
            RegionLevel::District => district_centre(&centres),
            RegionLevel::Street => centres.get(code).copied().unwrap_or((117.81, 36.06, 5.0)),
            // No published centres: the forest park lies north-east, the new town south.
            RegionLevel::FunctionArea if name.contains("棋山") => (117.86, 36.16, 3.0),
            RegionLevel::FunctionArea => (117.80, 36.02, 2.0),
            RegionLevel::Community | RegionLevel::Village => {
                let (lon, lat, spread) = parent_place.unwrap_or((117.81, 36.06, 5.0));
                let (lon, lat) = scatter(rng, lon, lat, spread);
                (lon, lat, 0.0)
            }
        };
        places.insert(code.to_string(), (lon, lat, spread_km));
        let id = regions::insert(
            w,
            &NewRegion {
                code: code.to_string(),
                name: name.to_string(),
                short_name: short_name.to_string(),
                level,
                parent_id: ids.get(parent).copied(),
                lon: Some(round6(lon)),
                lat: Some(round6(lat)),
            },
        )?;
        ids.insert(code.to_string(), id);
        if level.holds_people() {
            villages.push((id, level == RegionLevel::Community));
        }
    }
    Ok(villages)
}

fn district_centre(centres: &HashMap<&str, (f64, f64, f64)>) -> (f64, f64, f64) {
    let n = centres.len().max(1) as f64;
    let lon = centres.values().map(|c| c.0).sum::<f64>() / n;
    let lat = centres.values().map(|c| c.1).sum::<f64>() / n;
    (lon, lat, 0.0)
}

/// A point uniformly inside `radius_km` of a centre.
fn scatter(rng: &mut fastrand::Rng, lon: f64, lat: f64, radius_km: f64) -> (f64, f64) {
    let r = radius_km * rng.f64().sqrt();
    let angle = rng.f64() * std::f64::consts::TAU;
    let km_per_deg_lat = 111.0;
    let km_per_deg_lon = 111.0 * lat.to_radians().cos();
    (
        lon + r * angle.cos() / km_per_deg_lon,
        lat + r * angle.sin() / km_per_deg_lat,
    )
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The seeded categories by Chinese name.
fn category_ids(w: &crate::store::Writer<'_>) -> Result<HashMap<String, CategoryId>, StoreError> {
    Ok(categories::all(&w.read())?
        .into_iter()
        .map(|c| (c.name_zh, c.id))
        .collect())
}

/// One fictional resident of `region`.
fn fake_person(
    rng: &mut fastrand::Rng,
    today: Date,
    region: RegionId,
    categories: &HashMap<String, CategoryId>,
    taken: &mut HashSet<String>,
) -> NewPerson {
    let female = rng.bool();
    let age = fake_age(rng);
    let id_number = fake_id_number(rng, today, age, female, taken);
    let mut pick = |n: usize| rng.usize(..n);
    let name = names::make_name(&mut pick, female);
    let has_phone = age >= 16 && rng.f64() < if age >= 75 { 0.6 } else { 0.9 };
    let phone = if has_phone { fake_phone(rng) } else { None };
    let mut held = Vec::new();
    let mut hold = |name: &str, p: f64, rng: &mut fastrand::Rng| {
        if rng.f64() < p
            && let Some(id) = categories.get(name)
        {
            held.push(*id);
        }
    };
    // The registry holds the people the offices serve, so hardship is common in it.
    hold("低保", 0.08, rng);
    hold("低保边缘", 0.04, rng);
    hold("特困", 0.02, rng);
    hold("脱贫", 0.10, rng);
    hold("防返贫监测", 0.03, rng);
    hold("残疾", 0.05, rng);
    if (18..60).contains(&age) {
        hold("失业", 0.18, rng);
    }
    if age >= 80 {
        hold("高龄", 1.0, rng);
    }
    if age >= 65 {
        hold("独居", 0.15, rng);
    }
    if age < 16 {
        hold("困境儿童", 0.02, rng);
        hold("留守", 0.04, rng);
    }
    NewPerson {
        name,
        id_number,
        phone,
        address: format!("{}号", rng.u32(1..=300)),
        region_id: region,
        categories: held,
        notes: String::new(),
    }
}

/// An age drawn from a rural-leaning population pyramid, 0 to 99.
fn fake_age(rng: &mut fastrand::Rng) -> i16 {
    // Band start and relative weight.
    const BANDS: [(i16, u32); 10] = [
        (0, 9),
        (10, 10),
        (20, 10),
        (30, 12),
        (40, 14),
        (50, 17),
        (60, 14),
        (70, 9),
        (80, 4),
        (90, 1),
    ];
    let total: u32 = BANDS.iter().map(|b| b.1).sum();
    let mut roll = rng.u32(..total);
    for (start, weight) in BANDS {
        if roll < weight {
            return start + rng.i16(0..10);
        }
        roll -= weight;
    }
    40
}

/// A checksum-valid ID number for someone `age` years old, unique within this run.
fn fake_id_number(
    rng: &mut fastrand::Rng,
    today: Date,
    age: i16,
    female: bool,
    taken: &mut HashSet<String>,
) -> IdNumber {
    loop {
        let birth = today
            .checked_sub(jiff::Span::new().years(age).days(rng.i64(1..365)))
            .unwrap_or(today);
        // The district was 371203 (莱芜市钢城区) until 2019.
        let area = if birth.year() >= 2019 {
            "370117"
        } else {
            "371203"
        };
        let sequence = rng.u32(0..500) * 2 + if female { 0 } else { 1 };
        let body = format!("{area}{}{sequence:03}", birth.strftime("%Y%m%d"));
        let Ok(id) = IdNumber::parse_on(&format!("{body}{}", check_character(&body)), today) else {
            continue;
        };
        if taken.insert(id.as_str().to_string()) {
            return id;
        }
    }
}

/// A mobile number of the plainly fictional form 1xx0000xxxx.
fn fake_phone(rng: &mut fastrand::Rng) -> Option<Phone> {
    let second = ['3', '5', '7', '8', '9'][rng.usize(..5)];
    let text = format!("1{second}{}0000{:04}", rng.u8(0..10), rng.u16(0..10_000));
    Phone::parse(&text).ok()
}
