//! The demo data as issue 7 asks: its approvals are dated on or before today, signed by a
//! named person, every approved month reproduces from the raw tables, and the open month
//! shows at least one finding of each kind (and the bank file's two problems).

use crate::common;

use std::collections::BTreeMap;

use minsheng::domain::pay::Month;
use minsheng::jobs::{Reporter, demo};
use minsheng::store::placement_reports::{self, CheckKind};
use minsheng::store::{bank, payroll};

#[test]
fn demo_approvals_are_signed_and_dated_and_the_open_month_shows_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path().join("demo.sqlite"));
    demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    let conn = &store.read();
    let today = common::test_day();
    let current = Month::of(today);

    // January to October 2026 approved, each after its month ended and by 2026-11-20: the
    // 4th of the next month, except that October's 4th (2026-11-04) is before today too.
    let approved: Vec<(Month, String, String)> = conn
        .prepare(
            "SELECT month, approved_at, approved_by FROM subsidy_months
             WHERE status = 'approved' ORDER BY month",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(approved.len(), 10, "{approved:?}");
    for (month, at, by) in &approved {
        assert!(*month < current);
        let next = month.next().first_day();
        let expected = next.checked_add(jiff::Span::new().days(3)).unwrap();
        assert_eq!(*at, expected.to_string(), "{month}");
        assert!(at.as_str() <= today.to_string().as_str() && *at > month.last_day().to_string());
        assert_eq!(by, demo::APPROVER);
        assert_eq!(by, "王科长（区人社局就业科）");
        let v = payroll::verify_month(conn, *month).unwrap();
        assert!(v.ok(), "{month}: {:?}", v.summary());
        // What its checks found was accepted with a reason of its kind, not "示例数据".
        for f in placement_reports::accepted_findings(conn, *month).unwrap() {
            assert!(f.acceptance.reason.chars().count() >= 8, "{:?}", f);
            assert_ne!(f.acceptance.reason, "示例数据");
        }
    }
    // Computed, then reopened by the attendance corrected after it: its lines stay.
    assert_eq!(
        payroll::month_status(conn, current).unwrap(),
        payroll::MonthStatus::Open
    );
    assert!(!placement_reports::sheet(conn, current).unwrap().is_empty());

    // The open month: at least one finding of every kind.
    let findings = placement_reports::checks(conn, current).unwrap();
    let mut per_kind: BTreeMap<CheckKind, usize> = BTreeMap::new();
    for f in &findings {
        *per_kind.entry(f.kind).or_default() += 1;
    }
    eprintln!("findings in {current}: {per_kind:?}");
    for kind in CheckKind::ALL {
        assert!(
            per_kind.get(kind).copied().unwrap_or(0) >= 1,
            "no {kind:?} in {per_kind:?}"
        );
    }
    // The transfer within the month is the one ID number on two lines.
    assert_eq!(per_kind[&CheckKind::PaidTwice], 2);

    // The bank file of the open month: someone without an account, one held in another name.
    let file = bank::bank_file(conn, current).unwrap();
    assert_eq!(
        file.missing_accounts.len(),
        1,
        "{:?}",
        file.missing_accounts
    );
    assert_eq!(file.mismatches.len(), 1, "{:?}", file.mismatches);
    assert!(file.mismatches[0].holder_name.ends_with("之子"));
}
