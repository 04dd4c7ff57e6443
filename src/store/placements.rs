//! Placements (上岗): the training before, the checks, the placement itself and the exit.

use crate::domain::access::{self, Action as Access};
use crate::store::Read;
use jiff::civil::Date;
use rusqlite::{OptionalExtension, Row, params};

use super::records::{PlacementRecord, TrainingRecord};
use super::values::{Day, date_col};
use super::{PlacementRule, RecordKind, Result, StoreError, Writer, changes::Action, settings};
use crate::domain::id_number::Sex;
use crate::domain::pay::Area;
use crate::domain::placement::{
    Candidate, ExitReason, HeldPost, PlacementRules, PostOpening, check_eligibility,
};
use crate::domain::{CategoryId, PersonId, PlacementId, PostId, TrainingId};

/// Setting keys of the placement rules.
pub const RULE_KEYS: [&str; 7] = [
    "placement.eligible_categories",
    "placement.min_age",
    "placement.max_age_male",
    "placement.max_age_female",
    "placement.agreement_years",
    "placement.extend_to_retirement_years",
    "placement.women_worker_posts",
];

/// A training course taken before placement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTraining {
    /// 培训项目
    pub course: String,
    /// Day of the course (or its exam).
    pub trained_on: Date,
    /// Length of the course.
    pub hours: i64,
    /// Passed or not.
    pub passed: bool,
}

/// Which training a placement rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrainingChoice {
    /// One already on record for the person.
    Existing(TrainingId),
    /// One recorded together with the placement.
    New(NewTraining),
    /// None is known: the placement comes from a roster that carries no training records
    /// (an import), and its training is marked "not in the source file" for the clerk to
    /// record, never given an invented date.
    NotInSource,
}

/// A placement as the form writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPlacement {
    /// Who.
    pub person_id: PersonId,
    /// On which post.
    pub post_id: PostId,
    /// After which training.
    pub training: TrainingChoice,
    /// First day in post.
    pub start_date: Date,
    /// Last day of the agreement.
    pub agreement_end: Date,
    /// Rural posts: the accident insurance was bought.
    pub accident_insurance: bool,
}

/// A placement with the names a list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    /// Row id.
    pub id: PlacementId,
    /// Who.
    pub person_id: PersonId,
    /// Name.
    pub name: String,
    /// Full ID number; views mask it.
    pub id_number: String,
    /// Post.
    pub post_id: PostId,
    /// Post title.
    pub post: String,
    /// Urban or rural.
    pub area: Area,
    /// Village or community of the post.
    pub place: String,
    /// First day in post.
    pub start_date: Date,
    /// Last day of the agreement.
    pub agreement_end: Date,
    /// Last day in post, once exited.
    pub exit_date: Option<Date>,
    /// Why they left.
    pub exit_reason: Option<ExitReason>,
    /// Rural: accident insurance bought.
    pub accident_insurance: bool,
}

/// A training on record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Training {
    /// Row id.
    pub id: TrainingId,
    /// The course.
    pub fields: NewTraining,
}

/// The placement rules in force for this file (defaults where not set).
pub fn rules(conn: &Read<'_>) -> Result<PlacementRules> {
    conn.reach(access::Area::Placements, Access::Read)?;
    let get = |key: &str| settings::get(conn, key);
    let number = |key: &str, default: i64| -> Result<i64> {
        Ok(settings::parsed(conn, key)?.unwrap_or(default))
    };
    let eligible_categories = match get(RULE_KEYS[0])? {
        Some(list) => list
            .split(',')
            .filter_map(|s| s.trim().parse().ok().map(CategoryId))
            .collect(),
        None => default_eligible_categories(conn)?,
    };
    Ok(PlacementRules {
        eligible_categories,
        min_age: number(RULE_KEYS[1], 16)? as i32,
        max_age_male: number(RULE_KEYS[2], 60)? as i32,
        max_age_female: number(RULE_KEYS[3], 55)? as i32,
        agreement_years: number(RULE_KEYS[4], 3)? as i16,
        extend_to_retirement_years: number(RULE_KEYS[5], 5)? as i16,
        women_worker_posts: number(RULE_KEYS[6], 0)? != 0,
    })
}

