//! Public-welfare posts (岗位): what was developed, where, for how many, funded how long.

use crate::domain::access::{self, Action as Access};
use crate::store::Read;
use jiff::civil::Date;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};

use super::records::PostRecord;
use super::values::date_col;
use super::{PostRule, RecordKind, Result, StoreError, Writer, changes::Action};
use crate::domain::pay::Area;
use crate::domain::placement::{PostCategory, PostStatus};
use crate::domain::{PostId, RegionId};

/// A post as the forms write it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPost {
    /// 岗位名称
    pub title: String,
    /// One of the five categories.
    pub category: PostCategory,
    /// 城镇 or 乡村: decides how it is paid.
    pub area: Area,
    /// 用工单位
    pub host_unit: String,
    /// The village or community where the work is.
    pub region_id: RegionId,
    /// Places on the post.
    pub headcount: i64,
    /// Hours a month (rural posts), in tenths of an hour.
    pub monthly_hours_tenths: Option<i64>,
    /// Rural posts: the fewest hours a month expected, in tenths.
    pub min_hours_tenths: Option<i64>,
    /// Rural posts: the most hours a month paid, in tenths; hours above are not paid.
    pub max_hours_tenths: Option<i64>,
    /// First funded day.
    pub funded_from: Date,
    /// Last funded day.
    pub funded_to: Date,
    /// Recruiting or not.
    pub status: PostStatus,
}

/// A post with its places filled today.
#[derive(Clone, Debug, PartialEq)]
pub struct Post {
    /// Row id.
    pub id: PostId,
    /// The stored fields.
    pub fields: NewPost,
    /// Short name of the place.
    pub place: String,
    /// Short name of the street above the place.
    pub street: String,
    /// People in post now.
    pub filled: i64,
    /// The day the post was closed, if it is; no pay after it.
    pub closed_on: Option<Date>,
}

/// What the post list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostFilter {
    /// Only posts in this street or function area.
    pub street: Option<RegionId>,
    /// Only this category.
    pub category: Option<PostCategory>,
    /// Only urban or only rural.
    pub area: Option<Area>,
    /// Only this status.
    pub status: Option<PostStatus>,
}

const SELECT: &str =
    "SELECT p.id, p.title, p.category, p.area, p.host_unit, p.region_id, p.headcount,
        p.monthly_hours_tenths, p.funded_from, p.funded_to, p.status, r.short_name,
        coalesce(s.short_name, ''),
        (SELECT count(*) FROM placements pl WHERE pl.post_id = p.id AND pl.start_date <= ?1
            AND pl.agreement_end >= ?1 AND (pl.exit_date IS NULL OR pl.exit_date >= ?1)),
        p.min_hours_tenths, p.max_hours_tenths, p.closed_on
    FROM posts p JOIN regions r ON r.id = p.region_id LEFT JOIN regions s ON s.id = r.parent_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post {
        id: PostId(r.get(0)?),
        fields: NewPost {
            title: r.get(1)?,
            category: r.get(2)?,
            area: r.get(3)?,
            host_unit: r.get(4)?,
            region_id: RegionId(r.get(5)?),
            headcount: r.get(6)?,
            monthly_hours_tenths: r.get(7)?,
            min_hours_tenths: r.get(14)?,
            max_hours_tenths: r.get(15)?,
            funded_from: date_col(r, 8)?,
            funded_to: date_col(r, 9)?,
            status: r.get(10)?,
        },
        place: r.get(11)?,
        street: r.get(12)?,
        filled: r.get(13)?,
        closed_on: r.get::<_, Option<super::values::Day>>(16)?.map(|d| d.0),
    })
}

/// Posts matching `filter`, with places filled on `today`, by street, place and title.
///
/// A reader limited to some streets sees the posts of those streets only.
pub fn list(conn: &Read<'_>, filter: &PostFilter, today: Date) -> Result<Vec<Post>> {
    let within = conn
        .within(access::Area::Placements, Access::Read)?
        .sql("p.region_id");
    let mut clauses = vec![within.as_str()];
    let mut values: Vec<Value> = vec![Value::Text(today.to_string())];
    if let Some(street) = filter.street {
        clauses.push("r.parent_id = ?");
        values.push(Value::Integer(street.0));
    }
    if let Some(category) = filter.category {
        clauses.push("p.category = ?");
        values.push(Value::Text(category.as_str().into()));
    }
    if let Some(area) = filter.area {
        clauses.push("p.area = ?");
        values.push(Value::Text(crate::store::values::area_str(area).into()));
    }
    if let Some(status) = filter.status {
        clauses.push("p.status = ?");
        values.push(Value::Text(status.as_str().into()));
    }
    let sql = format!(
        "{SELECT} WHERE {} ORDER BY r.code, p.title, p.id",
        clauses.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One post, with places filled on `on`.
pub fn get(conn: &Read<'_>, id: PostId, on: Date) -> Result<Post> {
    conn.require_at(access::Area::Placements, Access::Read, region_of(conn, id)?)?;
    conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?2"))?
        .query_row(params![on.to_string(), id.0], from_row)
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Post))
}

