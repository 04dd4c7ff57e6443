//! People search as a clerk uses it: exact names first, places found by their name, names
//! in pinyin order, and an index that follows every rename, trash and restore.

use crate::common;

use minsheng::domain::id_number::check_character;
use minsheng::domain::person::PersonDraft;
use minsheng::domain::{PersonId, RegionId};
use minsheng::store::people::{self, PeopleFilter, SortKey};
use minsheng::store::{Store, apply_migrations_up_to};
use rusqlite::Connection;

/// A checksum-valid ID number, different for each `n`.
fn id_number(n: u32) -> String {
    let body = format!("110105194912{:02}{:03}", 1 + n / 900, n % 900);
    format!("{body}{}", check_character(&body))
}

struct Ledger {
    _dir: tempfile::TempDir,
    store: Store,
    /// `[district 钢城区, street 艾山街道, community 北城子坡社区, village 古墩村]`
    places: [RegionId; 4],
    next: u32,
}

impl Ledger {
    fn new() -> Ledger {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("t.sqlite")).unwrap();
        let places = store.write(common::small_tree).unwrap();
        Ledger {
            _dir: dir,
            store,
            places,
            next: 0,
        }
    }

    fn draft(&mut self, name: &str, place: RegionId, address: &str) -> PersonDraft {
        self.next += 1;
        PersonDraft {
            name: name.into(),
            id_number: id_number(self.next),
            address: address.into(),
            region_id: Some(place),
            ..PersonDraft::default()
        }
    }

    /// Registers `name` in the community with no address.
    fn add(&mut self, name: &str) -> PersonId {
        let community = self.places[2];
        self.add_at(name, community, "")
    }

    fn add_at(&mut self, name: &str, place: RegionId, address: &str) -> PersonId {
        let new = self
            .draft(name, place, address)
            .validate(common::test_day())
            .unwrap();
        self.store.write(|w| people::insert(w, &new)).unwrap()
    }

    fn rename(&mut self, id: PersonId, name: &str) {
        let community = self.places[2];
        let mut draft = self.draft(name, community, "");
        draft.id_number = people::get(&self.store.read(), id).unwrap().id_number;
        let new = draft.validate(common::test_day()).unwrap();
        self.store.write(|w| people::update(w, id, &new)).unwrap();
    }

    fn find(&self, filter: PeopleFilter) -> Vec<String> {
        let ids = people::search_ids(&self.store.read(), &filter).unwrap();
        people::rows(&self.store.read(), &ids)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    }

    fn search(&self, text: &str, sort: SortKey) -> Vec<String> {
        self.find(PeopleFilter {
            text: text.into(),
            sort,
            ..PeopleFilter::default()
        })
    }

    fn grams_of(&self, id: PersonId) -> i64 {
        self.store
            .conn()
            .query_row(
                "SELECT count(*) FROM person_grams WHERE person_id = ?1",
                [id.0],
                |r| r.get(0),
            )
            .unwrap()
    }
}

