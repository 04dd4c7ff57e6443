//! The Service points tab as a clerk uses it: the villages outside the circle, a point
//! added where one of them lies (the list shrinks), and the list filtered by tier.

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use minsheng::app::{App, Prefs};
use minsheng::i18n::Lang;
use minsheng::jobs::{Reporter, demo};

/// The number in the label that contains `words` (e.g. "共 12 个村居在服务圈外").
fn count_in(h: &Harness<'_, App>, words: &str) -> usize {
    let node = h.get_by_label_contains(words);
    let node = node.accesskit_node();
    let label = node.label().or_else(|| node.value()).unwrap_or_default();
    label
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("no number in {label:?}"))
}

fn settle(h: &mut Harness<'_, App>) {
    common::settle(h);
    h.run_steps(2);
    common::settle(h);
}

#[test]
fn a_point_where_a_village_lies_outside_shrinks_the_list_and_the_tier_filter_narrows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    {
        let mut store = common::open_store(&path);
        demo::generate(&mut store, 1, &Reporter::silent()).expect("demo data");
    }
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "service_points".into(),
        ..Prefs::default()
    };
    let mut h = common::harness(App::new(Ok(common::open_store(&path)), prefs));
    common::settle(&mut h);
    common::sign_in_demo_clerk(&mut h);
    settle(&mut h);
    h.get_by_label("覆盖分析").click();
    settle(&mut h);
    let before = count_in(&h, "个村居在服务圈外");
    assert!(before > 0, "the demo leaves a few villages outside");
    h.get_all_by_label("在此新建工作点")
        .next()
        .expect("a button per village outside")
        .click();
    settle(&mut h);
    // The form is taller than the window: its button is reached as a screen reader would.
    h.get_by_label("保存").click_accesskit();
    settle(&mut h);
    h.get_by_label("服务点已保存");
    let after = count_in(&h, "个村居在服务圈外");
    assert!(
        after < before,
        "{after} villages outside after, {before} before"
    );

    h.get_by_label("服务点列表").click();
    settle(&mut h);
    let all = count_in(&h, "个服务点");
    assert_eq!(
        all,
        1 + 16 + 257 + 4 + 1,
        "the demo's points and the new one"
    );
    h.get_all_by_label("医保工作站")
        .next()
        .expect("the tier filter")
        .click();
    settle(&mut h);
    assert_eq!(count_in(&h, "个服务点"), 16);
}