/// The place of a post: its street decides who may read it and write on it.
pub(crate) fn region_of(conn: &rusqlite::Connection, id: PostId) -> Result<RegionId> {
    conn.prepare_cached("SELECT region_id FROM posts WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0).map(RegionId))
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Post))
}

fn check(p: &NewPost) -> Result<()> {
    if p.title.trim().is_empty() || p.host_unit.trim().is_empty() {
        return Err(StoreError::Post(PostRule::TitleAndHostRequired));
    }
    if p.headcount <= 0 || p.funded_to < p.funded_from {
        return Err(StoreError::Post(PostRule::HeadcountOrFunding));
    }
    let negative = |h: Option<i64>| h.is_some_and(|h| h < 0);
    let inverted =
        matches!((p.min_hours_tenths, p.max_hours_tenths), (Some(min), Some(max)) if min > max);
    if negative(p.min_hours_tenths) || p.max_hours_tenths.is_some_and(|h| h <= 0) || inverted {
        return Err(StoreError::Post(PostRule::HoursLimits));
    }
    Ok(())
}

/// Adds a post.
pub fn insert(w: &Writer<'_>, p: &NewPost) -> Result<PostId> {
    w.require_at(access::Area::Placements, Access::Write, p.region_id)?;
    check(p)?;
    let now = w.stamp();
    w.tx()
        .prepare_cached(
            "INSERT INTO posts (title, category, area, host_unit, region_id, headcount,
                monthly_hours_tenths, funded_from, funded_to, status, created_at, updated_at,
                min_hours_tenths, max_hours_tenths, closed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13,
                CASE WHEN ?10 = 'closed' THEN substr(?11, 1, 10) END)",
        )?
        .execute(params![
            p.title.trim(),
            p.category.as_str(),
            p.area,
            p.host_unit.trim(),
            p.region_id.0,
            p.headcount,
            p.monthly_hours_tenths,
            p.funded_from.to_string(),
            p.funded_to.to_string(),
            p.status.as_str(),
            now,
            p.min_hours_tenths,
            p.max_hours_tenths
        ])?;
    let id = PostId(w.tx().last_insert_rowid());
    w.log::<PostRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// Changes a post.
///
/// The writer must reach both the post's street and, when it moves, the new one.
pub fn update(w: &Writer<'_>, id: PostId, p: &NewPost) -> Result<()> {
    w.require_at(
        access::Area::Placements,
        Access::Write,
        region_of(w.tx(), id)?,
    )?;
    w.require_at(access::Area::Placements, Access::Write, p.region_id)?;
    check(p)?;
    let before = w.existing::<PostRecord>(id.0, RecordKind::Post)?;
    w.tx().execute(
        "UPDATE posts SET title = ?2, category = ?3, area = ?4, host_unit = ?5, region_id = ?6,
            headcount = ?7, monthly_hours_tenths = ?8, funded_from = ?9, funded_to = ?10,
            status = ?11, updated_at = ?12, min_hours_tenths = ?13, max_hours_tenths = ?14,
            closed_on = CASE WHEN ?11 <> 'closed' THEN NULL
                             WHEN status = 'closed' THEN closed_on ELSE substr(?12, 1, 10) END
            WHERE id = ?1",
        params![
            id.0,
            p.title.trim(),
            p.category.as_str(),
            p.area,
            p.host_unit.trim(),
            p.region_id.0,
            p.headcount,
            p.monthly_hours_tenths,
            p.funded_from.to_string(),
            p.funded_to.to_string(),
            p.status.as_str(),
            w.stamp(),
            p.min_hours_tenths,
            p.max_hours_tenths
        ],
    )?;
    w.log(id.0, Action::Update, Some(before))
}

/// Removes a post an import created, when the import is undone: logged as a delete.
pub(crate) fn remove_imported(w: &Writer<'_>, id: PostId) -> Result<()> {
    w.require_at(
        access::Area::Placements,
        Access::Write,
        region_of(w.tx(), id)?,
    )?;
    let before = w.existing::<PostRecord>(id.0, RecordKind::Post)?;
    w.tx().execute("DELETE FROM posts WHERE id = ?1", [id.0])?;
    w.log(id.0, Action::Delete, Some(before))
}
