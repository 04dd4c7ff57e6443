//! People for the registry: one row, one person, checked as the person form checks them.
//! The person columns are shared with the roster ([`super::roster`]).

use std::collections::HashMap;

use crate::domain::id_number::Sex;
use crate::domain::person::{Field, NewPerson, PersonDraft, id_number_message};
use crate::domain::region::RegionLevel;
use crate::domain::{CategoryId, PersonId, RegionId};
use crate::i18n::{Msg, Text, import as im};
use crate::import::clean::{self, IdProblem, PhoneCell};
use crate::import::places::PlaceProblem;
use crate::import::{
    Batch, FieldSpec, Issue, Known, Outcome, Planned, Policy, Row, RowWrite, Rows, refuse, warn,
};
use crate::store::{StoreError, Writer, imports, people};

/// The registry's people.
pub struct People;

/// Field indices of the person columns, in [`PERSON_FIELDS`] order.
pub const NAME: usize = 0;
/// 身份证号
pub const ID: usize = 1;
/// 性别
pub const SEX: usize = 2;
/// 联系电话
pub const PHONE: usize = 3;
/// 所属街道
pub const STREET: usize = 4;
/// 村居
pub const VILLAGE: usize = 5;
/// 住址
pub const ADDRESS: usize = 6;
/// 困难类别
pub const CATEGORIES: usize = 7;
/// 备注
pub const NOTES: usize = 8;

macro_rules! person_fields {
    ($village_required:expr) => {
        [
            FieldSpec {
                key: "name",
                label: im::F_NAME,
                aliases: &["姓名", "名字", "人员姓名"],
                required: true,
                note: im::NOTE_NAME,
                as_text: false,
            },
            FieldSpec {
                key: "id_number",
                label: im::F_ID,
                aliases: &["身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码"],
                required: true,
                note: im::NOTE_ID,
                as_text: true,
            },
            FieldSpec {
                key: "sex",
                label: im::F_SEX,
                aliases: &["性别"],
                required: false,
                note: im::NOTE_SEX,
                as_text: false,
            },
            FieldSpec {
                key: "phone",
                label: im::F_PHONE,
                aliases: &["联系电话", "手机号", "手机号码", "电话", "联系方式", "手机"],
                required: false,
                note: im::NOTE_PHONE,
                as_text: true,
            },
            FieldSpec {
                key: "street",
                label: im::F_STREET,
                aliases: &["所属街道", "街道", "镇(街道)", "街道(功能区)", "乡镇街道"],
                required: false,
                note: im::NOTE_STREET,
                as_text: false,
            },
            FieldSpec {
                key: "village",
                label: im::F_VILLAGE,
                aliases: &["村居", "村(社区)", "所属村居", "村(居)", "社区", "村", "所在村居"],
                required: $village_required,
                note: im::NOTE_VILLAGE,
                as_text: false,
            },
            FieldSpec {
                key: "address",
                label: im::F_ADDRESS,
                aliases: &["住址", "家庭住址", "地址", "居住地址", "现住址"],
                required: false,
                note: im::NOTE_ADDRESS,
                as_text: false,
            },
            FieldSpec {
                key: "categories",
                label: im::F_CATEGORIES,
                aliases: &["困难类别", "人员类别", "困难类型", "救助类别"],
                required: false,
                note: im::NOTE_CATEGORIES,
                as_text: false,
            },
            FieldSpec {
                key: "notes",
                label: im::F_NOTES,
                aliases: &["备注"],
                required: false,
                note: im::NOTE_NOTES,
                as_text: false,
            },
        ]
    };
}
pub(crate) use person_fields;

/// The person columns.
pub const PERSON_FIELDS: [FieldSpec; 9] = person_fields!(true);

