//! Words every area uses: buttons, common column titles, sexes.

crate::i18n::texts! {
    const OK => "确定", "OK";
    const CANCEL => "取消", "Cancel";
    const CLOSE => "关闭", "Close";
    const DELETE => "删除", "Delete";
    const SAVE => "保存", "Save";
    const NAME_REQUIRED => "请填写名称。", "A name is required.";
    fn people_count(count) => "共 {count} 人", "{count} people";
    const COL_NAME => "姓名", "Name";
    const COL_ID_NUMBER => "身份证号", "ID number";
    const COL_PHONE => "电话", "Phone";
    const COL_PLACE => "村居", "Village/community";
    const MALE => "男", "Male";
    const FEMALE => "女", "Female";
    const RESTORE => "恢复", "Restore";
    const EDIT => "编辑", "Edit";
    const FIELD_NOTES => "备注", "Notes";
    const CHOOSE_REGION => "请选择村居", "Choose a village or community";
    const SETTINGS_SAVED => "设置已保存。", "Settings saved.";
    const ANY_VALUE => "全部", "Any";
}
