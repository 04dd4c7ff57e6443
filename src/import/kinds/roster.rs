//! A roster of people on posts, the office's most common sheet: the person columns and the
//! placement's on one row. The person is registered (or matched by ID number, under the
//! policy), the post matched by title, village and category, and the placement made with
//! its training marked "not in the source file": a roster carries no training records, and
//! a training date is never invented. A post that does not exist yet is listed and created
//! only when the clerk agrees.

use std::collections::HashMap;

use jiff::civil::Date;

use super::people::{self, PERSON_FIELDS, PersonWrite};
use super::posts::{
    self as post_kind, AREA_ALIASES, CATEGORY_ALIASES, HOST_ALIASES, TITLE_ALIASES,
};
use crate::domain::pay::Area;
use crate::domain::placement::PostStatus;
use crate::domain::{PersonId, PostId};
use crate::i18n::{Text, import as im};
use crate::import::clean::header_key;
use crate::import::{
    Batch, FieldSpec, Known, Outcome, Planned, Policy, Row, RowWrite, Rows, refuse, warn,
};
use crate::store::placements::{self, NewPlacement, TrainingChoice};
use crate::store::posts::{self as post_store, NewPost};
use crate::store::{StoreError, Writer, imports};

/// A placement roster.
pub struct Roster;

const P: usize = PERSON_FIELDS.len();
const TITLE: usize = P;
const CATEGORY: usize = P + 1;
const AREA: usize = P + 2;
const HOST: usize = P + 3;
const START: usize = P + 4;
const END: usize = P + 5;
const INSURANCE: usize = P + 6;

const FIELDS: [FieldSpec; P + 7] = {
    let person = people::person_fields!(false);
    [
        person[0],
        person[1],
        person[2],
        person[3],
        person[4],
        person[5],
        person[6],
        person[7],
        person[8],
        FieldSpec {
            key: "post",
            label: im::F_POST_TITLE,
            aliases: TITLE_ALIASES,
            required: true,
            note: im::NOTE_POST_TITLE,
            as_text: false,
        },
        FieldSpec {
            key: "post_category",
            label: im::F_POST_CATEGORY,
            aliases: CATEGORY_ALIASES,
            required: false,
            note: im::NOTE_POST_CATEGORY,
            as_text: false,
        },
        FieldSpec {
            key: "area",
            label: im::F_AREA,
            aliases: AREA_ALIASES,
            required: false,
            note: im::NOTE_AREA,
            as_text: false,
        },
        FieldSpec {
            key: "host_unit",
            label: im::F_HOST,
            aliases: HOST_ALIASES,
            required: false,
            note: im::NOTE_HOST,
            as_text: false,
        },
        FieldSpec {
            key: "start",
            label: im::F_START,
            aliases: &["上岗时间", "上岗日期", "安置时间", "上岗年月", "开始时间"],
            required: true,
            note: im::NOTE_DATE,
            as_text: false,
        },
        FieldSpec {
            key: "agreement_end",
            label: im::F_AGREEMENT_END,
            aliases: &[
                "协议截止日期",
                "协议到期日期",
                "合同截止日期",
                "协议期满",
                "截止时间",
            ],
            required: false,
            note: im::NOTE_DATE,
            as_text: false,
        },
        FieldSpec {
            key: "insurance",
            label: im::F_INSURANCE,
            aliases: &["意外伤害保险", "意外险", "意外保险"],
            required: false,
            note: im::NOTE_NOTES,
            as_text: false,
        },
    ]
};

impl super::Kind for Roster {
    fn key(&self) -> &'static str {
        "roster"
    }

    fn label(&self) -> Text {
        im::KIND_ROSTER
    }

    fn area(&self) -> crate::domain::access::Area {
        crate::domain::access::Area::Placements
    }

    fn fields(&self) -> &'static [FieldSpec] {
        &FIELDS
    }

    fn plan(&self, rows: &Rows<'_>, known: &Known, policy: Policy) -> Vec<Planned> {
        let mut seen = HashMap::new();
        let mut new_posts: HashMap<String, NewPost> = HashMap::new();
        let mut planned: Vec<Planned> = rows
            .iter()
            .map(|row| plan_row(&row, known, policy, &mut seen, &mut new_posts))
            .collect();
        // A post created for the roster holds as many places as the roster fills on it,
        // funded over their dates: known only once every row is planned.
        for p in &mut planned {
            if let Some(key) = p.needs_post.clone()
                && let Some(post) = new_posts.get(&key)
            {
                p.needs_post = Some(format!(
                    "{}（{}）",
                    post.title,
                    known.places.short_name(post.region_id)
                ));
                if let Some(w) = p.write.take() {
                    p.write = Some(Box::new(WithPost {
                        inner: w,
                        key,
                        post: post.clone(),
                    }));
                }
            }
        }
        planned
    }
}