#[test]
fn an_exact_name_comes_first_then_names_starting_with_it() {
    let mut ledger = Ledger::new();
    for name in ["李王芳", "王芳芳", "王芳", "张王", "王", "王芳", "白王芳"] {
        ledger.add(name);
    }
    // Two characters must stand together in the name, in that order.
    ledger.add("王小芳");
    ledger.add("芳王");
    // Newest first within each group: the second 王芳 was added after the first.
    assert_eq!(
        ledger.search("王芳", SortKey::Added),
        ["王芳", "王芳", "王芳芳", "白王芳", "李王芳"]
    );
    assert_eq!(
        ledger.search("王", SortKey::Added),
        [
            "王",
            "王小芳",
            "王芳",
            "王芳",
            "王芳芳",
            "芳王",
            "白王芳",
            "张王",
            "李王芳"
        ]
    );
    // Within each group in pinyin order: wang-fang < wang-fang-fang < wang-xiao-fang, and
    // bai < fang < li < zhang.
    assert_eq!(
        ledger.search("王", SortKey::Name),
        [
            "王",
            "王芳",
            "王芳",
            "王芳芳",
            "王小芳",
            "白王芳",
            "芳王",
            "李王芳",
            "张王"
        ]
    );
    // Three characters go through the trigram index and rank the same way.
    assert_eq!(ledger.search("王芳芳", SortKey::Name), ["王芳芳"]);
    ledger.add("王芳芳娟");
    ledger.add("大王芳芳");
    assert_eq!(
        ledger.search("王芳芳", SortKey::Name),
        ["王芳芳", "王芳芳娟", "大王芳芳"]
    );
    // Descending keeps the groups and turns the order within them.
    assert_eq!(
        ledger.find(PeopleFilter {
            text: "王".into(),
            sort: SortKey::Name,
            descending: true,
            ..PeopleFilter::default()
        }),
        [
            "王",
            "王小芳",
            "王芳芳娟",
            "王芳芳",
            "王芳",
            "王芳",
            "张王",
            "李王芳",
            "芳王",
            "大王芳芳",
            "白王芳"
        ]
    );
}

#[test]
fn a_place_name_finds_the_people_registered_there_and_below() {
    let mut ledger = Ledger::new();
    let [_, street, community, village] = ledger.places;
    ledger.add_at("刘一", village, "");
    ledger.add_at("陈二", village, "12号");
    ledger.add_at("赵三", community, "古墩村东街5号");
    ledger.add_at("孙四", community, "");
    ledger.add_at("古墩", community, "");
    // The whole village name (trigram path) and part of it (two characters).
    assert_eq!(
        ledger.search("古墩村", SortKey::Name),
        ["陈二", "刘一", "赵三"]
    );
    // The person named 古墩 ranks first; the address and the village follow.
    assert_eq!(
        ledger.search("古墩", SortKey::Name),
        ["古墩", "陈二", "刘一", "赵三"]
    );
    // A street finds everyone registered in its villages and communities.
    assert_eq!(ledger.search("艾山街道", SortKey::Name).len(), 5);
    assert_eq!(ledger.search("艾山", SortKey::Name).len(), 5);
    // One character says too little of a place: 村 finds only names.
    assert!(ledger.search("村", SortKey::Name).is_empty());
    // A place named and a place chosen in the tree narrow each other.
    assert_eq!(
        ledger.find(PeopleFilter {
            text: "古墩".into(),
            region: Some(village),
            sort: SortKey::Name,
            ..PeopleFilter::default()
        }),
        ["陈二", "刘一"]
    );
    assert_eq!(
        ledger
            .find(PeopleFilter {
                text: "北城子坡".into(),
                region: Some(street),
                ..PeopleFilter::default()
            })
            .len(),
        3
    );
}

#[test]
fn names_sort_by_pinyin_with_surname_readings() {
    let mut ledger = Ledger::new();
    for name in [
        "张伟", "孙雄", "陈静", "单雄", "阿强", "沙雄", "白雪", "曾雄", "詹雄",
    ] {
        ledger.add(name);
    }
    let by_name = PeopleFilter {
        sort: SortKey::Name,
        ..PeopleFilter::default()
    };
    // 单 as a surname is Shàn (after 沙 sha), 曾 is Zēng (before 詹 zhan and 张 zhang).
    let expected = [
        "阿强", "白雪", "陈静", "沙雄", "单雄", "孙雄", "曾雄", "詹雄", "张伟",
    ];
    assert_eq!(ledger.find(by_name.clone()), expected);
    let mut reversed = expected;
    reversed.reverse();
    assert_eq!(
        ledger.find(PeopleFilter {
            descending: true,
            ..by_name
        }),
        reversed
    );
    // The same order inside a search answered from the character index.
    assert_eq!(
        ledger.search("雄", SortKey::Name),
        ["沙雄", "单雄", "孙雄", "曾雄", "詹雄"]
    );
}

