//! Medical-insurance service points (医保服务点): the points with their services and staff,
//! the editable list of services, the reach of the 10-minute circle, the imported outlines,
//! the coverage read for the map and the quick service log.
//!
//! Every read asks for [`Area::ServicePoints`]; lists are narrowed to the streets the
//! reader may see. Writing a point needs a clerk's grant for its place; the list of
//! services, the reach and the outlines are the area's settings (an administrator's).

pub mod coverage;
pub mod log;
pub mod outlines;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};

use super::records::{ServicePointRecord, SpServiceRecord};
use super::values::Day;
use super::{Read, RecordKind, Result, StoreError, Writer, changes::Action};
use crate::domain::RegionId;
use crate::domain::access::{Action as Access, Area};
use crate::domain::service_points::{
    NewServicePoint, Offered, PointProblem, PointStatus, Reach, ServiceId, ServicePointId, Staff,
    Tier, TravelMode,
};
use crate::domain::spatial::outline::OutlineError;
use crate::i18n::{Msg, service_points as sp};

/// What the store refuses about service points, their settings and their log.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ServicePointRule {
    /// The point as entered has these problems.
    #[error("the point has problems: {0:?}")]
    Point(Vec<PointProblem>),
    /// The parent named is not a point of the tier above.
    #[error("the parent is not a point of the tier above")]
    Parent,
    /// The outline file was refused; nothing was imported.
    #[error(transparent)]
    Outline(#[from] OutlineError),
    /// The reach's figures make no circle.
    #[error("the reach's speed, minutes or detour factor are out of range")]
    Reach,
    /// A log line needs a positive count and a day not in the future.
    #[error("a log line needs a count above zero and a day not in the future")]
    LogLine,
    /// A service needs its Chinese and English names.
    #[error("a service needs its Chinese and English names")]
    ServiceName,
    /// A line of a village-coordinates file is not `code,lon,lat` of a known village.
    #[error("line {0} of the coordinates file is not code,longitude,latitude of a village")]
    VillageLine(usize),
}

impl ServicePointRule {
    /// What to tell the user.
    pub fn message(&self) -> Msg {
        match self {
            ServicePointRule::Point(problems) => {
                Msg::join(problems.iter().map(|p| sp::problem(*p).into()), " ")
            }
            ServicePointRule::Parent => sp::WRONG_PARENT.into(),
            ServicePointRule::Outline(e) => sp::outline_error(e),
            ServicePointRule::Reach => sp::REACH_INVALID.into(),
            ServicePointRule::LogLine => sp::LOG_LINE_INVALID.into(),
            ServicePointRule::ServiceName => sp::SERVICE_NAME_REQUIRED.into(),
            ServicePointRule::VillageLine(line) => sp::village_line_invalid(line),
        }
    }
}

fn rule(r: ServicePointRule) -> StoreError {
    StoreError::ServicePoints(r)
}

/// A service of the list (参保信息查询 …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// Row id.
    pub id: ServiceId,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Still offered to choose.
    pub active: bool,
}

impl Service {
    /// The name in `lang`.
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Zh => &self.name_zh,
            crate::i18n::Lang::En => &self.name_en,
        }
    }
}