fn plan_row(
    row: &Row<'_>,
    known: &Known,
    policy: Policy,
    seen: &mut HashMap<String, u32>,
    new_posts: &mut HashMap<String, NewPost>,
) -> Planned {
    let person = people::plan_person(row, 0, known, policy, seen);
    let mut issues = person.issues;
    let label = person.label;
    if person.outcome == Outcome::Refuse {
        return Planned::refused(label, issues);
    }
    // The same person twice in a roster is not skipped: a second placement is refused.
    if person.outcome == Outcome::Skip && person.existing.is_none() {
        for issue in &mut issues {
            issue.refuses |= issue.field == Some(people::ID);
        }
        return Planned::refused(label, issues);
    }
    // The person's village is the post's.
    let region = match &person.write {
        Some(PersonWrite::Insert(p) | PersonWrite::Update(_, p)) => Some(p.region_id),
        None => person.existing_region,
    };
    let title = row.text(TITLE);
    if title.is_empty() {
        issues.push(refuse(TITLE, im::REQUIRED.into()));
    }
    let category_text = row.text(CATEGORY);
    let category = if category_text.is_empty() {
        None
    } else {
        post_kind::post_category(row, CATEGORY, &mut issues)
    };
    let start = post_kind::date(row, START, true, &mut issues);
    let end = post_kind::date(row, END, false, &mut issues);
    let insurance = matches!(
        row.text(INSURANCE).as_str(),
        "是" | "有" | "已购买" | "已买" | "yes" | "y"
    );
    let (Some(region), Some(start)) = (region, start) else {
        return Planned::refused(label, issues);
    };
    if issues.iter().any(|i| i.refuses) {
        return Planned::refused(label, issues);
    }
    let agreement_end = end.unwrap_or_else(|| {
        known
            .placement_rules
            .as_ref()
            .map_or(start, |r| r.default_agreement_end(start))
    });
    let key = header_key(&title);
    let post = known.posts.iter().find(|p| {
        header_key(&p.title) == key
            && p.region == region
            && category.is_none_or(|c| c == p.category)
    });
    let (post, needs_post) = match post {
        Some(p) => (PostRef::Existing(p.id), None),
        None => {
            let post_key = format!("{key}\u{1F}{}", region.0);
            let Some(category) = category else {
                issues.push(refuse(
                    CATEGORY,
                    im::new_post(&title, known.places.short_name(region)),
                ));
                return Planned::refused(label, issues);
            };
            let area =
                post_kind::area(row, AREA, Some(region), known, &mut issues).unwrap_or(Area::Urban);
            let host = row.text(HOST);
            let entry = new_posts
                .entry(post_key.clone())
                .or_insert_with(|| NewPost {
                    title: title.clone(),
                    category,
                    area,
                    host_unit: if host.is_empty() {
                        known.places.short_name(region).to_string()
                    } else {
                        host
                    },
                    region_id: region,
                    headcount: 0,
                    monthly_hours_tenths: None,
                    min_hours_tenths: None,
                    max_hours_tenths: None,
                    funded_from: start,
                    funded_to: agreement_end,
                    status: PostStatus::Open,
                });
            entry.headcount += 1;
            entry.funded_from = entry.funded_from.min(start);
            entry.funded_to = entry.funded_to.max(agreement_end);
            issues.push(warn(
                TITLE,
                im::post_will_be_created(&title, known.places.short_name(region)),
            ));
            (PostRef::New(post_key.clone()), Some(post_key))
        }
    };
    issues.push(warn(START, im::TRAINING_NOT_IN_FILE.into()));
    Planned {
        outcome: Outcome::Create,
        issues,
        label: format!("{label} · {title}"),
        write: Some(Box::new(PlacementWrite {
            person: person.write,
            existing: person.existing,
            post,
            start,
            agreement_end,
            insurance,
        })),
        needs_post,
    }
}

enum PostRef {
    Existing(PostId),
    New(String),
}

struct PlacementWrite {
    person: Option<PersonWrite>,
    existing: Option<PersonId>,
    post: PostRef,
    start: Date,
    agreement_end: Date,
    insurance: bool,
}

impl RowWrite for PlacementWrite {
    fn write(&self, w: &Writer<'_>, batch: &mut Batch) -> Result<(), StoreError> {
        let person = match (&self.person, self.existing) {
            (Some(p), _) => p.apply(w, batch)?,
            (None, Some(id)) => id,
            (None, None) => return Err(StoreError::NotFound(crate::store::RecordKind::Person)),
        };
        let post = match &self.post {
            PostRef::Existing(id) => *id,
            PostRef::New(key) => *batch
                .posts
                .get(key)
                .ok_or(StoreError::NotFound(crate::store::RecordKind::Post))?,
        };
        let id = placements::place(
            w,
            &NewPlacement {
                person_id: person,
                post_id: post,
                training: TrainingChoice::NotInSource,
                start_date: self.start,
                agreement_end: self.agreement_end,
                accident_insurance: self.insurance,
            },
        )?;
        let training = placements::training_of(&w.read(), id)?;
        imports::record_insert(w, batch.id, batch.row, "trainings", training.0)?;
        imports::record_insert(w, batch.id, batch.row, "placements", id.0)
    }
}

/// A row whose post the batch creates first (once, for every row that needs it).
struct WithPost {
    inner: Box<dyn RowWrite>,
    key: String,
    post: NewPost,
}

impl RowWrite for WithPost {
    fn write(&self, w: &Writer<'_>, batch: &mut Batch) -> Result<(), StoreError> {
        if !batch.posts.contains_key(&self.key) {
            let id = post_store::insert(w, &self.post)?;
            imports::record_insert(w, batch.id, batch.row, "posts", id.0)?;
            batch.posts.insert(self.key.clone(), id);
        }
        self.inner.write(w, batch)
    }
}
