//! The rows an export of matters is made of (Open311 GeoReport v2, CSV): no reporter's
//! name or phone, only what a public work-order exchange carries.

use jiff::civil::Date;

use super::super::Result;
use super::super::values::{Day, date_col};
use super::{MatterFilter, filter_sql};
use crate::domain::petition::{Channel, MatterId, Outcome, Satisfaction, Status};
use crate::store::Read;

/// One matter for an export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRow {
    /// Row id (the service request id).
    pub id: MatterId,
    /// How it came in.
    pub channel: Channel,
    /// The category's service code.
    pub service_code: String,
    /// The category's names.
    pub service_name: (String, String),
    /// What was raised.
    pub text: String,
    /// Street, community and the building or unit.
    pub address: String,
    /// WGS-84 longitude and latitude.
    pub point: Option<(f64, f64)>,
    /// The unit responsible.
    pub owner_unit: String,
    /// The person responsible there.
    pub owner_person: String,
    /// Where it stands.
    pub status: Status,
    /// The reply.
    pub reply: String,
    /// What came of it.
    pub outcome: Option<Outcome>,
    /// Who is responsible, for "not ours".
    pub responsible_elsewhere: String,
    /// Received on.
    pub received_on: Date,
    /// When it was recorded, local time `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
    /// When it last changed, local time.
    pub updated_at: String,
    /// The deadline.
    pub deadline: Option<Date>,
    /// Closed on.
    pub closed_on: Option<Date>,
    /// The last call-back.
    pub satisfaction: Option<Satisfaction>,
}

/// The matters matching `filter` as of `today`, oldest first, narrowed to the reader's streets.
pub fn export_rows(conn: &Read<'_>, filter: &MatterFilter, today: Date) -> Result<Vec<ExportRow>> {
    let mut values = Vec::new();
    let condition = filter_sql(conn, filter, today, &mut values)?;
    let sql = format!(
        "SELECT p.id, p.channel, c.code, c.name_zh, c.name_en, p.text,
                trim(coalesce(s.short_name, '') || ' ' || r.short_name || ' ' || p.place_detail),
                p.lon, p.lat, p.owner_unit, p.status, p.reply, p.outcome,
                p.responsible_elsewhere, p.received_on, p.created_at, p.updated_at,
                p.deadline, p.closed_on, p.satisfaction, p.owner_person
         FROM petitions p JOIN regions r ON r.id = p.region_id
         JOIN petition_categories c ON c.id = p.category_id
         LEFT JOIN regions s ON s.id = p.street_id
         WHERE {condition} ORDER BY p.received_on, p.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        let lon: Option<f64> = r.get(7)?;
        let lat: Option<f64> = r.get(8)?;
        Ok(ExportRow {
            id: MatterId(r.get(0)?),
            channel: r.get(1)?,
            service_code: r.get(2)?,
            service_name: (r.get(3)?, r.get(4)?),
            text: r.get(5)?,
            address: r.get(6)?,
            point: lon.zip(lat),
            owner_unit: r.get(9)?,
            status: r.get(10)?,
            reply: r.get(11)?,
            outcome: r.get(12)?,
            responsible_elsewhere: r.get(13)?,
            received_on: date_col(r, 14)?,
            created_at: r.get(15)?,
            updated_at: r.get(16)?,
            deadline: r.get::<_, Option<Day>>(17)?.map(|d| d.0),
            closed_on: r.get::<_, Option<Day>>(18)?.map(|d| d.0),
            satisfaction: r.get(19)?,
            owner_person: r.get(20)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