#[test]
fn renaming_trashing_and_restoring_keep_the_index_in_step() {
    let mut ledger = Ledger::new();
    let id = ledger.add("王芳");
    ledger.add("陈静");
    assert_eq!(ledger.grams_of(id), 2); // 王, 芳
    ledger.rename(id, "李建国");
    assert_eq!(ledger.grams_of(id), 3); // 李, 建, 国
    assert!(ledger.search("王", SortKey::Added).is_empty());
    assert_eq!(ledger.search("建国", SortKey::Added), ["李建国"]);
    assert_eq!(
        ledger.find(PeopleFilter {
            sort: SortKey::Name,
            ..PeopleFilter::default()
        }),
        ["陈静", "李建国"]
    );

    ledger
        .store
        .write(|w| people::set_trashed(w, id, true))
        .unwrap();
    assert!(ledger.search("建国", SortKey::Added).is_empty());
    let in_trash = |text: &str| PeopleFilter {
        text: text.into(),
        trash: true,
        ..PeopleFilter::default()
    };
    assert_eq!(ledger.find(in_trash("建国")), ["李建国"]);
    assert_eq!(ledger.find(in_trash("李")), ["李建国"]);
    assert!(ledger.find(in_trash("陈")).is_empty());
    ledger
        .store
        .write(|w| people::set_trashed(w, id, false))
        .unwrap();
    assert_eq!(ledger.grams_of(id), 3);
    assert_eq!(ledger.search("建国", SortKey::Added), ["李建国"]);
    assert!(ledger.find(in_trash("建国")).is_empty());
}

#[test]
fn an_older_ledger_gets_sort_keys_and_the_index_on_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    apply_migrations_up_to(&mut conn, 2).unwrap();
    conn.execute_batch(
        "INSERT INTO regions (id, code, name, short_name, level, parent_id)
             VALUES (1, '370117000000', '钢城区', '钢城区', 'district', NULL),
                    (2, '370117001000', '艾山街道', '艾山街道', 'street', 1),
                    (3, '370117001200', '古墩村村民委员会', '古墩村', 'village', 2);",
    )
    .unwrap();
    let names = ["张伟", "单雄", "阿强", "王建国", "陈静"];
    for (n, name) in names.iter().enumerate() {
        let deleted = if *name == "陈静" {
            Some("2024-01-01T00:00:00")
        } else {
            None
        };
        conn.execute(
            "INSERT INTO people (name, id_number, birth_date, sex, region_id, created_at,
                                 updated_at, deleted_at)
             VALUES (?1, ?2, '1949-12-31', 'F', 3, '2024-01-01T00:00:00',
                     '2024-01-01T00:00:00', ?3)",
            rusqlite::params![name, id_number(n as u32), deleted],
        )
        .unwrap();
    }
    drop(conn);

    let store = Store::open(&path).unwrap();
    let find = |filter: PeopleFilter| {
        let ids = people::search_ids(&store.read(), &filter).unwrap();
        people::rows(&store.read(), &ids)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find(PeopleFilter {
            sort: SortKey::Name,
            ..PeopleFilter::default()
        }),
        ["阿强", "单雄", "王建国", "张伟"]
    );
    assert_eq!(
        find(PeopleFilter {
            text: "建国".into(),
            ..PeopleFilter::default()
        }),
        ["王建国"]
    );
    assert_eq!(
        find(PeopleFilter {
            text: "古墩".into(),
            sort: SortKey::Name,
            ..PeopleFilter::default()
        }),
        ["阿强", "单雄", "王建国", "张伟"]
    );
    assert_eq!(
        find(PeopleFilter {
            text: "陈".into(),
            trash: true,
            ..PeopleFilter::default()
        }),
        ["陈静"]
    );
}