/// The programme's target groups: low-income, lifted out of poverty, unemployed, disabled.
fn default_eligible_categories(conn: &Read<'_>) -> Result<Vec<CategoryId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM hardship_categories
         WHERE name_zh IN ('特困', '低保', '低保边缘', '脱贫', '防返贫监测', '残疾', '失业')",
    )?;
    let ids = stmt.query_map([], |r| r.get(0).map(CategoryId))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Stores the placement rules.
pub fn set_rules(w: &Writer<'_>, rules: &PlacementRules) -> Result<()> {
    w.require(access::Area::Placements, Access::Administer, None)?;
    let ids: Vec<String> = rules
        .eligible_categories
        .iter()
        .map(|c| c.0.to_string())
        .collect();
    settings::set(w, RULE_KEYS[0], &ids.join(","))?;
    settings::set(w, RULE_KEYS[1], &rules.min_age.to_string())?;
    settings::set(w, RULE_KEYS[2], &rules.max_age_male.to_string())?;
    settings::set(w, RULE_KEYS[3], &rules.max_age_female.to_string())?;
    settings::set(w, RULE_KEYS[4], &rules.agreement_years.to_string())?;
    settings::set(
        w,
        RULE_KEYS[5],
        &rules.extend_to_retirement_years.to_string(),
    )?;
    settings::set(
        w,
        RULE_KEYS[6],
        if rules.women_worker_posts { "1" } else { "0" },
    )
}

