//! The import screen driven headless: read an office roll with refused rows, read the
//! reasons in the preview, import the good rows, then undo the batch.

use crate::common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use minsheng::app::{App, Prefs};
use minsheng::i18n::Lang;
use minsheng::store::people;

fn harness(dir: &tempfile::TempDir) -> Harness<'static, App> {
    let mut store = common::open_store(dir.path().join("ui.sqlite"));
    store.write(|w| common::small_tree(w).map(|_| ())).unwrap();
    crate::import::register_zhou(&mut store);
    let prefs = Prefs {
        lang: Lang::Zh,
        tab: "import".into(),
        ..Prefs::default()
    };
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(minsheng::fonts::install_embedded)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), common::window(store, prefs))
}

fn click(h: &mut Harness<'_, App>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).click();
    common::settle(h);
}

fn count(h: &Harness<'_, App>) -> i64 {
    people::count(&h.state().store().unwrap().read()).unwrap()
}

#[test]
fn import_the_good_rows_of_a_roll_then_undo_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::import::people_book(dir.path());
    let mut h = harness(&dir);
    common::settle(&mut h);
    let before = count(&h);

    h.get_by_role_and_label(Role::TextInput, "文件").click();
    common::settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "文件")
        .type_text(&file.display().to_string());
    common::settle(&mut h);
    click(&mut h, Role::Button, "读取");

    // The preview says what happens to each row, with the reason at its cell.
    h.get_by_label("新增 3，更新 0，跳过 2，拒绝 2。");
    h.get_by_label_contains("【公民身份号码】列：身份证号被 Excel 存成了数字");
    h.get_by_label_contains("找不到地区“北城子社区”");
    h.get_by_label("第 12 行未导入：合计行。");

    // All or nothing refuses; the good rows are imported in the other mode.
    click(&mut h, Role::RadioButton, "导入正确的行，另存错误表");
    click(&mut h, Role::Button, "导入");
    // Said in the screen and in the window's status area.
    assert!(
        h.query_all_by_label("已导入：新增 3，更新 0，跳过 2，拒绝 2。")
            .count()
            >= 1
    );
    assert_eq!(count(&h), before + 3);

    click(&mut h, Role::Button, "撤销这次导入");
    h.get_by_label("已撤销这次导入（3 条记录）。");
    assert_eq!(count(&h), before);
}
