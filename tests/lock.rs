//! The lock of approved months, attacked with raw SQL (through the window's connection and
//! through a second one, as a `sqlite3` shell would, foreign keys off): every path must be
//! refused by the database and leave the data as it was. Then the seal that catches an edit
//! made around the triggers, and the arrears of a minimum wage published late.
//!
//! The ledger: tier 2 (the shipped rate from 2021-10-01 is 1,900.00 a month, 19.00 an hour),
//! social-insurance subsidy 500.00; A urban and B rural from 2026-06-01, C urban from
//! 2026-09-16; July to October computed and approved; August carries a correction of July.

use crate::common;

use jiff::civil::date;
use minsheng::domain::PlacementId;
use minsheng::domain::mask::MaskPattern;
use minsheng::domain::pay::{AbsenceBasis, AbsenceRule, Area, MinimumWage, Month, PayRules};
use minsheng::domain::person::PersonDraft;
use minsheng::domain::placement::{ExitReason, PostCategory, PostStatus};
use minsheng::i18n::Lang;
use minsheng::jobs::Reporter;
use minsheng::jobs::exports::{self, Disclosure};
use minsheng::store::payroll::{self, NewAdjustment};
use minsheng::store::placements::{self, NewPlacement, NewTraining, TrainingChoice};
use minsheng::store::posts::{self, NewPost};
use minsheng::store::{PayrollRule, Store, StoreError, people, placement_reports};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

struct Ledger {
    dir: tempfile::TempDir,
    store: Store,
    village: minsheng::domain::RegionId,
    urban: minsheng::domain::PostId,
    rural: minsheng::domain::PostId,
    a: PlacementId,
    b: PlacementId,
    c: PlacementId,
}

fn month(m: i8) -> Month {
    Month::new(2026, m).unwrap()
}

fn new_post(area: Area, region: minsheng::domain::RegionId) -> NewPost {
    NewPost {
        title: "保洁员".into(),
        category: PostCategory::FacilityMaintenance,
        area,
        host_unit: "北城子坡社区居民委员会".into(),
        region_id: region,
        headcount: 3,
        monthly_hours_tenths: (area == Area::Rural).then_some(800),
        min_hours_tenths: None,
        max_hours_tenths: None,
        funded_from: date(2026, 1, 1),
        funded_to: date(2028, 12, 31),
        status: PostStatus::Open,
    }
}

/// Rural hours of B, July to October: 60.0, 72.5, 80.0, 40.0.
const B_HOURS: [i64; 4] = [600, 725, 800, 400];

fn ledger() -> Ledger {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("lock.sqlite"));
    let village = store
        .write(|w| {
            let [_, _, v, _] = common::small_tree(w)?;
            common::flat_pay_rules(w, 2, 50_000)?;
            Ok(v)
        })
        .unwrap();
    let low_income = common::low_income(&store.read());
    let urban = store
        .write(|w| posts::insert(w, &new_post(Area::Urban, village)))
        .unwrap();
    let rural = store
        .write(|w| posts::insert(w, &new_post(Area::Rural, village)))
        .unwrap();
    let mut place = |name: &str, id: &str, post, start| {
        let draft = PersonDraft {
            name: name.into(),
            id_number: id.into(),
            region_id: Some(village),
            categories: vec![low_income],
            ..PersonDraft::default()
        };
        let new = draft.validate(common::test_day()).unwrap();
        let person = store.write(|w| people::insert(w, &new)).unwrap();
        let placement = NewPlacement {
            person_id: person,
            post_id: post,
            training: TrainingChoice::New(NewTraining {
                course: "上岗培训".into(),
                trained_on: date(2026, 5, 5),
                hours: 16,
                passed: true,
            }),
            start_date: start,
            agreement_end: date(2028, 12, 31),
            accident_insurance: true,
        };
        store.write(|w| placements::place(w, &placement)).unwrap()
    };
    let a = place("蒋英花", "371203197703010026", urban, date(2026, 6, 1));
    let b = place("李建国", "37120319850612001X", rural, date(2026, 6, 1));
    let c = place("张伟", "371203198001010034", urban, date(2026, 9, 16));
    for (n, m) in (7..=10).enumerate() {
        let m = month(m);
        store
            .write(|w| {
                payroll::set_attendance(w, b, m, None, Some(B_HOURS[n]))?;
                // The urban people worked every day they were in post.
                for row in payroll::attendance(&w.read(), m)? {
                    if row.area == Area::Urban {
                        let days = minsheng::domain::pay::days_in_post(m, row.in_post);
                        payroll::set_attendance(w, row.placement_id, m, Some(days.into()), None)?;
                    }
                }
                if m == month(8) {
                    payroll::add_adjustment(
                        w,
                        &NewAdjustment {
                            month: m,
                            placement_id: a,
                            corrects_month: month(7),
                            amount_fen: 1_000,
                            reason: "七月少算".into(),
                        },
                    )?;
                }
                payroll::compute(w, m, |_, _| true)?;
                for f in placement_reports::open_findings(&w.read(), m)? {
                    placement_reports::accept_finding(w, m, f.kind, f.placement_id, "村委会证明")?;
                }
                payroll::approve(w, m, m.next().first_day())
            })
            .unwrap();
    }
    Ledger {
        dir,
        store,
        village,
        urban,
        rural,
        a,
        b,
        c,
    }
}

