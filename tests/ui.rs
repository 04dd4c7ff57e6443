//! The real window driven headless with egui_kittest on a temporary database.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minsheng::app::{App, Prefs, Tab};
use minsheng::domain::region::RegionLevel;
use minsheng::i18n::{Lang, T};
use minsheng::store::people::{self, PeopleFilter};
use minsheng::store::regions::{self, NewRegion};
use minsheng::store::{Store, changes};

/// A database with the district, one street and one community, and the window over it.
fn harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, App> {
    let mut store = Store::open(dir.path().join("ui.sqlite")).unwrap();
    store
        .write(|w| {
            let region = |code: &str, name: &str, level, parent| NewRegion {
                code: code.into(),
                name: name.into(),
                short_name: name.into(),
                level,
                parent_id: parent,
                lon: None,
                lat: None,
            };
            let d = regions::insert(
                w,
                &region("370117000000", "钢城区", RegionLevel::District, None),
            )?;
            let s = regions::insert(
                w,
                &region("370117001000", "艾山街道", RegionLevel::Street, Some(d)),
            )?;
            regions::insert(
                w,
                &region(
                    "370117001001",
                    "北城子坡社区",
                    RegionLevel::Community,
                    Some(s),
                ),
            )?;
            Ok(())
        })
        .unwrap();
    let prefs = Prefs {
        lang,
        ..Prefs::default()
    };
    let app = App::new(Ok(store), prefs, true);
    Harness::builder()
        .with_size([1400.0, 800.0])
        .with_context_setup(|ctx| {
            assert!(
                minsheng::fonts::install(ctx),
                "the tests need a Simplified-Chinese font"
            );
        })
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}

fn people_count(h: &Harness<'_, App>) -> i64 {
    people::count(h.state().store().unwrap().conn()).unwrap()
}

#[test]
fn every_tab_opens_by_its_label_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness(&dir, lang);
        h.get_by_label(lang.t(T::TabSettings)).click();
        h.run();
        assert_eq!(h.state().prefs.tab, Tab::Settings);
        h.get_by_label(lang.t(T::MaskSettings));
        h.get_by_label(lang.t(T::TabPeople)).click();
        h.run();
        assert_eq!(h.state().prefs.tab, Tab::People);
        h.get_by_label(lang.t(T::Regions));
    }
}

#[test]
fn the_language_switch_changes_every_label() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, Lang::Zh);
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().prefs.lang, Lang::En);
    h.get_by_label("People & places");
    assert!(h.query_by_label("人员与地区").is_none());
}

/// Opens the form and fills in name and ID; the caller picks the village or not.
fn fill_form(h: &mut Harness<'_, App>, name: &str, id: &str) {
    h.get_by_role_and_label(Role::Button, "新增人员").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "姓名").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "姓名")
        .type_text(name);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "身份证号").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "身份证号")
        .type_text(id);
    h.run();
}

fn choose_village(h: &mut Harness<'_, App>, village: &str) {
    h.get_by_label("所属村居").click();
    h.run();
    h.get_by_role_and_label(Role::Button, village).click();
    h.run();
}

#[test]
fn adding_a_person_shows_them_in_the_table_and_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, Lang::Zh);
    fill_form(&mut h, "蒋英花", "11010519491231002x");
    // The birth date and sex are derived from the number as it is typed.
    h.get_by_label_contains("1949-12-31");
    choose_village(&mut h, "北城子坡社区");
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.run_steps(3);

    let conn = h.state().store().unwrap().conn();
    let ids = people::search_ids(conn, &PeopleFilter::default()).unwrap();
    assert_eq!(ids.len(), 1);
    let person = people::get(conn, ids[0]).unwrap();
    assert_eq!(person.name, "蒋英花");
    assert_eq!(person.id_number, "11010519491231002X");
    assert_eq!(person.birth_date, "1949-12-31");
    assert_eq!(changes::count_for(conn, "people", ids[0].0).unwrap(), 1);
    // In the table, masked: the first 6 and last 4 characters only.
    h.get_by_label("蒋英花");
    h.get_by_label("110105********002X");
    assert!(h.query_by_label("11010519491231002X").is_none());
}

#[test]
fn a_bad_id_number_shows_the_message_under_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, Lang::Zh);
    fill_form(&mut h, "蒋英花", "110105194912310021");
    choose_village(&mut h, "北城子坡社区");
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.get_by_label("校验位不对：应为 X，填的是 1。请核对号码。");
    assert_eq!(people_count(&h), 0);
}

#[test]
fn a_form_without_a_village_names_the_missing_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, Lang::Zh);
    fill_form(&mut h, "蒋英花", "11010519491231002X");
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.get_by_label("请选择村居。");
    assert_eq!(people_count(&h), 0);
}

#[test]
fn a_second_person_with_the_same_id_is_refused_with_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir, Lang::Zh);
    for name in ["蒋英花", "蒋英华"] {
        fill_form(&mut h, name, "11010519491231002X");
        choose_village(&mut h, "北城子坡社区");
        h.get_by_role_and_label(Role::Button, "保存").click();
        h.run();
    }
    h.get_by_label("该身份证号已登记为 蒋英花。");
    h.get_by_label("查看已登记的人员");
    assert_eq!(people_count(&h), 1);
}
