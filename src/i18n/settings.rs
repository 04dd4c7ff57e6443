//! The Settings tab: masking, hardship categories, the change log.

crate::i18n::texts! {
    // Tabs
    const TAB_SETTINGS => "设置", "Settings";
    // Settings
    const MASK_SETTINGS => "个人信息遮盖", "Masking of personal data";
    const MASK_ID_PATTERN => "身份证号保留（前+后）", "ID number keeps (first+last)";
    const MASK_PHONE_PATTERN => "电话保留（前+后）", "Phone keeps (first+last)";
    const MASK_PATTERN_HINT => "格式如 6+4", "as in 6+4";
    const MASK_PATTERN_INVALID => "格式应为“前位数+后位数”，如 6+4。", "Use first+last, as in 6+4.";
    fn mask_example(example) => "示例：{example}", "Example: {example}";
    const CATEGORIES => "困难类别", "Hardship categories";
    const ADD_CATEGORY => "添加类别", "Add category";
    const CATEGORY_NAME_ZH => "中文名称", "Chinese name";
    const CATEGORY_NAME_EN => "英文名称", "English name";
    fn category_in_use(count) => "该类别已被 {count} 人使用，已停用而不删除。", "This category is held by {count} people; it was retired, not deleted.";
    const RETIRED => "已停用", "retired";
    const REACTIVATE => "重新启用", "Reactivate";
    const CHANGE_LOG => "修改记录", "Change log";
    const CHANGE_LOG_EXPLAIN => "最近的修改（谁、何时、改了什么）", "Recent changes (who, when, what)";
    const ACT_INSERT => "新增", "Added";
    const ACT_UPDATE => "修改", "Changed";
    const ACT_DELETE => "删除", "Deleted";
    const ACT_TRASH => "移入回收站", "Moved to the trash";
    const ACT_RESTORE => "恢复", "Restored";
    const TABLE_PEOPLE => "人员", "Person";
    const TABLE_REGIONS => "地区", "Place";
    const TABLE_CATEGORIES => "困难类别", "Hardship category";
    const TABLE_SETTINGS => "设置", "Setting";
    const TABLE_POSTS => "岗位", "Post";
    const TABLE_PLACEMENTS => "上岗", "Placement";
    const TABLE_TRAININGS => "培训", "Training";
    const TABLE_ATTENDANCE => "考勤", "Attendance";
    const TABLE_SUBSIDY_MONTHS => "补贴表", "Subsidy sheet";
    const TABLE_ADJUSTMENTS => "补贴调整", "Adjustment";
    const TABLE_MINIMUM_WAGES => "最低工资标准", "Minimum wage";
    const TABLE_FINDING_ACCEPTANCES => "核查问题的接受说明", "Accepted finding";
    const LOG_FILE => "出错时的日志文件（不含姓名、身份证号和电话，可发给技术支持）：", "The log file of errors (no names, ID numbers or phones; send it to support):";
}