/// Every row of the tables an approved month rests on, as text.
fn snapshot(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for table in [
        "subsidy_months",
        "subsidy_lines",
        "attendance",
        "subsidy_adjustments",
        "placements",
        "posts",
        "minimum_wages",
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT rowid, * FROM {table} ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".into(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("{b:?}"),
                })
                .collect();
            out.push(format!("{table}: {}", cells.join("|")));
        }
    }
    out
}

fn id_of(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Runs `sql` on the window's connection and on a second one; each must fail with
/// `expected` in SQLite's message and leave every row as it was.
fn refused(l: &Ledger, sql: &str, expected: &str) {
    let shell = Connection::open(l.dir.path().join("lock.sqlite")).unwrap();
    // The sqlite3 shell's default: no foreign keys, no recursive triggers.
    shell.pragma_update(None, "foreign_keys", false).unwrap();
    for conn in [l.store.conn(), &shell] {
        let before = snapshot(conn);
        match conn.execute_batch(sql) {
            Ok(()) => panic!("not refused: {sql}"),
            Err(e) => assert!(
                e.to_string().contains(expected),
                "{sql}: refused for another reason: {e}"
            ),
        }
        assert_eq!(snapshot(conn), before, "{sql} changed the data");
    }
}

#[test]
fn every_raw_sql_path_into_an_approved_month_is_refused() {
    let mut l = ledger();
    // An open (computed) November and an adjustment it carries, for the "move into" paths.
    l.store
        .write(|w| {
            payroll::add_adjustment(
                w,
                &NewAdjustment {
                    month: month(11),
                    placement_id: l.b,
                    corrects_month: month(7),
                    amount_fen: -500,
                    reason: "七月工时多记".into(),
                },
            )?;
            payroll::set_attendance(w, l.b, month(11), None, Some(600))?;
            payroll::compute(w, month(11), |_, _| true).map(|_| ())
        })
        .unwrap();
    let conn = &l.store.read();
    let jul_line = id_of(
        conn,
        &format!(
            "SELECT id FROM subsidy_lines WHERE month = '2026-07' AND placement_id = {}",
            l.a.0
        ),
    );
    let nov_line = id_of(
        conn,
        &format!(
            "SELECT id FROM subsidy_lines WHERE month = '2026-11' AND placement_id = {}",
            l.b.0
        ),
    );
    let jul_attendance = id_of(
        conn,
        "SELECT id FROM attendance WHERE month = '2026-07' LIMIT 1",
    );
    let nov_attendance = id_of(conn, "SELECT id FROM attendance WHERE month = '2026-11'");
    let aug_adjustment = id_of(
        conn,
        "SELECT id FROM subsidy_adjustments WHERE month = '2026-08'",
    );
    let nov_adjustment = id_of(
        conn,
        "SELECT id FROM subsidy_adjustments WHERE month = '2026-11'",
    );
    let jul_rowid = id_of(
        conn,
        "SELECT rowid FROM subsidy_months WHERE month = '2026-07'",
    );
    let wage_in_force = id_of(
        conn,
        "SELECT id FROM minimum_wages WHERE tier = 2 AND effective_from = '2021-10-01'",
    );
    let (a, b) = (l.a.0, l.b.0);
    let locked = "month approved";
    let rests = "approved pay rests on this";
    let history = "wage rate relied on";

    // The month itself: reopened by REPLACE (by month, by rowid), by UPDATE, by UPDATE OR
    // REPLACE from another month, deleted.
    for sql in [
        "INSERT OR REPLACE INTO subsidy_months (month, status) VALUES ('2026-07', 'open')"
            .to_string(),
        "REPLACE INTO subsidy_months (month, status) VALUES ('2026-07', 'computed')".to_string(),
        format!(
            "REPLACE INTO subsidy_months (rowid, month, status) VALUES ({jul_rowid}, '2030-01', 'open')"
        ),
        "UPDATE subsidy_months SET status = 'open' WHERE month = '2026-07'".to_string(),
        "UPDATE subsidy_months SET status = 'computed', approved_at = NULL WHERE month = '2026-07'"
            .to_string(),
        "UPDATE OR REPLACE subsidy_months SET month = '2026-07' WHERE month = '2026-11'"
            .to_string(),
        "DELETE FROM subsidy_months WHERE month = '2026-07'".to_string(),
    ] {
        refused(&l, &sql, locked);
    }
    // What an approved month carried over, or took in: planted, edited, moved, removed.
    for sql in [
        format!(
            "INSERT INTO subsidy_carries (from_month, month, placement_id, amount_fen) VALUES ('2026-09', '2026-10', {a}, -100)"
        ),
        format!(
            "INSERT INTO subsidy_carries (from_month, month, placement_id, amount_fen) VALUES ('2026-10', '2026-11', {b}, -100)"
        ),
    ] {
        refused(&l, &sql, locked);
    }
    // The social-insurance rates, retirement rules and hour ceilings approved pay used.
    for sql in [
        "UPDATE insurance_rates SET base_fen = base_fen + 1".to_string(),
        "DELETE FROM insurance_rates".to_string(),
        "INSERT INTO insurance_rates (effective_from, base_fen, pension_employer_bp, medical_employer_bp, unemployment_employer_bp, injury_employer_bp, pension_person_bp, medical_person_bp, unemployment_person_bp) VALUES ('2026-07-01', 1, 0, 0, 0, 0, 0, 0, 0)".to_string(),
        "UPDATE retirement_rules SET original_age_years = 45".to_string(),
        "DELETE FROM retirement_rules".to_string(),
        "INSERT OR REPLACE INTO retirement_rules (grp, effective_from, original_age_years, months_per_step, max_delay_months) VALUES ('male', '2025-01-01', 45, 0, 0)".to_string(),
        format!("UPDATE posts SET max_hours_tenths = 100 WHERE id = (SELECT post_id FROM placements WHERE id = {b})"),
    ] {
        refused(&l, &sql, rests);
    }
    // Approved without a seal.
    refused(
        &l,
        "UPDATE subsidy_months SET status = 'approved' WHERE month = '2026-11'",
        "without a seal",
    );
    refused(
        &l,
        "INSERT INTO subsidy_months (month, status) VALUES ('2026-12', 'approved')",
        "without a seal",
    );

    // Its lines.
    for sql in [
        format!(
            "INSERT OR REPLACE INTO subsidy_lines (id, month, placement_id, area, days_in_post, wage_fen, social_insurance_fen, total_fen) VALUES ({jul_line}, '2026-11', {a}, 'urban', 31, 1, 0, 1)"
        ),
        format!(
            "REPLACE INTO subsidy_lines (month, placement_id, area, days_in_post, wage_fen, social_insurance_fen, total_fen) VALUES ('2026-07', {a}, 'urban', 31, 1, 0, 1)"
        ),
        "UPDATE subsidy_lines SET total_fen = total_fen + 100000 WHERE month = '2026-07'"
            .to_string(),
        "DELETE FROM subsidy_lines WHERE month = '2026-07'".to_string(),
        format!(
            "UPDATE OR REPLACE subsidy_lines SET month = '2026-07', placement_id = {a} WHERE id = {nov_line}"
        ),
        format!("UPDATE OR REPLACE subsidy_lines SET id = {jul_line} WHERE id = {nov_line}"),
    ] {
        refused(&l, &sql, locked);
    }

    // The attendance behind it.
    for sql in [
        format!(
            "INSERT OR REPLACE INTO attendance (id, placement_id, month, hours_tenths) VALUES ({jul_attendance}, {b}, '2026-12', 10)"
        ),
        format!(
            "REPLACE INTO attendance (placement_id, month, hours_tenths) VALUES ({b}, '2026-07', 10)"
        ),
        "UPDATE attendance SET hours_tenths = 10 WHERE month = '2026-07'".to_string(),
        "DELETE FROM attendance WHERE month = '2026-07'".to_string(),
        format!(
            "UPDATE OR REPLACE attendance SET id = {jul_attendance} WHERE id = {nov_attendance}"
        ),
        format!("UPDATE attendance SET month = '2026-06' WHERE id = {jul_attendance}"),
        format!(
            "UPDATE attendance SET month = '2026-07', placement_id = {a} WHERE id = {nov_attendance}"
        ),
    ] {
        refused(&l, &sql, locked);
    }

    // The adjustments it carried.
    for sql in [
        format!("UPDATE subsidy_adjustments SET amount_fen = 99999 WHERE id = {aug_adjustment}"),
        format!("DELETE FROM subsidy_adjustments WHERE id = {aug_adjustment}"),
        format!(
            "INSERT OR REPLACE INTO subsidy_adjustments (id, month, placement_id, corrects_month, amount_fen, reason, created_at) VALUES ({aug_adjustment}, '2026-12', {a}, '2026-07', 5, 'x', '2026-11-20')"
        ),
        format!("UPDATE subsidy_adjustments SET month = '2026-12' WHERE id = {aug_adjustment}"),
        format!("UPDATE subsidy_adjustments SET month = '2026-09' WHERE id = {nov_adjustment}"),
        format!(
            "UPDATE OR REPLACE subsidy_adjustments SET id = {aug_adjustment} WHERE id = {nov_adjustment}"
        ),
    ] {
        refused(&l, &sql, locked);
    }

    // What the pay was computed from.
    for sql in [
        format!("UPDATE placements SET start_date = '2026-07-15' WHERE id = {a}"),
        format!(
            "UPDATE placements SET post_id = {} WHERE id = {a}",
            l.rural.0
        ),
        format!("UPDATE placements SET person_id = person_id + 1 WHERE id = {a}"),
        format!("DELETE FROM placements WHERE id = {a}"),
        format!(
            "INSERT OR REPLACE INTO placements SELECT id, person_id, post_id, training_id, '2026-08-01', agreement_end, accident_insurance, exit_date, exit_reason, exit_note, created_at, updated_at FROM placements WHERE id = {a}"
        ),
        format!("UPDATE posts SET area = 'rural' WHERE id = {}", l.urban.0),
        format!(
            "UPDATE posts SET monthly_hours_tenths = 1200 WHERE id = {}",
            l.rural.0
        ),
        format!("DELETE FROM posts WHERE id = {}", l.rural.0),
        format!(
            "INSERT OR REPLACE INTO posts (id, title, category, area, host_unit, region_id, headcount, monthly_hours_tenths, funded_from, funded_to, status, created_at, updated_at) SELECT id, title, category, 'rural', host_unit, region_id, headcount, 800, funded_from, funded_to, status, created_at, updated_at FROM posts WHERE id = {}",
            l.urban.0
        ),
    ] {
        refused(&l, &sql, rests);
    }
    for sql in [
        format!("UPDATE minimum_wages SET monthly_fen = 200000 WHERE id = {wage_in_force}"),
        format!(
            "UPDATE minimum_wages SET effective_from = '2026-11-01' WHERE id = {wage_in_force}"
        ),
        format!("DELETE FROM minimum_wages WHERE id = {wage_in_force}"),
        format!("UPDATE minimum_wages SET id = 1000 WHERE id = {wage_in_force}"),
        // A row slipped in below the approvals' mark (the shipped rows are ids 1 to 6).
        "INSERT INTO minimum_wages (id, effective_from, tier, monthly_fen, hourly_fen) VALUES (0, '2026-07-01', 2, 200000, 2000)".to_string(),
        format!(
            "INSERT OR REPLACE INTO minimum_wages (id, effective_from, tier, monthly_fen, hourly_fen) VALUES ({wage_in_force}, '2021-10-01', 2, 200000, 2000)"
        ),
    ] {
        refused(&l, &sql, history);
    }

    // What stays allowed: marking a rate checked, and an exit inside an approved month (a
    // recovery follows from it), which leaves the approved lines as they were.
    let lines_before = placement_reports::sheet(&l.store.read(), month(9)).unwrap();
    l.store
        .conn()
        .execute(
            "UPDATE minimum_wages SET verified = 1 WHERE id = ?1",
            [wage_in_force],
        )
        .unwrap();
    l.store
        .write(|w| placements::exit(w, l.c, date(2026, 9, 20), ExitReason::OtherWork, ""))
        .unwrap();
    assert_eq!(
        placement_reports::sheet(&l.store.read(), month(9)).unwrap(),
        lines_before
    );
    let sep = payroll::verify_month(&l.store.read(), month(9)).unwrap();
    assert!(sep.intact() && sep.ok(), "{sep:?}");
    // C was paid 15 of 30 days (950.00) and 500.00 subsidy; in post 5 days now: 316.67.
    assert_eq!(sep.differences.len(), 1);
    let d = &sep.differences[0];
    assert!(d.after_exit && d.placement_id == l.c);
    assert_eq!(d.stored.as_ref().unwrap().1, 95_000 + 50_000);
    assert_eq!(d.recomputed.as_ref().unwrap().wage_fen, 31_667);
}

#[test]
fn a_refusal_through_the_program_is_worded_in_both_languages() {
    let mut l = ledger();
    let village = l.village;
    let mut edited = new_post(Area::Rural, village);
    edited.title = "保洁员".into();
    let e = l
        .store
        .write(|w| posts::update(w, l.urban, &edited))
        .unwrap_err();
    let msg = e.message();
    assert!(
        msg.get(Lang::Zh).contains("已审核月份的补贴依据这项数据"),
        "{e:?}"
    );
    assert!(
        msg.get(Lang::En).contains("Approved pay rests on this"),
        "{e:?}"
    );
    // A change that leaves the area and hours alone is still allowed.
    let mut renamed = new_post(Area::Urban, village);
    renamed.title = "社区保洁员".into();
    l.store
        .write(|w| posts::update(w, l.urban, &renamed))
        .unwrap();
}

#[test]
fn a_wage_rate_an_approved_month_used_is_corrected_by_a_new_row() {
    let mut l = ledger();
    let rate = |monthly_fen, hourly_fen| MinimumWage {
        effective_from: date(2021, 10, 1),
        tier: 2,
        monthly_fen,
        hourly_fen,
    };
    let old_id = id_of(
        &l.store.read(),
        "SELECT id FROM minimum_wages WHERE tier = 2 AND effective_from = '2021-10-01'",
    );
    // The 1,900.00 rate paid July to October; the form's save keeps it and adds a row.
    l.store
        .write(|w| payroll::save_wage(w, &rate(195_000, 1_950), true, "entered by the user"))
        .unwrap();
    let rows: Vec<_> = payroll::wage_rows(&l.store.read())
        .unwrap()
        .into_iter()
        .filter(|r| r.wage.tier == 2 && r.wage.effective_from == date(2021, 10, 1))
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].id, rows[0].wage.monthly_fen), (old_id, 190_000));
    assert_eq!(rows[0].recorded_at, None);
    assert_eq!(rows[1].wage.monthly_fen, 195_000);
    assert_eq!(rows[1].recorded_at.as_deref(), Some("2026-11-20T09:00:00"));
    // Today's table has the correction; the months approved reproduce from the old one.
    let today = payroll::wage_table(&l.store.read()).unwrap();
    assert_eq!(
        today.in_force(2, date(2026, 8, 1)).unwrap().monthly_fen,
        195_000
    );
    for m in 7..=10 {
        let v = payroll::verify_month(&l.store.read(), month(m)).unwrap();
        assert!(v.ok(), "{v:?}");
        assert!(v.differences.is_empty());
    }
    // The correction itself was recorded after every approval: it may be corrected in place.
    l.store
        .write(|w| payroll::save_wage(w, &rate(196_000, 1_960), true, "entered by the user"))
        .unwrap();
    assert_eq!(payroll::wage_rows(&l.store.read()).unwrap().len(), 7);
}

