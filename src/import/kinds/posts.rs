//! Public-welfare posts: one row, one post, checked as the post form checks them. The
//! post columns are shared with the roster ([`super::roster`]).

use jiff::civil::Date;

use crate::domain::RegionId;
use crate::domain::pay::Area;
use crate::domain::placement::{PostCategory, PostStatus};
use crate::domain::region::RegionLevel;
use crate::i18n::{Text, import as im};
use crate::import::clean::{self, DateProblem, category_key, header_key};
use crate::import::{
    Batch, FieldSpec, Issue, Known, Outcome, Planned, Policy, Row, RowWrite, Rows, refuse, warn,
};
use crate::store::posts::{self, NewPost};
use crate::store::{StoreError, Writer, imports};

/// Public-welfare posts.
pub struct Posts;

const TITLE: usize = 0;
const CATEGORY: usize = 1;
const AREA: usize = 2;
const HOST: usize = 3;
const STREET: usize = 4;
const VILLAGE: usize = 5;
const HEADCOUNT: usize = 6;
const FROM: usize = 7;
const TO: usize = 8;
const HOURS: usize = 9;

/// The header names of a post's title.
pub const TITLE_ALIASES: &[&str] = &["岗位名称", "岗位", "公益性岗位名称", "工作岗位", "岗位名"];
/// The header names of a post's category.
pub const CATEGORY_ALIASES: &[&str] = &["岗位类别", "岗位类型", "岗位分类"];
/// The header names of urban or rural.
pub const AREA_ALIASES: &[&str] = &["城乡类别", "岗位性质", "城镇或乡村", "城乡"];
/// The header names of the host unit.
pub const HOST_ALIASES: &[&str] = &["用工单位", "用人单位", "用工单位名称"];

const FIELDS: [FieldSpec; 10] = [
    FieldSpec {
        key: "title",
        label: im::F_POST_TITLE,
        aliases: TITLE_ALIASES,
        required: true,
        note: im::NOTE_POST_TITLE,
        as_text: false,
    },
    FieldSpec {
        key: "category",
        label: im::F_POST_CATEGORY,
        aliases: CATEGORY_ALIASES,
        required: true,
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
        required: true,
        note: im::NOTE_HOST,
        as_text: false,
    },
    FieldSpec {
        key: "street",
        label: im::F_STREET,
        aliases: &["所属街道", "街道", "镇(街道)"],
        required: false,
        note: im::NOTE_STREET,
        as_text: false,
    },
    FieldSpec {
        key: "village",
        label: im::F_VILLAGE,
        aliases: &["村居", "村(社区)", "岗位所在村居", "所在村居", "社区", "村"],
        required: true,
        note: im::NOTE_VILLAGE,
        as_text: false,
    },
    FieldSpec {
        key: "headcount",
        label: im::F_HEADCOUNT,
        aliases: &["岗位人数", "人数", "岗位数"],
        required: true,
        note: im::NOTE_HEADCOUNT,
        as_text: false,
    },
    FieldSpec {
        key: "funded_from",
        label: im::F_FUNDED_FROM,
        aliases: &["资金起始日期", "开始日期", "起始日期"],
        required: true,
        note: im::NOTE_DATE,
        as_text: false,
    },
    FieldSpec {
        key: "funded_to",
        label: im::F_FUNDED_TO,
        aliases: &["资金截止日期", "结束日期", "截止日期"],
        required: true,
        note: im::NOTE_DATE,
        as_text: false,
    },
    FieldSpec {
        key: "hours",
        label: im::F_HOURS,
        aliases: &["每月工时", "月工时"],
        required: false,
        note: im::NOTE_HOURS,
        as_text: false,
    },
];

impl super::Kind for Posts {
    fn key(&self) -> &'static str {
        "posts"
    }

    fn label(&self) -> Text {
        im::KIND_POSTS
    }

    fn area(&self) -> crate::domain::access::Area {
        crate::domain::access::Area::Placements
    }

    fn fields(&self) -> &'static [FieldSpec] {
        &FIELDS
    }

    fn plan(&self, rows: &Rows<'_>, known: &Known, policy: Policy) -> Vec<Planned> {
        let mut seen: Vec<(String, RegionId, u32)> = Vec::new();
        rows.iter()
            .map(|row| plan_row(&row, known, policy, &mut seen))
            .collect()
    }
}