/// The services, in their order.
pub fn services(conn: &Read<'_>) -> Result<Vec<Service>> {
    conn.reach(Area::ServicePoints, Access::Read)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, name_zh, name_en, active FROM sp_services ORDER BY sort_order, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Service {
            id: ServiceId(r.get(0)?),
            name_zh: r.get(1)?,
            name_en: r.get(2)?,
            active: r.get::<_, i64>(3)? == 1,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a service to the list (an administrator's).
pub fn add_service(w: &Writer<'_>, name_zh: &str, name_en: &str) -> Result<ServiceId> {
    w.require(Area::ServicePoints, Access::Administer, None)?;
    if name_zh.trim().is_empty() || name_en.trim().is_empty() {
        return Err(rule(ServicePointRule::ServiceName));
    }
    w.tx().execute(
        "INSERT INTO sp_services (name_zh, name_en, sort_order)
         VALUES (?1, ?2, (SELECT coalesce(max(sort_order), 0) + 1 FROM sp_services))",
        params![name_zh.trim(), name_en.trim()],
    )?;
    let id = w.tx().last_insert_rowid();
    w.log::<SpServiceRecord>(id, Action::Insert, None)?;
    Ok(ServiceId(id))
}

/// A point as stored, with the names of its place and street.
#[derive(Clone, Debug, PartialEq)]
pub struct ServicePoint {
    /// Row id.
    pub id: ServicePointId,
    /// The stored fields.
    pub fields: NewServicePoint,
    /// Short name of its place.
    pub place: String,
    /// Its street or function area (none for the hall).
    pub street_id: Option<RegionId>,
    /// Short name of that street.
    pub street: String,
}

/// What the point list shows: every field none means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PointFilter {
    /// Only this tier.
    pub tier: Option<Tier>,
    /// Only points offering this service.
    pub service: Option<ServiceId>,
    /// Only this status.
    pub status: Option<PointStatus>,
    /// Only points of this street or function area.
    pub street: Option<RegionId>,
}

/// The street of a point's place: itself for a street, the parent for a village.
const STREET_OF: &str = "CASE WHEN r.level IN ('street', 'function_area') THEN r.id
    WHEN r.level IN ('village', 'community') THEN r.parent_id END";

fn select() -> String {
    format!(
        "SELECT p.id, p.name, p.tier, p.parent_id, p.region_id, p.address, p.lon, p.lat,
            p.hours, p.phone, p.status, p.opened_on, p.closed_on, p.is_new, p.services,
            p.staff, r.short_name, s.id, coalesce(s.short_name, '')
         FROM service_points p JOIN regions r ON r.id = p.region_id
         LEFT JOIN regions s ON s.id = ({STREET_OF})"
    )
}

fn unknown(column: &'static str, value: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(super::values::UnknownValue {
            kind: column,
            value,
        }),
    )
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<ServicePoint> {
    let tier: String = r.get(2)?;
    let status: String = r.get(10)?;
    let services: String = r.get(14)?;
    let staff: String = r.get(15)?;
    let at = match (r.get::<_, Option<f64>>(6)?, r.get::<_, Option<f64>>(7)?) {
        (Some(lon), Some(lat)) => Some((lon, lat)),
        _ => None,
    };
    Ok(ServicePoint {
        id: ServicePointId(r.get(0)?),
        fields: NewServicePoint {
            name: r.get(1)?,
            tier: Tier::parse(&tier).ok_or_else(|| unknown("service_points.tier", tier))?,
            parent: r.get::<_, Option<i64>>(3)?.map(ServicePointId),
            region_id: RegionId(r.get(4)?),
            address: r.get(5)?,
            at,
            hours: r.get(8)?,
            phone: r.get(9)?,
            status: PointStatus::parse(&status)
                .ok_or_else(|| unknown("service_points.status", status))?,
            opened_on: r.get::<_, Option<Day>>(11)?.map(|d| d.0),
            closed_on: r.get::<_, Option<Day>>(12)?.map(|d| d.0),
            is_new: r.get::<_, i64>(13)? == 1,
            services: serde_json::from_str(&services)
                .map_err(|_| unknown("service_points.services", services))?,
            staff: serde_json::from_str(&staff)
                .map_err(|_| unknown("service_points.staff", staff))?,
        },
        place: r.get(16)?,
        street_id: r.get::<_, Option<i64>>(17)?.map(RegionId),
        street: r.get(18)?,
    })
}

/// The points matching `filter`, by tier, street code and name. A reader limited to some
/// streets sees the points of those streets (and not the hall).
pub fn list(conn: &Read<'_>, filter: &PointFilter) -> Result<Vec<ServicePoint>> {
    let within = conn
        .within(Area::ServicePoints, Access::Read)?
        .sql("p.region_id");
    let mut clauses = vec![within];
    let mut values: Vec<Value> = Vec::new();
    if let Some(tier) = filter.tier {
        clauses.push("p.tier = ?".into());
        values.push(Value::Text(tier.as_str().into()));
    }
    if let Some(status) = filter.status {
        clauses.push("p.status = ?".into());
        values.push(Value::Text(status.as_str().into()));
    }
    if let Some(street) = filter.street {
        clauses.push(format!("({STREET_OF}) = ?"));
        values.push(Value::Integer(street.0));
    }
    if let Some(service) = filter.service {
        clauses.push(
            "EXISTS (SELECT 1 FROM json_each(p.services) j
                     WHERE json_extract(j.value, '$.service') = ?)"
                .into(),
        );
        values.push(Value::Integer(service.0));
    }
    let sql = format!(
        "{} WHERE {} ORDER BY CASE p.tier WHEN 'hall' THEN 0 WHEN 'workstation' THEN 1
            WHEN 'village' THEN 2 ELSE 3 END, coalesce(s.code, r.code), p.name, p.id",
        select(),
        clauses.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One point.
pub fn get(conn: &Read<'_>, id: ServicePointId) -> Result<ServicePoint> {
    conn.require_at(Area::ServicePoints, Access::Read, region_of(conn, id)?)?;
    conn.prepare_cached(&format!("{} WHERE p.id = ?1", select()))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::ServicePoint))
}

