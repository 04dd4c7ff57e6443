//! Which column feeds which field: each field lists the header names offices really use,
//! and a header matches the field whose name it is, or else the field whose longest name it
//! contains (身份证号码（必填） → 身份证号). The clerk can change any of it.

use super::clean::header_key;
use crate::i18n::Text;

/// A field a kind of import fills.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    /// Stable key (remembered mappings, the command line).
    pub key: &'static str,
    /// Its name in the window and as the template's header (Chinese first).
    pub label: Text,
    /// Header names offices use for it; the first is the template's.
    pub aliases: &'static [&'static str],
    /// A row without it is refused.
    pub required: bool,
    /// The template's note under the header: what goes there.
    pub note: Text,
    /// The template formats the column as text (ID numbers, phones).
    pub as_text: bool,
}

/// For each field of a kind, in its order, the column it is read from.
pub type Mapping = Vec<Option<usize>>;

/// Whether a header is one of `fields`' names (for finding the header row).
pub fn is_known(fields: &[FieldSpec], header: &str) -> bool {
    let key = header_key(header);
    fields
        .iter()
        .any(|f| f.aliases.iter().any(|a| header_key(a) == key))
}

/// Matches `headers` to `fields`: exact names first, then the longest name a header
/// contains; a column feeds one field at most.
pub fn auto_map(fields: &[FieldSpec], headers: &[String]) -> Mapping {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut mapping: Mapping = vec![None; fields.len()];
    let mut taken = vec![false; headers.len()];
    for (fi, field) in fields.iter().enumerate() {
        let exact = keys
            .iter()
            .enumerate()
            .find(|(ci, k)| !taken[*ci] && field.aliases.iter().any(|a| header_key(a) == **k));
        if let Some((ci, _)) = exact {
            mapping[fi] = Some(ci);
            taken[ci] = true;
        }
    }
    for (fi, field) in fields.iter().enumerate() {
        if mapping[fi].is_some() {
            continue;
        }
        let best = keys
            .iter()
            .enumerate()
            .filter(|(ci, _)| !taken[*ci])
            .filter_map(|(ci, k)| {
                field
                    .aliases
                    .iter()
                    .map(|a| header_key(a))
                    .filter(|a| k.contains(a.as_str()))
                    .map(|a| a.chars().count())
                    .max()
                    .map(|len| (len, ci))
            })
            .max_by_key(|(len, ci)| (*len, std::cmp::Reverse(*ci)));
        if let Some((_, ci)) = best {
            mapping[fi] = Some(ci);
            taken[ci] = true;
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[FieldSpec] = &[
        FieldSpec {
            key: "name",
            label: Text {
                zh: "姓名",
                en: "Name",
            },
            aliases: &["姓名"],
            required: true,
            note: Text {
                zh: "姓名",
                en: "Name",
            },
            as_text: false,
        },
        FieldSpec {
            key: "id",
            label: Text {
                zh: "身份证号",
                en: "ID",
            },
            aliases: &["身份证号", "公民身份号码", "身份证号码"],
            required: true,
            note: Text {
                zh: "身份证号",
                en: "ID",
            },
            as_text: true,
        },
        FieldSpec {
            key: "village",
            label: Text {
                zh: "村居",
                en: "Village",
            },
            aliases: &["村居", "村(社区)", "社区"],
            required: false,
            note: Text {
                zh: "村居",
                en: "Village",
            },
            as_text: false,
        },
    ];

    #[test]
    fn office_headers_match() {
        let headers: Vec<String> = ["序号", "姓 名", "公民身份号码\n（18位）", "村（社区）"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(auto_map(FIELDS, &headers), vec![Some(1), Some(2), Some(3)]);
        assert!(is_known(FIELDS, "身份证号码"));
        assert!(!is_known(FIELDS, "序号"));
    }
}