impl super::Kind for People {
    fn key(&self) -> &'static str {
        "people"
    }

    fn label(&self) -> Text {
        im::KIND_PEOPLE
    }

    fn area(&self) -> crate::domain::access::Area {
        crate::domain::access::Area::Registry
    }

    fn fields(&self) -> &'static [FieldSpec] {
        &PERSON_FIELDS
    }

    fn plan(&self, rows: &Rows<'_>, known: &Known, policy: Policy) -> Vec<Planned> {
        let mut seen = HashMap::new();
        rows.iter()
            .map(|row| {
                let person = plan_person(&row, 0, known, policy, &mut seen);
                Planned {
                    outcome: person.outcome,
                    issues: person.issues,
                    label: person.label,
                    write: person.write.map(|w| Box::new(w) as Box<dyn RowWrite>),
                    needs_post: None,
                }
            })
            .collect()
    }
}

/// What a row's person columns come to.
pub struct PersonPlan {
    /// Create, update, skip (registered already) or refuse.
    pub outcome: Outcome,
    /// Reasons and warnings.
    pub issues: Vec<Issue>,
    /// The name.
    pub label: String,
    /// The write, when there is one.
    pub write: Option<PersonWrite>,
    /// The registered person the row names (skip, fill, update).
    pub existing: Option<PersonId>,
    /// The registered person's village.
    pub existing_region: Option<RegionId>,
}

/// Writing a row's person.
#[derive(Clone, Debug)]
pub enum PersonWrite {
    /// Register them.
    Insert(NewPerson),
    /// Change a registered person.
    Update(PersonId, NewPerson),
}

impl PersonWrite {
    /// Writes the person; returns their id.
    pub fn apply(&self, w: &Writer<'_>, batch: &mut Batch) -> Result<PersonId, StoreError> {
        match self {
            PersonWrite::Insert(new) => {
                let id = people::insert(w, new)?;
                imports::record_insert(w, batch.id, batch.row, "people", id.0)?;
                Ok(id)
            }
            PersonWrite::Update(id, new) => {
                imports::record_person_update(w, batch.id, batch.row, *id)?;
                people::update(w, *id, new)?;
                Ok(*id)
            }
        }
    }
}

impl RowWrite for PersonWrite {
    fn write(&self, w: &Writer<'_>, batch: &mut Batch) -> Result<(), StoreError> {
        self.apply(w, batch).map(|_| ())
    }
}