/// The place of a point: its street decides who may read and write it.
pub(crate) fn region_of(conn: &rusqlite::Connection, id: ServicePointId) -> Result<RegionId> {
    conn.prepare_cached("SELECT region_id FROM service_points WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0).map(RegionId))
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::ServicePoint))
}

fn tier_of(conn: &rusqlite::Connection, id: ServicePointId) -> Result<Option<Tier>> {
    let tier: Option<String> = conn
        .prepare_cached("SELECT tier FROM service_points WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0))
        .optional()?;
    Ok(tier.and_then(|t| Tier::parse(&t)))
}

fn check(w: &Writer<'_>, p: &NewServicePoint) -> Result<()> {
    let parent_tier = match p.parent {
        Some(parent) => Some(tier_of(w.tx(), parent)?.ok_or(rule(ServicePointRule::Parent))?),
        None => None,
    };
    let problems = p.problems(parent_tier);
    if !problems.is_empty() {
        return Err(rule(ServicePointRule::Point(problems)));
    }
    Ok(())
}

fn json_lists(p: &NewServicePoint) -> Result<(String, String)> {
    let staff: Vec<Staff> = p
        .staff
        .iter()
        .map(|s| Staff {
            name: s.name.trim().to_string(),
            full_time: s.full_time,
            phone: s.phone.trim().to_string(),
        })
        .collect();
    Ok((
        serde_json::to_string::<Vec<Offered>>(&p.services)?,
        serde_json::to_string(&staff)?,
    ))
}

/// Adds a point; the writer must be a clerk of its place's street (or of the district).
pub fn insert(w: &Writer<'_>, p: &NewServicePoint) -> Result<ServicePointId> {
    w.require_at(Area::ServicePoints, Access::Write, p.region_id)?;
    check(w, p)?;
    let (services, staff) = json_lists(p)?;
    let now = w.stamp();
    w.tx()
        .prepare_cached(
            "INSERT INTO service_points (name, tier, parent_id, region_id, address, lon, lat,
                hours, phone, status, opened_on, closed_on, is_new, services, staff,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        )?
        .execute(params![
            p.name.trim(),
            p.tier.as_str(),
            p.parent.map(|x| x.0),
            p.region_id.0,
            p.address.trim(),
            p.at.map(|a| a.0),
            p.at.map(|a| a.1),
            p.hours.trim(),
            p.phone.trim(),
            p.status.as_str(),
            p.opened_on.map(Day),
            p.closed_on.map(Day),
            i64::from(p.is_new),
            services,
            staff,
            now
        ])?;
    let id = w.tx().last_insert_rowid();
    w.log::<ServicePointRecord>(id, Action::Insert, None)?;
    Ok(ServicePointId(id))
}

/// Changes a point; the writer must reach its place before and after.
pub fn update(w: &Writer<'_>, id: ServicePointId, p: &NewServicePoint) -> Result<()> {
    w.require_at(Area::ServicePoints, Access::Write, region_of(w.tx(), id)?)?;
    w.require_at(Area::ServicePoints, Access::Write, p.region_id)?;
    check(w, p)?;
    if p.parent == Some(id) {
        return Err(rule(ServicePointRule::Parent));
    }
    let before = w.existing::<ServicePointRecord>(id.0, RecordKind::ServicePoint)?;
    let (services, staff) = json_lists(p)?;
    w.tx().execute(
        "UPDATE service_points SET name = ?2, tier = ?3, parent_id = ?4, region_id = ?5,
            address = ?6, lon = ?7, lat = ?8, hours = ?9, phone = ?10, status = ?11,
            opened_on = ?12, closed_on = ?13, is_new = ?14, services = ?15, staff = ?16,
            updated_at = ?17 WHERE id = ?1",
        params![
            id.0,
            p.name.trim(),
            p.tier.as_str(),
            p.parent.map(|x| x.0),
            p.region_id.0,
            p.address.trim(),
            p.at.map(|a| a.0),
            p.at.map(|a| a.1),
            p.hours.trim(),
            p.phone.trim(),
            p.status.as_str(),
            p.opened_on.map(Day),
            p.closed_on.map(Day),
            i64::from(p.is_new),
            services,
            staff,
            w.stamp()
        ],
    )?;
    w.log(id.0, Action::Update, Some(before))
}

/// Setting keys of the reach.
pub const REACH_MODE_KEY: &str = "service_points.travel_mode";
/// Speed, km/h.
pub const REACH_SPEED_KEY: &str = "service_points.speed_kmh";
/// Minutes of the circle.
pub const REACH_MINUTES_KEY: &str = "service_points.minutes";
/// Detour factor.
pub const REACH_DETOUR_KEY: &str = "service_points.detour";

/// The reach of the circle (walking 5 km/h, 10 minutes, detour 1.3 where unset).
pub fn reach(conn: &Read<'_>) -> Result<Reach> {
    conn.reach(Area::ServicePoints, Access::Read)?;
    let default = Reach::default();
    let mode = match super::settings::get(conn, REACH_MODE_KEY)? {
        None => default.mode,
        Some(text) => TravelMode::parse(&text).ok_or(StoreError::UnknownValue {
            column: format!("settings.{REACH_MODE_KEY}"),
            value: text,
        })?,
    };
    let reach = Reach {
        mode,
        speed_kmh: super::settings::parsed(conn, REACH_SPEED_KEY)?.unwrap_or(default.speed_kmh),
        minutes: super::settings::parsed(conn, REACH_MINUTES_KEY)?.unwrap_or(default.minutes),
        detour: super::settings::parsed(conn, REACH_DETOUR_KEY)?.unwrap_or(default.detour),
    };
    if !reach.is_valid() {
        return Err(rule(ServicePointRule::Reach));
    }
    Ok(reach)
}

/// Sets the reach (an administrator of the area, district-wide).
pub fn set_reach(w: &Writer<'_>, reach: &Reach) -> Result<()> {
    w.require(Area::ServicePoints, Access::Administer, None)?;
    if !reach.is_valid() {
        return Err(rule(ServicePointRule::Reach));
    }
    super::settings::set(w, REACH_MODE_KEY, reach.mode.as_str())?;
    super::settings::set(w, REACH_SPEED_KEY, &reach.speed_kmh.to_string())?;
    super::settings::set(w, REACH_MINUTES_KEY, &reach.minutes.to_string())?;
    super::settings::set(w, REACH_DETOUR_KEY, &reach.detour.to_string())
}

/// Sets the coordinates of villages and communities from CSV text (`code,lon,lat` per line,
/// an optional header line) given in `datum`; all or nothing. Returns how many were set.
/// Coordinates are the region tree's, so this asks what editing the tree asks.
pub fn import_village_coordinates(
    w: &Writer<'_>,
    text: &str,
    datum: crate::domain::spatial::Datum,
) -> Result<usize> {
    let mut rows = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || (index == 0 && !line.starts_with(|c: char| c.is_ascii_digit())) {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let bad = || rule(ServicePointRule::VillageLine(number));
        let [code, lon, lat] = fields[..] else {
            return Err(bad());
        };
        let (Ok(lon), Ok(lat)) = (lon.parse::<f64>(), lat.parse::<f64>()) else {
            return Err(bad());
        };
        if !crate::domain::region::valid_coordinate(lon, lat) {
            return Err(bad());
        }
        let region = super::regions::id_by_code(w.tx(), code)?.ok_or_else(bad)?;
        let place = super::regions::get(&w.read(), region)?;
        if !place.level.holds_people() {
            return Err(bad());
        }
        let (lon, lat) = datum.to_wgs84(lon, lat);
        rows.push((place, (lon * 1e6).round() / 1e6, (lat * 1e6).round() / 1e6));
    }
    for (place, lon, lat) in &rows {
        super::regions::update(
            w,
            place.id,
            &place.name,
            &place.short_name,
            Some(*lon),
            Some(*lat),
        )?;
    }
    Ok(rows.len())
}
