//! The region tree: district, streets and function areas, villages and communities.

use crate::domain::access::{Action as Access, Area};
use crate::store::Read;
use rusqlite::{OptionalExtension, Row, params};

use super::records::RegionRecord;
use super::{RecordKind, RegionRule, Result, StoreError, Writer, changes::Action};
use crate::domain::RegionId;
use crate::domain::region::{RegionLevel, valid_child_code, valid_coordinate};

/// The street (or function area) `region` lies in, itself if it is one; none for the
/// district. Grants limited to streets are checked against this.
pub(crate) fn street_of(conn: &rusqlite::Connection, region: RegionId) -> Result<Option<RegionId>> {
    Ok(conn
        .prepare_cached(
            "WITH RECURSIVE up(id, parent_id, level) AS (
                 SELECT id, parent_id, level FROM regions WHERE id = ?1
                 UNION ALL
                 SELECT r.id, r.parent_id, r.level FROM regions r JOIN up ON r.id = up.parent_id)
             SELECT id FROM up WHERE level IN ('street', 'function_area') LIMIT 1",
        )?
        .query_row([region.0], |r| r.get(0).map(RegionId))
        .optional()?)
}

/// Every place in the streets `streets`, the streets themselves included.
pub(crate) fn places_in(
    conn: &rusqlite::Connection,
    streets: &std::collections::BTreeSet<RegionId>,
) -> Result<Vec<RegionId>> {
    let list = serde_json::to_string(&streets.iter().map(|s| s.0).collect::<Vec<_>>())?;
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE below(id) AS (
             SELECT value FROM json_each(?1)
             UNION ALL SELECT r.id FROM regions r JOIN below ON r.parent_id = below.id)
         SELECT id FROM below",
    )?;
    let ids = stmt.query_map([list], |r| r.get(0).map(RegionId))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The place with division code `code`, if any.
pub fn id_by_code(conn: &rusqlite::Connection, code: &str) -> Result<Option<RegionId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM regions WHERE code = ?1")?
        .query_row([code], |r| r.get(0).map(RegionId))
        .optional()?)
}

/// A place as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// Row id.
    pub id: RegionId,
    /// 12-digit national statistical division code.
    pub code: String,
    /// Full official name (…社区居民委员会).
    pub name: String,
    /// Name used in tables (…社区).
    pub short_name: String,
    /// Level in the tree.
    pub level: RegionLevel,
    /// The place above; `None` only for the district.
    pub parent_id: Option<RegionId>,
    /// WGS-84 longitude, if known.
    pub lon: Option<f64>,
    /// WGS-84 latitude, if known.
    pub lat: Option<f64>,
}

/// A place to add.
#[derive(Clone, Debug, PartialEq)]
pub struct NewRegion {
    /// 12-digit division code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// Level.
    pub level: RegionLevel,
    /// Parent place (`None` only for a district).
    pub parent_id: Option<RegionId>,
    /// WGS-84 longitude.
    pub lon: Option<f64>,
    /// WGS-84 latitude.
    pub lat: Option<f64>,
}

const COLUMNS: &str = "id, code, name, short_name, level, parent_id, lon, lat";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Region> {
    Ok(Region {
        id: RegionId(r.get(0)?),
        code: r.get(1)?,
        name: r.get(2)?,
        short_name: r.get(3)?,
        level: r.get(4)?,
        parent_id: r.get::<_, Option<i64>>(5)?.map(RegionId),
        lon: r.get(6)?,
        lat: r.get(7)?,
    })
}

/// Every place, ordered by division code (so parents come before their children).
pub fn all(conn: &Read<'_>) -> Result<Vec<Region>> {
    conn.require_signed_in()?;
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM regions ORDER BY code"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One place.
pub fn get(conn: &Read<'_>, id: RegionId) -> Result<Region> {
    conn.require_signed_in()?;
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM regions WHERE id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Region))
}

/// How many places there are.
pub fn count(conn: &Read<'_>) -> Result<i64> {
    conn.require_signed_in()?;
    Ok(conn.query_row("SELECT count(*) FROM regions", [], |r| r.get(0))?)
}