#[test]
fn a_sheet_changed_around_the_triggers_is_refused_by_its_seal() {
    let mut l = ledger();
    let jul = month(7);
    let v = payroll::verify_month(&l.store.read(), jul).unwrap();
    assert!(v.ok() && v.differences.is_empty(), "{v:?}");
    let seal = v.sealed.clone().unwrap();
    // July: A 1,900.00 + 500.00; B 60.0 h × 19.00 = 1,140.00.
    assert_eq!(seal.rules().tier, 2);
    assert_eq!(seal.absence, AbsenceRule::default());
    assert_eq!((seal.line_count, seal.total_fen), (2, 240_000 + 114_000));
    assert_eq!(seal.fingerprint.len(), 64);

    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("jul.xlsx");
    let disclosure = Disclosure {
        id_mask: MaskPattern::ID_DEFAULT,
        full_ids: true,
    };
    exports::subsidy_sheet(
        &mut l.store,
        jul,
        &xlsx,
        disclosure,
        Lang::Zh,
        &Reporter::silent(),
    )
    .unwrap();
    std::fs::remove_file(&xlsx).unwrap();

    // Someone drops the trigger in a shell and raises A's July line by 1,000.00.
    let shell = Connection::open(l.dir.path().join("lock.sqlite")).unwrap();
    shell
        .execute_batch(&format!(
            "DROP TRIGGER subsidy_lines_locked_update;
             DROP TRIGGER subsidy_lines_locked_move;
             DROP TRIGGER subsidy_lines_never_replaced_by_update;
             UPDATE subsidy_lines SET wage_fen = wage_fen + 100000, total_fen = total_fen + 100000
             WHERE month = '2026-07' AND placement_id = {};",
            l.a.0
        ))
        .unwrap();
    let v = payroll::verify_month(&l.store.read(), jul).unwrap();
    assert!(!v.intact() && !v.ok());
    assert_eq!(v.now.as_ref().unwrap().total_fen, 354_000 + 100_000);
    // The recomputation names the line.
    let unexplained: Vec<_> = v.unexplained().map(|d| d.placement_id).collect();
    assert_eq!(unexplained, vec![l.a]);
    assert!(matches!(
        payroll::require_intact(&l.store.read(), jul),
        Err(StoreError::SheetAltered(m)) if m == jul
    ));
    let refused = exports::subsidy_sheet(
        &mut l.store,
        jul,
        &xlsx,
        disclosure,
        Lang::En,
        &Reporter::silent(),
    )
    .unwrap_err();
    assert!(!xlsx.exists(), "no file for an altered sheet");
    // Nor does the bank pay it.
    let csv = dir.path().join("jul-bank.csv");
    let bank_refused = minsheng::jobs::bank_export::bank_file(
        &mut l.store,
        jul,
        &csv,
        true,
        "代发",
        &Reporter::silent(),
    )
    .unwrap_err();
    assert!(!csv.exists(), "no bank file for an altered sheet");
    assert!(
        bank_refused
            .message()
            .get(Lang::Zh)
            .contains("2026-07 补贴表与审核时的内容不一致")
    );
    // The export and the checks say the same, in either language.
    for msg in [v.summary(), refused.message()] {
        assert!(
            msg.get(Lang::Zh)
                .contains("2026-07 补贴表与审核时的内容不一致")
        );
        assert!(
            msg.get(Lang::En)
                .contains("The subsidy sheet of 2026-07 no longer matches what was approved")
        );
    }

    // Attendance changed around its trigger: the lines still match the seal, but the
    // month no longer reproduces from its raw tables. August: B 72.5 h → 90.0 h.
    shell
        .execute_batch(&format!(
            "DROP TRIGGER attendance_locked_update;
             DROP TRIGGER attendance_locked_move;
             DROP TRIGGER attendance_never_replaced_by_update;
             UPDATE attendance SET hours_tenths = 900 WHERE month = '2026-08' AND placement_id = {};",
            l.b.0
        ))
        .unwrap();
    let aug = payroll::verify_month(&l.store.read(), month(8)).unwrap();
    assert!(aug.intact() && !aug.ok());
    let d: Vec<_> = aug.unexplained().collect();
    assert_eq!(d.len(), 1);
    // Stored 72.5 h × 19.00 = 1,377.50; recomputed 90.0 h × 19.00 = 1,710.00.
    assert_eq!(d[0].stored.as_ref().unwrap().0.wage_fen, 137_750);
    assert_eq!(d[0].recomputed.as_ref().unwrap().wage_fen, 171_000);
}