/// Plans the person columns of `row`; field `i` of [`PERSON_FIELDS`] is field `base + i`
/// of the row's kind. `seen` keeps the ID numbers of earlier rows, for duplicates in the
/// file.
pub fn plan_person(
    row: &Row<'_>,
    base: usize,
    known: &Known,
    policy: Policy,
    seen: &mut HashMap<String, u32>,
) -> PersonPlan {
    let f = |i: usize| base + i;
    let name = row.text(f(NAME));
    let mut issues = Vec::new();
    let refused = |issues: Vec<Issue>, name: String| PersonPlan {
        outcome: Outcome::Refuse,
        issues,
        label: name,
        write: None,
        existing: None,
        existing_region: None,
    };
    if name.is_empty() {
        issues.push(refuse(f(NAME), im::REQUIRED.into()));
    }
    let id = match clean::id_number(row.cell(f(ID)), known.today) {
        Ok(Some(id)) => Some(id),
        Ok(None) => {
            issues.push(refuse(f(ID), im::REQUIRED.into()));
            None
        }
        Err(IdProblem::StoredAsNumber(shown)) => {
            issues.push(refuse(f(ID), im::id_stored_as_number(shown)));
            None
        }
        Err(IdProblem::Invalid(e)) => {
            issues.push(refuse(f(ID), id_number_message(&e)));
            None
        }
    };
    if let Some(id) = &id {
        if let Some(stated) = clean::sex(row.cell(f(SEX)))
            && stated != id.sex()
        {
            issues.push(warn(
                f(SEX),
                im::sex_contradicts(sex_zh(stated), sex_zh(id.sex())),
            ));
        }
        if let Some(first) = seen.get(id.as_str()) {
            let mut issues = issues;
            let msg = im::duplicate_in_file(first);
            if policy == Policy::Skip {
                issues.push(warn(f(ID), msg));
                return PersonPlan {
                    outcome: Outcome::Skip,
                    issues,
                    label: name,
                    write: None,
                    existing: None,
                    existing_region: None,
                };
            }
            issues.push(refuse(f(ID), msg));
            return refused(issues, name);
        }
        seen.insert(id.as_str().to_string(), row.number);
    }
    let phone = match clean::phone(row.cell(f(PHONE))) {
        PhoneCell::Phone(p) => p.as_str().to_string(),
        PhoneCell::Empty => String::new(),
        PhoneCell::Doubtful(text) => {
            issues.push(warn(f(PHONE), im::doubtful_phone(text)));
            String::new()
        }
    };
    let region = village(row, f(STREET), f(VILLAGE), known, &mut issues);
    let categories = categories(row, f(CATEGORIES), known, &mut issues);
    let address = row.text(f(ADDRESS));
    let notes = row.text(f(NOTES));
    if issues.iter().any(|i| i.refuses) {
        return refused(issues, name);
    }
    let Some(id) = id else {
        return refused(issues, name);
    };
    let existing = known.people.get(id.as_str());
    // A registered person's village may be left out of a roster or an update.
    let region = match (region, existing) {
        (Some(r), _) => r,
        (None, Some(p)) if policy != Policy::Stop => p.region,
        (None, _) => {
            issues.push(refuse(f(VILLAGE), im::REQUIRED.into()));
            return refused(issues, name);
        }
    };
    let mut draft = PersonDraft {
        name: name.clone(),
        id_number: id.as_str().to_string(),
        phone,
        address,
        region_id: Some(region),
        categories: categories.clone().unwrap_or_default(),
        notes,
    };
    let Some(p) = existing else {
        return finish(draft, None, issues, known, f, Outcome::Create);
    };
    if p.name != name {
        issues.push(warn(f(NAME), im::name_differs(&name, &p.name)));
    }
    match policy {
        Policy::Stop => {
            issues.push(refuse(f(ID), im::already_registered_stop(&p.name)));
            refused(issues, name)
        }
        Policy::Skip => skipped(issues, name, p, im::already_registered(&p.name), f(ID)),
        Policy::Fill => {
            let filled = PersonDraft {
                name: p.name.clone(),
                id_number: draft.id_number.clone(),
                phone: if p.phone.is_empty() {
                    draft.phone
                } else {
                    p.phone.clone()
                },
                address: if p.address.is_empty() {
                    draft.address
                } else {
                    p.address.clone()
                },
                region_id: Some(p.region),
                categories: if p.categories.is_empty() {
                    draft.categories
                } else {
                    p.categories.clone()
                },
                notes: if p.notes.is_empty() {
                    draft.notes
                } else {
                    p.notes.clone()
                },
            };
            if same(&filled, p) {
                return skipped(issues, name, p, im::NOTHING_TO_FILL.into(), f(ID));
            }
            finish(filled, Some(p.id), issues, known, f, Outcome::Update)
        }
        Policy::Update => {
            // What the file leaves blank stays as it is.
            if draft.phone.is_empty() {
                draft.phone = p.phone.clone();
            }
            if draft.address.is_empty() {
                draft.address = p.address.clone();
            }
            if draft.notes.is_empty() {
                draft.notes = p.notes.clone();
            }
            if categories.is_none() {
                draft.categories = p.categories.clone();
            }
            if same(&draft, p) {
                return skipped(issues, name, p, im::NOTHING_CHANGES.into(), f(ID));
            }
            finish(draft, Some(p.id), issues, known, f, Outcome::Update)
        }
    }
}

fn same(d: &PersonDraft, p: &crate::store::imports::KnownPerson) -> bool {
    let mut a = d.categories.clone();
    a.sort();
    let mut b = p.categories.clone();
    b.sort();
    d.name == p.name
        && d.phone == p.phone
        && d.address == p.address
        && d.region_id == Some(p.region)
        && d.notes == p.notes
        && a == b
}

