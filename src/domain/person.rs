//! A person of the registry and the validation of the person form.
//!
//! The form is all-or-nothing: [`PersonDraft::validate`] returns either a complete
//! [`NewPerson`] or every field's error at once, so nothing is written until all is valid.

use super::id_number::{IdNumber, IdNumberError};
use super::phone::{Phone, PhoneError};
use super::{CategoryId, PersonId, RegionId};
use crate::i18n::{Msg, common as c, people as pe};

/// A person ready to be written: every field already checked.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPerson {
    /// Full name as on the ID card.
    pub name: String,
    /// The resident ID number; birth date and sex come from it.
    pub id_number: IdNumber,
    /// A mobile or landline number, if the person has one.
    pub phone: Option<Phone>,
    /// Street address.
    pub address: String,
    /// The village or community the person belongs to.
    pub region_id: RegionId,
    /// Hardship categories, sorted.
    pub categories: Vec<CategoryId>,
    /// Free notes.
    pub notes: String,
}

/// The fields of the person form, for pointing an error at one of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// 姓名
    Name,
    /// 身份证号
    IdNumber,
    /// 电话
    Phone,
    /// 所属村居
    Region,
}

/// What is wrong with one field of the form.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    /// The field must be filled in.
    Required,
    /// The ID number breaks GB 11643-1999.
    IdNumber(IdNumberError),
    /// The phone is neither a mobile nor a landline number.
    Phone(PhoneError),
    /// The ID number is already registered for someone else.
    Duplicate {
        /// Who holds the number.
        existing: PersonId,
        /// That person's name.
        name: String,
    },
}

impl FieldError {
    /// The message shown under the field.
    pub fn message(&self, field: Field) -> Msg {
        match self {
            FieldError::Required => match field {
                Field::Name => c::NAME_REQUIRED,
                Field::IdNumber => pe::ID_EMPTY,
                Field::Region => pe::REGION_REQUIRED,
                Field::Phone => pe::PHONE_INVALID,
            }
            .into(),
            FieldError::IdNumber(e) => id_number_message(e),
            FieldError::Phone(_) => pe::PHONE_INVALID.into(),
            FieldError::Duplicate { name, .. } => pe::duplicate_person(name),
        }
    }
}

/// The message for an ID-number error.
pub fn id_number_message(e: &IdNumberError) -> Msg {
    match e {
        IdNumberError::Empty => pe::ID_EMPTY.into(),
        IdNumberError::WrongLength { len } => pe::id_wrong_length(len),
        IdNumberError::InvalidCharacter { position, ch } => pe::id_invalid_char(position, ch),
        IdNumberError::BadCheckCharacter { expected, found } => pe::id_bad_check(expected, found),
        IdNumberError::ImpossibleBirthDate => pe::ID_IMPOSSIBLE_DATE.into(),
        IdNumberError::FutureBirthDate => pe::ID_FUTURE_DATE.into(),
        IdNumberError::BadAreaCode => pe::ID_BAD_AREA.into(),
    }
}

/// The person form as typed: plain strings, not yet trusted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonDraft {
    /// 姓名
    pub name: String,
    /// 身份证号 as typed (spaces, full-width digits and a lowercase x are fine).
    pub id_number: String,
    /// 电话 as typed; may be empty.
    pub phone: String,
    /// 住址
    pub address: String,
    /// 所属村居, once chosen.
    pub region_id: Option<RegionId>,
    /// Ticked hardship categories.
    pub categories: Vec<CategoryId>,
    /// 备注
    pub notes: String,
}

impl PersonDraft {
    /// Checks every field, judging the ID number's birth date against `today`; either a
    /// person ready to write, or each field's error.
    pub fn validate(
        &self,
        today: jiff::civil::Date,
    ) -> Result<NewPerson, Vec<(Field, FieldError)>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.push((Field::Name, FieldError::Required));
        }
        let id_number = IdNumber::parse_on(&self.id_number, today)
            .map_err(|e| errors.push((Field::IdNumber, FieldError::IdNumber(e))))
            .ok();
        let phone = if self.phone.trim().is_empty() {
            None
        } else {
            Phone::parse(&self.phone)
                .map_err(|e| errors.push((Field::Phone, FieldError::Phone(e))))
                .ok()
        };
        if self.region_id.is_none() {
            errors.push((Field::Region, FieldError::Required));
        }
        match (id_number, self.region_id) {
            (Some(id_number), Some(region_id)) if errors.is_empty() => {
                let mut categories = self.categories.clone();
                categories.sort();
                categories.dedup();
                Ok(NewPerson {
                    name,
                    id_number,
                    phone,
                    address: self.address.trim().to_string(),
                    region_id,
                    categories,
                    notes: self.notes.trim().to_string(),
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PersonDraft {
        PersonDraft {
            name: " 蒋英花 ".into(),
            id_number: "11010519491231002x".into(),
            phone: "139 0000 1234".into(),
            address: "北城子坡社区".into(),
            region_id: Some(RegionId(9)),
            categories: vec![CategoryId(3), CategoryId(1), CategoryId(3)],
            notes: String::new(),
        }
    }

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2026, 12, 3)
    }

    #[test]
    fn a_good_draft_becomes_a_person() {
        let person = draft().validate(today()).expect("valid");
        assert_eq!(person.name, "蒋英花");
        assert_eq!(person.id_number.as_str(), "11010519491231002X");
        assert_eq!(
            person.phone.as_ref().map(|p| p.as_str()),
            Some("13900001234")
        );
        assert_eq!(person.categories, vec![CategoryId(1), CategoryId(3)]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = PersonDraft {
            name: "  ".into(),
            id_number: "110105194912310021".into(),
            phone: "12345".into(),
            region_id: None,
            ..draft()
        };
        let errors = bad.validate(today()).expect_err("invalid");
        let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [Field::Name, Field::IdNumber, Field::Phone, Field::Region]
        );
        let id_message = errors[1].1.message(Field::IdNumber);
        let zh = id_message.get(crate::i18n::Lang::Zh);
        assert!(zh.contains("校验位"), "{zh}");
    }

    #[test]
    fn an_empty_phone_is_allowed() {
        let person = PersonDraft {
            phone: " ".into(),
            ..draft()
        }
        .validate(today())
        .expect("valid");
        assert_eq!(person.phone, None);
    }
}