#[test]
fn a_rate_published_late_owes_arrears_for_every_approved_month_it_touches() {
    let mut l = ledger();
    // Entered on 2026-11-20, in force from 2026-07-01: 2,000.00 a month, 20.00 an hour.
    let rate = MinimumWage {
        effective_from: date(2026, 7, 1),
        tier: 2,
        monthly_fen: 200_000,
        hourly_fen: 2_000,
    };
    let arrears = payroll::arrears_for_wage(&l.store.read(), &rate).unwrap();
    let got: Vec<(Month, PlacementId, i64)> = arrears
        .iter()
        .map(|a| (a.corrects_month, a.placement_id, a.amount_fen))
        .collect();
    // Hand-worked:
    // - A, urban, every full month: 2,000.00 − 1,900.00 = 100.00, four times.
    // - B, rural: hours × (20.00 − 19.00): 60.0 → 60.00, 72.5 → 72.50, 80.0 → 80.00,
    //   40.0 → 40.00.
    // - C, urban from 2026-09-16: September 15/30 × 100.00 = 50.00, October 100.00.
    let (a, b, c) = (l.a, l.b, l.c);
    assert_eq!(
        got,
        vec![
            (month(7), a, 10_000),
            (month(7), b, 6_000),
            (month(8), a, 10_000),
            (month(8), b, 7_250),
            (month(9), a, 10_000),
            (month(9), b, 8_000),
            (month(9), c, 5_000),
            (month(10), a, 10_000),
            (month(10), b, 4_000),
            (month(10), c, 10_000),
        ]
    );
    assert_eq!(arrears.iter().map(|a| a.amount_fen).sum::<i64>(), 80_250);
    assert!(arrears.iter().all(|a| a.month == month(11)));
    assert!(arrears[0].reason.contains("补发最低工资差额"));
    assert!(arrears[0].reason.contains("2026-07-01") && arrears[0].reason.contains("2026-07"));

    // What was shown is what is written; a stale review is refused and writes nothing.
    let stale = l.store.write(|w| {
        payroll::save_wage_with_arrears(w, &rate, true, "entered by the user", &arrears[1..])
    });
    assert!(matches!(
        stale,
        Err(StoreError::Payroll(PayrollRule::ArrearsChanged))
    ));
    assert_eq!(payroll::wage_rows(&l.store.read()).unwrap().len(), 6);
    let written = l
        .store
        .write(|w| payroll::save_wage_with_arrears(w, &rate, true, "entered by the user", &arrears))
        .unwrap();
    assert_eq!(written, 10);

    // November pays them with its own lines, at the new rate.
    l.store
        .write(|w| {
            payroll::set_attendance(w, b, month(11), None, Some(500))?;
            payroll::compute(w, month(11), |_, _| true)
        })
        .unwrap();
    let nov = placement_reports::sheet(&l.store.read(), month(11)).unwrap();
    let line = |p| nov.iter().find(|l| l.placement_id == p).unwrap();
    assert_eq!(
        (line(a).wage_fen, line(a).adjustment_fen),
        (200_000, 40_000)
    );
    // B: 50.0 h × 20.00 = 1,000.00, arrears 252.50.
    assert_eq!(
        (line(b).wage_fen, line(b).adjustment_fen),
        (100_000, 25_250)
    );
    assert_eq!(line(c).adjustment_fen, 15_000);
    // The approved months still reproduce exactly, from the table as of their approval.
    for m in 7..=10 {
        assert!(
            payroll::verify_month(&l.store.read(), month(m))
                .unwrap()
                .ok()
        );
    }
    // The rate's arrears are paid: asking again gives none.
    assert!(
        payroll::arrears_for_wage(&l.store.read(), &rate)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn months_approved_before_the_upgrade_are_sealed_by_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.sqlite");
    let sql = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v4.sql"),
    )
    .unwrap();
    {
        let mut conn = Connection::open(&path).unwrap();
        minsheng::store::apply_migrations_up_to(&mut conn, 4).unwrap();
        conn.execute_batch(&sql).unwrap();
    }
    let store = common::open_store(&path);
    let v = payroll::verify_month(&store.read(), month(3)).unwrap();
    let seal = v.sealed.clone().expect("sealed by the upgrade");
    // March as the fixture approved it: 2,623.00 + 1,111.50.
    assert_eq!((seal.line_count, seal.total_fen), (2, 262_300 + 111_150));
    assert!(v.intact());
    assert!(payroll::require_intact(&store.read(), month(3)).is_ok());
}