/// The person's trainings, newest first.
pub fn trainings(conn: &Read<'_>, person: PersonId) -> Result<Vec<Training>> {
    require_for_person(conn, Access::Read, person)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, course, trained_on, hours, passed FROM trainings
         WHERE person_id = ?1 AND source = 'recorded' ORDER BY trained_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([person.0], |r| {
        Ok(Training {
            id: TrainingId(r.get(0)?),
            fields: NewTraining {
                course: r.get(1)?,
                trained_on: date_col(r, 2)?,
                hours: r.get(3)?,
                passed: r.get(4)?,
            },
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What the eligibility checks need to know about a person on `start`.
fn candidate(conn: &Read<'_>, rules: &PlacementRules, new: &NewPlacement) -> Result<Candidate> {
    let (birth, sex): (Day, Sex) = conn
        .query_row(
            "SELECT birth_date, sex FROM people WHERE id = ?1 AND deleted_at IS NULL",
            [new.person_id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Person))?;
    let categories = conn
        .prepare_cached("SELECT category_id FROM person_hardships WHERE person_id = ?1")?
        .query_map([new.person_id.0], |r| r.get(0).map(CategoryId))?
        .collect::<Result<_, _>>()?;
    let placements = conn
        .prepare_cached(
            "SELECT po.title, pl.start_date, coalesce(pl.exit_date, pl.agreement_end)
             FROM placements pl JOIN posts po ON po.id = pl.post_id
             WHERE pl.person_id = ?1 ORDER BY pl.start_date",
        )?
        .query_map([new.person_id.0], |r| {
            Ok(HeldPost {
                post: r.get(0)?,
                from: date_col(r, 1)?,
                to: date_col(r, 2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let (training_passed, training_date) = match &new.training {
        TrainingChoice::New(t) => (t.passed, Some(t.trained_on)),
        TrainingChoice::NotInSource => (false, None),
        TrainingChoice::Existing(id) => conn
            .query_row(
                "SELECT passed, trained_on FROM trainings WHERE id = ?1 AND person_id = ?2",
                params![id.0, new.person_id.0],
                |r| Ok((r.get(0)?, Some(date_col(r, 1)?))),
            )
            .optional()?
            .unwrap_or((false, None)),
    };
    let table = super::pay_settings::retirement_table(conn)?;
    Ok(Candidate {
        birth_date: birth.0,
        sex,
        categories,
        training_passed,
        training_date,
        placements,
        retirement_date: super::pay_settings::person_retirement(
            &table,
            rules.women_worker_posts,
            birth.0,
            sex,
        ),
    })
}

fn opening(conn: &Read<'_>, post: PostId, start: Date) -> Result<PostOpening> {
    let p = super::posts::get(conn, post, start)?;
    Ok(PostOpening {
        status: p.fields.status,
        headcount: p.fields.headcount,
        filled: p.filled,
        funded_from: p.fields.funded_from,
        funded_to: p.fields.funded_to,
    })
}

/// Places a person after every check passes; otherwise writes nothing and returns every
/// reason as [`StoreError::Ineligible`].
///
/// The writer must reach the post's street; the person may live in another.
pub fn place(w: &Writer<'_>, new: &NewPlacement) -> Result<PlacementId> {
    w.require_at(
        access::Area::Placements,
        Access::Write,
        super::posts::region_of(w.tx(), new.post_id)?,
    )?;
    let rules = rules(&w.read())?;
    let candidate = candidate(&w.read(), &rules, new)?;
    let opening = opening(&w.read(), new.post_id, new.start_date)?;
    let mut reasons = check_eligibility(
        &rules,
        &candidate,
        &opening,
        new.start_date,
        new.agreement_end,
    );
    // A roster's placement is not refused for a training the file could not carry: it
    // is marked as missing instead (see [`TrainingChoice::NotInSource`]).
    if new.training == TrainingChoice::NotInSource {
        reasons.retain(|r| *r != crate::domain::placement::Ineligible::NoTrainingPassed);
    }
    if !reasons.is_empty() {
        return Err(StoreError::Ineligible(reasons));
    }
    if new.agreement_end < new.start_date {
        return Err(StoreError::Placement(
            PlacementRule::AgreementEndsBeforeStart,
        ));
    }
    let training_id = match &new.training {
        TrainingChoice::Existing(id) => *id,
        TrainingChoice::New(t) => insert_training(w, new.person_id, t)?,
        TrainingChoice::NotInSource => insert_training_not_in_source(w, new.person_id)?,
    };
    let now = w.stamp();
    w.tx()
        .prepare_cached(
            "INSERT INTO placements (person_id, post_id, training_id, start_date, agreement_end,
                accident_insurance, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?
        .execute(params![
            new.person_id.0,
            new.post_id.0,
            training_id.0,
            new.start_date.to_string(),
            new.agreement_end.to_string(),
            new.accident_insurance,
            now
        ])?;
    let id = PlacementId(w.tx().last_insert_rowid());
    w.log::<PlacementRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// Records a training for a person.
pub fn add_training(w: &Writer<'_>, person: PersonId, t: &NewTraining) -> Result<TrainingId> {
    require_for_person(&w.read(), Access::Write, person)?;
    insert_training(w, person, t)
}

fn insert_training(w: &Writer<'_>, person: PersonId, t: &NewTraining) -> Result<TrainingId> {
    if t.course.trim().is_empty() || t.hours <= 0 {
        return Err(StoreError::Placement(PlacementRule::TrainingIncomplete));
    }
    w.tx()
        .prepare_cached(
            "INSERT INTO trainings (person_id, course, trained_on, hours, passed, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            person.0,
            t.course.trim(),
            t.trained_on.to_string(),
            t.hours,
            t.passed,
            w.stamp()
        ])?;
    let id = TrainingId(w.tx().last_insert_rowid());
    w.log::<TrainingRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// The course name of a training marked "not in the source file".
pub const NOT_IN_SOURCE_COURSE: &str = "源文件未载";

fn insert_training_not_in_source(w: &Writer<'_>, person: PersonId) -> Result<TrainingId> {
    w.tx()
        .prepare_cached(
            "INSERT INTO trainings (person_id, course, created_at, source)
             VALUES (?1, ?2, ?3, 'not_in_source')",
        )?
        .execute(params![person.0, NOT_IN_SOURCE_COURSE, w.stamp()])?;
    let id = TrainingId(w.tx().last_insert_rowid());
    w.log::<TrainingRecord>(id.0, Action::Insert, None)?;
    Ok(id)
}

/// The training a placement rests on.
pub fn training_of(conn: &Read<'_>, id: PlacementId) -> Result<TrainingId> {
    Ok(TrainingId(conn.query_row(
        "SELECT training_id FROM placements WHERE id = ?1",
        [id.0],
        |r| r.get(0),
    )?))
}

/// Removes a training an import recorded (one marked not in the source file), when the
/// import is undone: logged as a delete.
pub(crate) fn remove_imported_training(w: &Writer<'_>, id: TrainingId) -> Result<()> {
    let before = w.existing::<TrainingRecord>(id.0, RecordKind::Placement)?;
    require_for_person(&w.read(), Access::Write, PersonId(before.person_id))?;
    w.tx()
        .execute("DELETE FROM trainings WHERE id = ?1", [id.0])?;
    w.log(id.0, Action::Delete, Some(before))
}

/// Records that a person left the post on `last_day` (their last day in post).
pub fn exit(
    w: &Writer<'_>,
    id: PlacementId,
    last_day: Date,
    reason: ExitReason,
    note: &str,
) -> Result<()> {
    require_placement(&w.read(), Access::Write, id)?;
    let before = get(&w.read(), id)?;
    let row = w.existing::<PlacementRecord>(id.0, RecordKind::Placement)?;
    if before.exit_date.is_some() {
        return Err(StoreError::Placement(PlacementRule::AlreadyEnded));
    }
    if last_day < before.start_date {
        return Err(StoreError::Placement(PlacementRule::ExitBeforeStart));
    }
    w.tx().execute(
        "UPDATE placements SET exit_date = ?2, exit_reason = ?3, exit_note = ?4, updated_at = ?5
         WHERE id = ?1",
        params![
            id.0,
            last_day.to_string(),
            reason.as_str(),
            note.trim(),
            w.stamp()
        ],
    )?;
    w.log(id.0, Action::Update, Some(row))
}

const SELECT: &str = "SELECT pl.id, pl.person_id, pe.name, pe.id_number, pl.post_id, po.title, po.area,
        r.short_name, pl.start_date, pl.agreement_end, pl.exit_date, pl.exit_reason, pl.accident_insurance
    FROM placements pl JOIN people pe ON pe.id = pl.person_id JOIN posts po ON po.id = pl.post_id
    JOIN regions r ON r.id = po.region_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Placement> {
    Ok(Placement {
        id: PlacementId(r.get(0)?),
        person_id: PersonId(r.get(1)?),
        name: r.get(2)?,
        id_number: r.get(3)?,
        post_id: PostId(r.get(4)?),
        post: r.get(5)?,
        area: r.get(6)?,
        place: r.get(7)?,
        start_date: date_col(r, 8)?,
        agreement_end: date_col(r, 9)?,
        exit_date: r.get::<_, Option<Day>>(10)?.map(|d| d.0),
        exit_reason: r.get(11)?,
        accident_insurance: r.get(12)?,
    })
}

/// One placement.
pub fn get(conn: &Read<'_>, id: PlacementId) -> Result<Placement> {
    require_placement(conn, Access::Read, id)?;
    conn.prepare_cached(&format!("{SELECT} WHERE pl.id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Placement))
}

/// Which placements a list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlacementScope {
    /// Not exited.
    #[default]
    Active,
    /// Exited.
    Exited,
    /// All.
    All,
}

/// Placements in `scope`, optionally on one post or with a name containing `name`,
/// newest first; for a reader limited to some streets, those on the streets' posts.
pub fn list(
    conn: &Read<'_>,
    scope: PlacementScope,
    post: Option<PostId>,
    name: &str,
) -> Result<Vec<Placement>> {
    let within = conn
        .within(access::Area::Placements, Access::Read)?
        .sql("po.region_id");
    let scope_sql = match scope {
        PlacementScope::Active => "pl.exit_date IS NULL",
        PlacementScope::Exited => "pl.exit_date IS NOT NULL",
        PlacementScope::All => "1",
    };
    let sql = format!(
        "{SELECT} WHERE {scope_sql} AND {within} AND (?1 IS NULL OR pl.post_id = ?1)
           AND (?2 = '' OR instr(pe.name, ?2) > 0)
         ORDER BY pl.start_date DESC, pl.id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![post.map(|p| p.0), name.trim()], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every placement of one person, newest first: their history, the placements on other
/// streets' posts included for a reader who may see the person's placement records.
pub fn history(conn: &Read<'_>, person: PersonId) -> Result<Vec<Placement>> {
    require_for_person(conn, Access::Read, person)?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE pl.person_id = ?1 ORDER BY pl.start_date DESC"
    ))?;
    let rows = stmt.query_map([person.0], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Refuses unless the reader may do `action` on the placement: on a post of a street it
/// reaches.
pub(crate) fn require_placement(conn: &Read<'_>, action: Access, id: PlacementId) -> Result<()> {
    let post = conn
        .prepare_cached("SELECT post_id FROM placements WHERE id = ?1")?
        .query_row([id.0], |r| r.get(0).map(PostId))
        .optional()?
        .ok_or(StoreError::NotFound(RecordKind::Placement))?;
    conn.require_at(
        access::Area::Placements,
        action,
        super::posts::region_of(conn, post)?,
    )
}

/// Refuses unless the reader may do `action` on a person's placement records (trainings,
/// bank account, place on the waiting list): those of a person living in a street it
/// reaches, or placed on a post there.
pub(crate) fn require_for_person(conn: &Read<'_>, action: Access, person: PersonId) -> Result<()> {
    let within = conn.within(access::Area::Placements, action)?;
    if within == super::Within::District {
        return Ok(());
    }
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND {})
             OR EXISTS (SELECT 1 FROM placements pl JOIN posts po ON po.id = pl.post_id
                        WHERE pl.person_id = ?1 AND {})",
        within.sql("region_id"),
        within.sql("po.region_id")
    );
    if conn.query_row(&sql, [person.0], |r| r.get(0))? {
        Ok(())
    } else {
        Err(conn.refusal(access::Area::Placements, action))
    }
}

/// The placements on posts `within`, for a list narrowed after its query; none for the
/// whole district (nothing to narrow).
pub(crate) fn visible(
    conn: &Read<'_>,
    within: &super::Within,
) -> Result<Option<std::collections::HashSet<PlacementId>>> {
    if *within == super::Within::District {
        return Ok(None);
    }
    let sql = format!(
        "SELECT pl.id FROM placements pl JOIN posts po ON po.id = pl.post_id WHERE {}",
        within.sql("po.region_id")
    );
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt.query_map([], |r| r.get(0).map(PlacementId))?;
    Ok(Some(ids.collect::<rusqlite::Result<_>>()?))
}

/// Removes a placement an import made, when the import is undone: logged as a delete.
pub(crate) fn remove_imported(w: &Writer<'_>, id: PlacementId) -> Result<()> {
    let post = get(&w.read(), id)?.post_id;
    w.require_at(
        access::Area::Placements,
        Access::Write,
        super::posts::region_of(w.tx(), post)?,
    )?;
    let before = w.existing::<PlacementRecord>(id.0, RecordKind::Placement)?;
    w.tx()
        .execute("DELETE FROM placements WHERE id = ?1", [id.0])?;
    w.log(id.0, Action::Delete, Some(before))
}
