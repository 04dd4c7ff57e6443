//! District and street outlines imported from GeoJSON: all or nothing, replacing what was
//! there, each feature one logged row in WGS-84.

use super::super::records::MapOutlineRecord;
use super::super::{Read, Result, StoreError, Writer, changes::Action};
use super::ServicePointRule;
use crate::domain::access::{Action as Access, Area};
use crate::domain::spatial::Datum;
use crate::domain::spatial::outline::{self, Outline};

/// What an import wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Imported {
    /// Outlines (features).
    pub outlines: usize,
    /// Vertices in all.
    pub vertices: usize,
}

/// Imports the GeoJSON `text` given in `datum`, replacing the outlines kept so far. A file
/// that does not parse, or holds anything but Polygons and MultiPolygons, is refused
/// before anything is written. `source` names the file for the log.
pub fn import(w: &Writer<'_>, text: &str, datum: Datum, source: &str) -> Result<Imported> {
    w.require(Area::ServicePoints, Access::Administer, None)?;
    let outlines = outline::parse(text, datum)
        .map_err(|e| StoreError::ServicePoints(ServicePointRule::Outline(e)))?;
    let old: Vec<i64> = w
        .tx()
        .prepare("SELECT id FROM map_outlines ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in old {
        let before = w.existing::<MapOutlineRecord>(id, crate::store::RecordKind::ServicePoint)?;
        w.tx()
            .execute("DELETE FROM map_outlines WHERE id = ?1", [id])?;
        w.log(id, Action::Delete, Some(before))?;
    }
    let mut vertices = 0;
    for o in &outlines {
        vertices += o.vertices();
        w.tx().execute(
            "INSERT INTO map_outlines (name, geometry, vertices, datum_in, source, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            rusqlite::params![
                o.name,
                o.to_geojson(),
                o.vertices() as i64,
                datum.as_str(),
                source,
                w.stamp()
            ],
        )?;
        let id = w.tx().last_insert_rowid();
        w.log::<MapOutlineRecord>(id, Action::Insert, None)?;
    }
    Ok(Imported {
        outlines: outlines.len(),
        vertices,
    })
}

/// The outlines kept, in WGS-84.
pub fn all(conn: &Read<'_>) -> Result<Vec<Outline>> {
    conn.reach(Area::ServicePoints, Access::Read)?;
    let mut stmt = conn.prepare_cached("SELECT name, geometry FROM map_outlines ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, geometry) = row?;
        out.push(Outline::from_geojson(&name, &geometry).map_err(|_| {
            StoreError::UnknownValue {
                column: "map_outlines.geometry".into(),
                value: name,
            }
        })?);
    }
    Ok(out)
}