/// Adds a place; its code must extend its parent's and its level fit below the parent's.
pub fn insert(w: &Writer<'_>, new: &NewRegion) -> Result<RegionId> {
    w.require(Area::Registry, Access::Administer, None)?;
    check_names_and_coordinate(&new.name, &new.short_name, new.lon, new.lat)?;
    match new.parent_id {
        Some(parent_id) => {
            let parent = get(&w.read(), parent_id)?;
            if !parent.level.child_levels().contains(&new.level)
                || !valid_child_code(&new.code, &parent.code, parent.level)
            {
                return Err(StoreError::Region(RegionRule::CodeOrLevelDoesNotFit));
            }
        }
        None if new.level == RegionLevel::District && new.code.len() == 12 => {}
        None => return Err(StoreError::Region(RegionRule::NeedsParent)),
    }
    if id_by_code(w.tx(), &new.code)?.is_some() {
        return Err(StoreError::Region(RegionRule::DuplicateCode));
    }
    w.tx()
        .prepare_cached(
            "INSERT INTO regions (code, name, short_name, level, parent_id, lon, lat)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            new.code,
            new.name.trim(),
            new.short_name.trim(),
            new.level.as_str(),
            new.parent_id.map(|p| p.0),
            new.lon,
            new.lat
        ])?;
    let id = RegionId(w.tx().last_insert_rowid());
    w.log::<RegionRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// Renames a place and sets its coordinate; the code and level stay as they are.
pub fn update(
    w: &Writer<'_>,
    id: RegionId,
    name: &str,
    short_name: &str,
    lon: Option<f64>,
    lat: Option<f64>,
) -> Result<()> {
    w.require(Area::Registry, Access::Administer, None)?;
    check_names_and_coordinate(name, short_name, lon, lat)?;
    let before = w.existing::<RegionRecord>(id.0, RecordKind::Region)?;
    w.tx().execute(
        "UPDATE regions SET name = ?2, short_name = ?3, lon = ?4, lat = ?5 WHERE id = ?1",
        params![id.0, name.trim(), short_name.trim(), lon, lat],
    )?;
    w.log(id.0, Action::Update, Some(before))
}

/// Deletes a place that has no places and no people (trashed people included) under it.
pub fn delete(w: &Writer<'_>, id: RegionId) -> Result<()> {
    w.require(Area::Registry, Access::Administer, None)?;
    let before = w.existing::<RegionRecord>(id.0, RecordKind::Region)?;
    let used: i64 = w.tx().query_row(
        "SELECT (SELECT count(*) FROM regions WHERE parent_id = ?1)
              + (SELECT count(*) FROM people WHERE region_id = ?1)",
        [id.0],
        |r| r.get(0),
    )?;
    if used > 0 {
        return Err(StoreError::Region(RegionRule::NotEmpty));
    }
    w.tx()
        .execute("DELETE FROM regions WHERE id = ?1", [id.0])?;
    w.log(id.0, Action::Delete, Some(before))
}

fn check_names_and_coordinate(
    name: &str,
    short_name: &str,
    lon: Option<f64>,
    lat: Option<f64>,
) -> Result<()> {
    if name.trim().is_empty() || short_name.trim().is_empty() {
        return Err(StoreError::Region(RegionRule::NameRequired));
    }
    match (lon, lat) {
        (None, None) => Ok(()),
        (Some(lon), Some(lat)) if valid_coordinate(lon, lat) => Ok(()),
        _ => Err(StoreError::Region(RegionRule::BadCoordinate)),
    }
}

/// People in the registry per place they are registered in.
///
/// A reader limited to some streets counts the people of those streets only.
pub fn people_counts(conn: &Read<'_>) -> Result<Vec<(RegionId, i64)>> {
    let within = conn.within(Area::Registry, Access::Read)?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT region_id, count(*) FROM people WHERE deleted_at IS NULL AND {}
         GROUP BY region_id",
        within.sql("region_id")
    ))?;
    let rows = stmt.query_map([], |r| Ok((RegionId(r.get(0)?), r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