/// The wage form: a rate back-dated into approved months shows its arrears (count, total,
/// each line) and is saved with them only on confirmation.
#[test]
fn the_wage_form_shows_the_arrears_of_a_back_dated_rate_before_saving() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;

    let l = ledger();
    let prefs = minsheng::app::Prefs {
        lang: Lang::Zh,
        tab: "settings".into(),
        ..minsheng::app::Prefs::default()
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size([1400.0, 2400.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(
            |ui, app: &mut minsheng::app::App| app.ui(ui),
            common::window(l.store, prefs),
        );
    common::settle(&mut h);
    for (label, text) in [
        ("生效日期", "2026-07-01"),
        ("月标准（元）", "2000"),
        ("小时标准（元）", "20"),
    ] {
        // The wage form is the first of the settings' forms with an effective date.
        h.get_all_by_role_and_label(Role::TextInput, label)
            .next()
            .unwrap()
            .click();
        common::settle(&mut h);
        h.get_all_by_role_and_label(Role::TextInput, label)
            .next()
            .unwrap()
            .type_text(text);
        common::settle(&mut h);
    }
    h.get_by_role_and_label(Role::Button, "添加标准").click();
    common::settle(&mut h);
    // The ten lines of the store test, 802.50 yuan; nothing written yet.
    h.get_by_label_contains("应补发 10 笔，共 802.50 元");
    assert!(h.query_all_by_label("蒋英花").count() >= 4);
    let conn = |h: &egui_kittest::Harness<'_, minsheng::app::App>| {
        let store = h.state().store().unwrap();
        (
            payroll::wage_rows(&store.read()).unwrap().len(),
            id_of(
                &store.read(),
                "SELECT count(*) FROM subsidy_adjustments WHERE month = '2026-11'",
            ),
        )
    };
    assert_eq!(conn(&h), (6, 0));
    h.get_by_role_and_label(Role::Button, "保存标准和补发")
        .click();
    common::settle(&mut h);
    h.get_by_label_contains("补发 10 笔已计入下一个未审核月份");
    assert_eq!(conn(&h), (7, 10));
}

/// A sheet computed before a setting changed is computed again before it is approved, so
/// that the seal reproduces what it approves.
#[test]
fn a_sheet_computed_from_older_data_is_not_approved() {
    let mut l = ledger();
    let nov = month(11);
    l.store
        .write(|w| {
            for row in payroll::attendance(&w.read(), nov)? {
                let (days, hours) = match row.area {
                    Area::Urban => (Some(20), None),
                    Area::Rural => (None, Some(0)),
                };
                payroll::set_attendance(w, row.placement_id, nov, days, hours)?;
            }
            payroll::compute(w, nov, |_, _| true)?;
            for f in placement_reports::open_findings(&w.read(), nov)? {
                placement_reports::accept_finding(w, nov, f.kind, f.placement_id, "病假")?;
            }
            Ok(())
        })
        .unwrap();
    // After the sheet was computed, absence is counted over 21.75 paid days instead of the
    // calendar days.
    let paid_days = PayRules {
        tier: 2,
        absence: AbsenceRule {
            basis: AbsenceBasis::PaidDays { hundredths: 2175 },
            leave_counts: true,
        },
    };
    l.store
        .write(|w| payroll::set_pay_rules(w, &paid_days))
        .unwrap();
    let refused = l
        .store
        .write(|w| payroll::approve(w, nov, date(2026, 12, 2)));
    assert!(matches!(
        refused,
        Err(StoreError::Payroll(PayrollRule::ComputedFromOlderData))
    ));
    let (_, total) = l
        .store
        .write(|w| payroll::compute(w, nov, |_, _| true))
        .unwrap();
    l.store
        .write(|w| payroll::approve(w, nov, date(2026, 12, 2)))
        .unwrap();
    // A and C urban, 20 days worked: 1,900.00 × 20 / 21.75 = 1,747.13, + 500.00 subsidy
    // (by calendar days it was 1,900.00 × 20 / 30 = 1,266.67); B rural with no hours: 0.
    assert_eq!(total, 2 * (174_713 + 50_000));
    let v = payroll::verify_month(&l.store.read(), nov).unwrap();
    assert!(v.ok() && v.differences.is_empty());
    assert_eq!(v.sealed.unwrap().rules(), paid_days);
}