fn skipped(
    mut issues: Vec<Issue>,
    name: String,
    person: &crate::store::imports::KnownPerson,
    why: Msg,
    field: usize,
) -> PersonPlan {
    issues.push(warn(field, why));
    PersonPlan {
        outcome: Outcome::Skip,
        issues,
        label: name,
        write: None,
        existing: Some(person.id),
        existing_region: Some(person.region),
    }
}

fn finish(
    draft: PersonDraft,
    existing: Option<PersonId>,
    mut issues: Vec<Issue>,
    known: &Known,
    f: impl Fn(usize) -> usize,
    outcome: Outcome,
) -> PersonPlan {
    let label = draft.name.clone();
    match draft.validate(known.today) {
        Ok(new) => PersonPlan {
            outcome,
            issues,
            label,
            write: Some(match existing {
                Some(id) => PersonWrite::Update(id, new),
                None => PersonWrite::Insert(new),
            }),
            existing,
            existing_region: None,
        },
        Err(errors) => {
            for (field, e) in errors {
                let at = match field {
                    Field::Name => NAME,
                    Field::IdNumber => ID,
                    Field::Phone => PHONE,
                    Field::Region => VILLAGE,
                };
                issues.push(refuse(f(at), e.message(field)));
            }
            PersonPlan {
                outcome: Outcome::Refuse,
                issues,
                label,
                write: None,
                existing,
                existing_region: None,
            }
        }
    }
}

fn sex_zh(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "男",
        Sex::Female => "女",
    }
}

/// The village of a row from its street and village cells; none when the village is blank.
pub fn village(
    row: &Row<'_>,
    street_field: usize,
    village_field: usize,
    known: &Known,
    issues: &mut Vec<Issue>,
) -> Option<RegionId> {
    let street_text = row.text(street_field);
    let street = if street_text.is_empty() {
        None
    } else {
        match known.places.find(
            &street_text,
            &[RegionLevel::Street, RegionLevel::FunctionArea],
            None,
        ) {
            Ok(s) => Some(s),
            Err(e) => {
                issues.push(refuse(street_field, place_problem(&street_text, e)));
                return None;
            }
        }
    };
    let text = row.text(village_field);
    if text.is_empty() {
        return None;
    }
    let levels = [RegionLevel::Community, RegionLevel::Village];
    match known.places.find(&text, &levels, street) {
        Ok(v) => Some(v),
        Err(e) => {
            let is_street = known
                .places
                .find(
                    &text,
                    &[RegionLevel::Street, RegionLevel::FunctionArea],
                    None,
                )
                .is_ok();
            issues.push(refuse(
                village_field,
                if is_street {
                    im::NOT_A_VILLAGE.into()
                } else {
                    place_problem(&text, e)
                },
            ));
            None
        }
    }
}

/// The message for a place name not matched.
pub fn place_problem(text: &str, problem: PlaceProblem) -> Msg {
    match problem {
        PlaceProblem::Unknown(near) => im::unknown_place(text, near.join("、")),
        PlaceProblem::Ambiguous(which) => im::ambiguous_place(text, which.join("、")),
    }
}

/// The hardship categories of a row; none when the cell is blank.
fn categories(
    row: &Row<'_>,
    field: usize,
    known: &Known,
    issues: &mut Vec<Issue>,
) -> Option<Vec<CategoryId>> {
    let text = row.text(field);
    if text.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for item in clean::list_items(&text) {
        let key = clean::category_key(&item);
        match known
            .categories
            .iter()
            .find(|(_, name)| clean::category_key(name) == key)
        {
            Some((id, _)) => out.push(*id),
            None => {
                let names: Vec<&str> = known.categories.iter().map(|(_, n)| n.as_str()).collect();
                issues.push(refuse(field, im::unknown_category(&item, names.join("、"))));
            }
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}
