//! Audit and access records: the access records only grow, as the change log does, whatever
//! SQL an auditor tries; revealing a person in the window and exporting personal data in full
//! leave a record; the audit view filters and shows a change's before and after; exports
//! name who made them.

use crate::common;

use minsheng::domain::PersonId;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::access_log::{self, What};
use minsheng::store::audit::{self, AuditFilter};
use minsheng::store::{Store, people};

fn demo_store(dir: &tempfile::TempDir) -> Store {
    let mut store = common::open_store(dir.path().join("audit.sqlite"));
    demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    store
}

fn first_person(store: &Store) -> PersonId {
    people::search_ids(&store.read(), &Default::default()).unwrap()[0]
}

fn access_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM access_log", [], |r| r.get(0))
        .unwrap()
}

/// Every way SQL could rewrite history in `table` (whose columns after `seq` are given with
/// values), each refused; returns nothing, panics naming the attack that got through.
fn attack(store: &Store, table: &str, columns: &str, values: &str) {
    let conn = store.conn();
    let fingerprint = || -> (i64, i64, String) {
        conn.query_row(
            &format!(
                "SELECT count(*), max(seq), group_concat(seq || '|' || at || '|' || actor, ';')
                 FROM {table}"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    let before = fingerprint();
    let (rows, last, _) = before.clone();
    assert!(rows >= 2, "{table} needs rows to attack");
    let attacks = [
        format!("UPDATE {table} SET actor = 'nobody' WHERE seq = {last}"),
        format!("UPDATE OR REPLACE {table} SET seq = seq + 1000000 WHERE seq = {last}"),
        format!("UPDATE OR IGNORE {table} SET at = '2000-01-01T00:00:00'"),
        format!("DELETE FROM {table} WHERE seq = {last}"),
        format!("DELETE FROM {table}"),
        format!("INSERT OR REPLACE INTO {table} (seq, {columns}) VALUES ({last}, {values})"),
        format!("REPLACE INTO {table} (seq, {columns}) VALUES (1, {values})"),
        format!("INSERT OR IGNORE INTO {table} (seq, {columns}) VALUES ({last}, {values})"),
        format!(
            "INSERT INTO {table} (seq, {columns}) VALUES ({last}, {values})
             ON CONFLICT (seq) DO UPDATE SET actor = 'x'"
        ),
        // An old sequence number, or none at all, may not be inserted before the end.
        format!("INSERT INTO {table} (seq, {columns}) VALUES (0, {values})"),
        format!("INSERT INTO {table} (seq, {columns}) VALUES (-3, {values})"),
    ];
    for sql in &attacks {
        assert!(conn.execute_batch(sql).is_err(), "{table} accepted: {sql}");
        assert_eq!(fingerprint(), before, "{table} changed by: {sql}");
    }
    // A gap may be left, but not filled in afterwards.
    conn.execute_batch(&format!(
        "INSERT INTO {table} (seq, {columns}) VALUES ({}, {values})",
        last + 10
    ))
    .unwrap();
    let back_fill = format!(
        "INSERT INTO {table} (seq, {columns}) VALUES ({}, {values})",
        last + 5
    );
    assert!(
        conn.execute_batch(&back_fill).is_err(),
        "{table} back-filled"
    );
    let (rows_now, last_now, all) = fingerprint();
    assert_eq!((rows_now, last_now), (rows + 1, last + 10));
    assert!(all.starts_with(&before.2));
}

#[test]
fn the_access_records_and_the_change_log_only_grow_whatever_sql_is_tried() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let person = first_person(&store);
    store
        .write(|w| {
            access_log::record_reveal(w, person, What::IdNumber, None)?;
            access_log::record_reveal(w, person, What::Phone, Some("回访"))
        })
        .unwrap();
    attack(
        &store,
        "access_log",
        "at, actor, person_id, what",
        "'2020-01-01T00:00:00', 'x', 1, 'phone'",
    );
    attack(
        &store,
        "changes",
        "at, actor, table_name, row_id, action",
        "'2020-01-01T00:00:00', 'x', 'people', 1, 'insert'",
    );
}

#[test]
fn a_reveal_is_recorded_with_who_whom_and_when_and_a_bank_file_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let person = first_person(&store);
    store
        .write(|w| access_log::record_reveal(w, person, What::IdNumber, Some("  核对  ")))
        .unwrap();
    let page = audit::accesses(store.read(), &AuditFilter::default(), None, 10).unwrap();
    let record = &page.rows[0];
    assert_eq!(record.actor, store.session().name);
    assert_eq!(record.person_id, Some(person));
    assert_eq!(record.what, What::IdNumber);
    assert_eq!(record.reason.as_deref(), Some("核对"));
    assert_eq!(record.at, "2026-11-20T09:00:00");
    assert_eq!(
        record.person_name,
        people::get(&store.read(), person).unwrap().name
    );
    // The file itself refuses a bank file recorded without a reason.
    for reason in [None, Some("   ")] {
        assert!(
            store
                .write(|w| access_log::record_export(w, What::BankFile, reason))
                .is_err()
        );
    }
    assert_eq!(access_count(&store), 1);
}

fn exports_full_ids(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT count(*) FROM access_log WHERE what = 'export_full_ids'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn exports_name_who_made_them_and_full_ids_are_recorded() {
    use minsheng::domain::mask::MaskPattern;
    use minsheng::domain::pay::Month;
    use minsheng::i18n::Lang;
    use minsheng::jobs::exports::{self, Disclosure, NoticeOf};
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let name = store.session().name.clone();

    // Excel: the author in the workbook's properties, and the line under the table.
    let xlsx = dir.path().join("sheet.xlsx");
    let oct = Month::new(2026, 10).unwrap();
    let full = Disclosure {
        id_mask: MaskPattern::ID_DEFAULT,
        full_ids: true,
    };
    exports::subsidy_sheet(&mut store, oct, &xlsx, full, Lang::Zh, &Reporter::silent()).unwrap();
    assert_eq!(exports_full_ids(&store), 1, "the full IDs were recorded");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("docProps/core.xml").unwrap(),
        &mut core,
    )
    .unwrap();
    assert!(
        core.contains(&format!("<dc:creator>{name}</dc:creator>")),
        "{core}"
    );
    assert!(core.contains("2026-11-20T09:00:00"), "{core}");
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("2026-10").unwrap();
    let last = range
        .rows()
        .filter_map(|r| r.first().map(|c| c.to_string()))
        .rfind(|t| !t.is_empty())
        .unwrap();
    assert_eq!(last, format!("导出人：{name}  导出时间：2026-11-20 09:00"));
    // Masked IDs are not recorded.
    let masked = Disclosure {
        full_ids: false,
        ..full
    };
    exports::subsidy_sheet(
        &mut store,
        oct,
        &xlsx,
        masked,
        Lang::Zh,
        &Reporter::silent(),
    )
    .unwrap();
    assert_eq!(exports_full_ids(&store), 1);

    // PDF: the document's author, and the line at the foot of each page.
    store
        .write(|w| {
            minsheng::store::settings::set(
                w,
                minsheng::store::bank::OBJECTION_PHONE_KEY,
                "0531-76012345",
            )
        })
        .unwrap();
    let pdf = dir.path().join("notice.pdf");
    let placed = NoticeOf::Placed {
        from: jiff::civil::date(2026, 1, 1),
        to: jiff::civil::date(2026, 11, 30),
    };
    exports::notice(
        &store,
        placed,
        &pdf,
        MaskPattern::ID_DEFAULT,
        Lang::Zh,
        &Reporter::silent(),
    )
    .unwrap();
    let document = lopdf::Document::load(&pdf).unwrap();
    let info = document
        .trailer
        .get(b"Info")
        .unwrap()
        .as_reference()
        .unwrap();
    let author = document
        .get_object(info)
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Author")
        .unwrap()
        .as_str()
        .unwrap()
        .to_vec();
    assert_eq!(pdf_text_string(&author), name);
    let text = document.extract_text(&[1]).unwrap();
    assert!(text.contains(&format!("导出人：{name}")), "{text}");
}

/// A PDF text string: UTF-16BE after a byte-order mark, else PDFDocEncoding (ASCII here).
fn pdf_text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        _ => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[test]
fn a_bank_file_without_a_reason_is_refused_and_with_one_is_recorded() {
    use minsheng::domain::pay::Month;
    use minsheng::jobs::JobError;
    use minsheng::jobs::bank_export::bank_file;
    use minsheng::jobs::exports::ExportError;
    let dir = tempfile::tempdir().unwrap();
    let mut store = demo_store(&dir);
    let oct = Month::new(2026, 10).unwrap();
    let csv = dir.path().join("bank.csv");
    for reason in ["", "   "] {
        assert!(matches!(
            bank_file(&mut store, oct, &csv, true, reason, &Reporter::silent()),
            Err(JobError::Export(ExportError::ReasonRequired))
        ));
    }
    assert!(!csv.exists());
    assert_eq!(access_count(&store), 0);
    // The demo leaves some people without an account: the file is refused for that, and
    // nothing is recorded either.
    let file = minsheng::store::bank::bank_file(&store.read(), oct).unwrap();
    assert!(matches!(
        bank_file(
            &mut store,
            oct,
            &csv,
            true,
            "10月补贴代发",
            &Reporter::silent()
        ),
        Err(JobError::Export(ExportError::BankProblems { .. }))
    ));
    assert_eq!(access_count(&store), 0);
    store
        .write(|w| {
            for line in &file.missing_accounts {
                let account = minsheng::store::bank::NewAccount {
                    bank: "中国农业银行济南钢城支行".into(),
                    account_no: "6228480012345678903".into(),
                    holder_name: line.name.clone(),
                };
                minsheng::store::bank::set_account(w, line.person_id, &account)?;
            }
            Ok(())
        })
        .unwrap();
    bank_file(
        &mut store,
        oct,
        &csv,
        true,
        "10月补贴代发",
        &Reporter::silent(),
    )
    .unwrap();
    assert!(csv.exists());
    let page = audit::accesses(store.read(), &AuditFilter::default(), None, 10).unwrap();
    assert_eq!(page.rows.len(), 1);
    let record = &page.rows[0];
    assert_eq!(record.what, What::BankFile);
    assert_eq!(record.reason.as_deref(), Some("10月补贴代发"));
    assert_eq!(record.actor, store.session().name);
    assert_eq!(record.person_id, None);
}

mod window {
    use super::*;
    use egui::accesskit::Role;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use minsheng::app::{App, Prefs};
    use minsheng::domain::person::PersonDraft;

    const ID: &str = "11010519491231002X";

    /// A ledger with one person, 蒋英花, and the window over it.
    fn window(dir: &tempfile::TempDir) -> Harness<'static, App> {
        let mut store = common::open_store(dir.path().join("ui.sqlite"));
        store
            .write(|w| {
                let [_, _, community, _] = common::small_tree(w)?;
                let draft = PersonDraft {
                    name: "蒋英花".into(),
                    id_number: ID.into(),
                    phone: "13900001234".into(),
                    address: "旧地址 1 号".into(),
                    region_id: Some(community),
                    categories: Vec::new(),
                    notes: String::new(),
                };
                people::insert(w, &draft.validate(common::test_day()).unwrap())
            })
            .unwrap();
        let prefs = Prefs {
            lang: minsheng::i18n::Lang::Zh,
            ..Prefs::default()
        };
        let mut h = common::harness(common::window(store, prefs));
        common::settle(&mut h);
        h
    }

    fn store<'h>(h: &'h Harness<'_, App>) -> &'h Store {
        h.state().store().unwrap()
    }

    #[test]
    fn revealing_a_persons_id_in_the_table_writes_one_access_record() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = window(&dir);
        h.get_by_label("110105********002X");
        assert!(h.query_by_label(ID).is_none());
        assert!(
            h.query_by_label("显示个人信息").is_none(),
            "no global switch"
        );
        // The first 显示 is the ID number's, the second the phone's.
        h.get_all_by_role_and_label(Role::Button, "显示")
            .next()
            .unwrap()
            .click();
        common::settle(&mut h);
        assert_eq!(access_count(store(&h)), 1);
        h.get_by_label(ID);
        assert!(
            h.query_by_label("13900001234").is_none(),
            "the phone stays masked"
        );
        let page = audit::accesses(store(&h).read(), &AuditFilter::default(), None, 5).unwrap();
        assert_eq!(page.rows[0].what, What::IdNumber);
        assert_eq!(page.rows[0].person_name, "蒋英花");
        // The audit finds it by the person's name or ID number, with their changes.
        for who in ["蒋英花", ID, "无此人"] {
            let filter = AuditFilter {
                person: who.into(),
                ..AuditFilter::default()
            };
            let found = usize::from(who != "无此人");
            let accesses = audit::accesses(store(&h).read(), &filter, None, 5).unwrap();
            assert_eq!(accesses.rows.len(), found, "{who}");
            let changes = audit::changes(store(&h).read(), &filter, None, 5).unwrap();
            assert_eq!(changes.rows.len(), found, "{who}");
            assert!(changes.rows.iter().all(|c| c.table_name == "people"));
        }
        // Shown stays shown, and is not recorded again on later frames.
        h.run_steps(3);
        assert_eq!(access_count(store(&h)), 1);
    }

    fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
        h.get_by_role_and_label(Role::TextInput, label).click();
        common::settle(h);
        h.get_by_role_and_label(Role::TextInput, label)
            .type_text(text);
        common::settle(h);
    }

    #[test]
    fn the_audit_filters_by_user_and_period_and_shows_a_change_before_and_after() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = window(&dir);
        // Another user's change, a month earlier, appended as another program of ours would.
        h.state()
            .store()
            .unwrap()
            .conn()
            .execute_batch(
                r#"INSERT INTO changes (at, actor, table_name, row_id, action, before, after, schema)
                   VALUES ('2026-10-01T10:00:00', '李四', 'people', 1, 'update',
                           '{"name":"蒋英花","address":"旧地址 1 号","phone":"13900001234"}',
                           '{"name":"蒋英花","address":"新地址 8 号","phone":"13900001234"}', 6);
                   INSERT INTO revisions (table_name, rev) VALUES ('changes', 999)
                   ON CONFLICT (table_name) DO UPDATE SET rev = 999;"#,
            )
            .unwrap();
        h.state_mut()
            .store_mut()
            .unwrap()
            .refresh_revisions()
            .unwrap();
        h.get_by_label("审计").click();
        common::settle(&mut h);
        let me = store(&h).session().name.clone();
        // Everything: the region tree and the person, by this user, and 李四's change.
        h.get_by_label("李四");
        assert!(h.query_all_by_label(&me).count() > 1);
        // By user.
        type_into(&mut h, "用户", "李四");
        h.get_by_role_and_label(Role::Button, "筛选").click();
        common::settle(&mut h);
        assert_eq!(h.query_all_by_label(&me).count(), 0);
        h.get_by_label("李四");
        // By period: this user, but only in October: nothing.
        h.get_by_role_and_label(Role::Button, "清除条件").click();
        common::settle(&mut h);
        type_into(&mut h, "从", "2026-10-01");
        type_into(&mut h, "至", "2026-10-31");
        h.get_by_role_and_label(Role::Button, "筛选").click();
        common::settle(&mut h);
        h.get_by_label("李四");
        assert_eq!(h.query_all_by_label(&me).count(), 0);
        // The change before and after, the changed field marked, the phone masked.
        let seq: i64 = store(&h)
            .conn()
            .query_row("SELECT max(seq) FROM changes", [], |r| r.get(0))
            .unwrap();
        h.get_by_label(&seq.to_string()).click();
        common::settle(&mut h);
        h.get_by_label("变更详情");
        h.get_by_label("旧地址 1 号");
        h.get_by_label("新地址 8 号");
        // Each field by its name on screen, not the column's.
        h.get_by_label("* 住址");
        h.get_by_label("姓名/名称");
        assert!(h.query_by_label("address").is_none());
        assert!(
            h.query_by_label("13900001234").is_none(),
            "masked in the audit"
        );
        // Only this page's rows are read: no query on an idle frame.
        h.run_steps(2);
    }
}
