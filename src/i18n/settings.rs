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
    // Encrypting the ledger
    const ENCRYPT_LEDGER => "加密此台账", "Encrypt this ledger";
    const LEDGER_NOT_ENCRYPTED => "这个台账没有加密：拿到这个文件的人都能读出其中的身份证号和健康信息。", "This ledger is not encrypted: anyone who gets the file can read its ID numbers and health data.";
    const LEDGER_IS_ENCRYPTED => "这个台账已加密。用新口令另写一个加密副本，就是更换口令。", "This ledger is encrypted. An encrypted copy with a new passphrase is how its passphrase is changed.";
    const ENCRYPT_EXPLAIN => "写入一个加密的副本，没有口令就打不开、读不出。当前文件不变：确认副本能用口令打开后，请改用副本，并删除未加密的原文件。口令忘记后数据无法找回，请妥善保管。", "Writes an encrypted copy that can not be opened or read without the passphrase. The file open now is not changed: once the copy opens with its passphrase, work on the copy and delete the unencrypted original. A forgotten passphrase can not be recovered: keep it safe.";
    const NEW_PASSPHRASE => "新口令", "New passphrase";
    const REPEAT_PASSPHRASE => "再输一次", "Repeat the passphrase";
    const PASSPHRASES_DIFFER => "两次输入的口令不一致。", "The two passphrases differ.";
    const ENCRYPT_COPY => "写入加密副本…", "Write an encrypted copy…";
    const ENCRYPT_TO => "加密副本的保存路径", "Path to save the encrypted copy to";
    const ENCRYPTED_NAME => "加密", "encrypted";
    const CHANGE_LOG_EXPLAIN => "最近的修改（谁、何时、改了什么）", "Recent changes (who, when, what)";
    const OWN_CHANGES_EXPLAIN => "您最近的修改（何时、改了什么）；所有人的修改由管理员在“审计”页查看", "Your recent changes (when, what); everyone's are in the administrators' Audit tab";
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