fn plan_row(
    row: &Row<'_>,
    known: &Known,
    policy: Policy,
    seen: &mut Vec<(String, RegionId, u32)>,
) -> Planned {
    let mut issues = Vec::new();
    let title = row.text(TITLE);
    if title.is_empty() {
        issues.push(refuse(TITLE, im::REQUIRED.into()));
    }
    let category = post_category(row, CATEGORY, &mut issues);
    let region = super::people::village(row, STREET, VILLAGE, known, &mut issues);
    if region.is_none() && row.text(VILLAGE).is_empty() {
        issues.push(refuse(VILLAGE, im::REQUIRED.into()));
    }
    let area = area(row, AREA, region, known, &mut issues);
    let host_unit = row.text(HOST);
    if host_unit.is_empty() {
        issues.push(refuse(HOST, im::REQUIRED.into()));
    }
    let headcount = match row.text(HEADCOUNT).parse::<i64>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            issues.push(refuse(HEADCOUNT, im::bad_number(row.text(HEADCOUNT))));
            None
        }
    };
    let from = date(row, FROM, true, &mut issues);
    let to = date(row, TO, true, &mut issues);
    let hours_text = row.text(HOURS);
    let hours = match crate::domain::money::parse_hours_tenths(&hours_text) {
        _ if hours_text.is_empty() => None,
        Ok(h) if h > 0 => Some(h),
        _ => {
            issues.push(refuse(HOURS, im::bad_number(row.text(HOURS))));
            None
        }
    };
    let (Some(category), Some(region), Some(area), Some(headcount), Some(from), Some(to)) =
        (category, region, area, headcount, from, to)
    else {
        return Planned::refused(title, issues);
    };
    if issues.iter().any(|i| i.refuses) {
        return Planned::refused(title, issues);
    }
    let key = header_key(&title);
    if let Some((_, _, first)) = seen.iter().find(|(t, r, _)| *t == key && *r == region) {
        issues.push(refuse(TITLE, im::duplicate_in_file(first)));
        return Planned::refused(title, issues);
    }
    seen.push((key.clone(), region, row.number));
    if known
        .posts
        .iter()
        .any(|p| header_key(&p.title) == key && p.region == region)
    {
        let msg = im::post_exists(&title);
        if policy == Policy::Stop {
            issues.push(refuse(TITLE, msg));
            return Planned::refused(title, issues);
        }
        issues.push(warn(TITLE, msg));
        return Planned {
            outcome: Outcome::Skip,
            issues,
            label: title,
            write: None,
            needs_post: None,
        };
    }
    let new = NewPost {
        title: title.clone(),
        category,
        area,
        host_unit,
        region_id: region,
        headcount,
        monthly_hours_tenths: hours,
        min_hours_tenths: None,
        max_hours_tenths: None,
        funded_from: from,
        funded_to: to,
        status: PostStatus::Open,
    };
    Planned {
        outcome: Outcome::Create,
        issues,
        label: title,
        write: Some(Box::new(PostWrite(new))),
        needs_post: None,
    }
}

struct PostWrite(NewPost);

impl RowWrite for PostWrite {
    fn write(&self, w: &Writer<'_>, batch: &mut Batch) -> Result<(), StoreError> {
        let id = posts::insert(w, &self.0)?;
        imports::record_insert(w, batch.id, batch.row, "posts", id.0)
    }
}

/// The post category of a cell, with its usual variants (公共服务, 公共服务类, 公共服务岗位).
pub fn post_category(row: &Row<'_>, field: usize, issues: &mut Vec<Issue>) -> Option<PostCategory> {
    let text = row.text(field);
    if text.is_empty() {
        issues.push(refuse(field, im::REQUIRED.into()));
        return None;
    }
    let key = category_key(&text);
    let found = PostCategory::ALL.iter().copied().find(|c| {
        category_key(c.label(crate::i18n::Lang::Zh)) == key
            || category_key(c.label(crate::i18n::Lang::En)) == key
            || c.as_str() == text
    });
    if found.is_none() {
        issues.push(refuse(field, im::unknown_post_category(&text)));
    }
    found
}

/// Urban or rural from its cell; when blank, from the place (a village's post is rural).
pub fn area(
    row: &Row<'_>,
    field: usize,
    region: Option<RegionId>,
    known: &Known,
    issues: &mut Vec<Issue>,
) -> Option<Area> {
    let text = row.text(field);
    match text.as_str() {
        "城镇" | "城镇岗位" | "城镇公益性岗位" | "urban" | "城市" => {
            Some(Area::Urban)
        }
        "乡村" | "农村" | "乡村岗位" | "乡村公益性岗位" | "rural" => {
            Some(Area::Rural)
        }
        "" => region.map(|r| {
            if known.places.level_of(r) == Some(RegionLevel::Village) {
                Area::Rural
            } else {
                Area::Urban
            }
        }),
        _ => {
            issues.push(refuse(field, im::unknown_area(&text)));
            None
        }
    }
}

/// A date from its cell; refused when required and blank, or unreadable.
pub fn date(row: &Row<'_>, field: usize, required: bool, issues: &mut Vec<Issue>) -> Option<Date> {
    match clean::date(row.cell(field)) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            if required {
                issues.push(refuse(field, im::REQUIRED.into()));
            }
            None
        }
        Err(DateProblem::Unknown(t)) => {
            issues.push(refuse(field, im::bad_date(t)));
            None
        }
        Err(DateProblem::Impossible(t)) => {
            issues.push(refuse(field, im::impossible_date(t)));
            None
        }
    }
}
