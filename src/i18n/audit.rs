//! The audit: access records, revealing personal data one person at a time, the audit tab
//! and who made an export.

use crate::i18n::Text;
use crate::store::access_log::What;

crate::i18n::texts! {
    // Revealing on screen
    const REVEAL => "显示", "Show";
    const REVEAL_HINT => "显示此人的完整信息（将记录查看人和时间）", "Show this person's full value (who and when is recorded)";
    const EDIT_REVEALS => "修改（将显示完整信息并记录）", "Edit (shows the full value; recorded)";
    // Who made an export
    fn made_by(name, at) => "导出人：{name}  导出时间：{at}", "Exported by {name} at {at}";
    // The bank file's reason
    const BANK_REASON => "导出事由（必填，将记入查阅记录）", "Reason for the export (required; kept in the access records)";
    const BANK_REASON_HINT => "如：2026年10月补贴代发", "e.g. paying October's subsidies";
    const REASON_REQUIRED => "请填写导出事由：银行文件含完整账号，导出须说明事由。", "Give a reason: the bank file carries full account numbers, so exporting it needs one.";
    const FULL_IDS_RECORDED => "含完整身份证号的导出将记入查阅记录。", "An export with full ID numbers is kept in the access records.";
    // The tab
    const TAB_AUDIT => "审计", "Audit";
    const CHANGES => "变更记录", "Changes";
    const ACCESSES => "查阅记录", "Access records";
    const FILTER_USER => "用户", "User";
    const FILTER_AREA => "领域", "Area";
    const FILTER_TABLE => "数据表", "Table";
    const FILTER_PERSON => "人员（姓名或身份证号）", "Person (name or ID number)";
    const FILTER_FROM => "从", "From";
    const FILTER_TO => "至", "To";
    const DATE_HINT => "年-月-日", "YYYY-MM-DD";
    const ANY => "全部", "Any";
    const APPLY => "筛选", "Filter";
    const CLEAR => "清除条件", "Clear";
    const BAD_DATE => "日期应为 YYYY-MM-DD，如 2026-11-20。", "Dates are YYYY-MM-DD, as in 2026-11-20.";
    const NEWER => "较新的", "Newer";
    const OLDER => "较早的", "Older";
    fn page_of(page) => "第 {page} 页", "Page {page}";
    const NOTHING_FOUND => "没有符合条件的记录。", "Nothing matches.";
    const COL_SEQ => "序号", "No.";
    const COL_AT => "时间", "Time";
    const COL_USER => "用户", "User";
    const COL_AREA => "领域", "Area";
    const COL_TABLE => "数据表", "Table";
    const COL_ROW => "行号", "Row";
    const COL_ACTION => "操作", "Action";
    const COL_SUBJECT => "对象", "Subject";
    const COL_CHANGED => "改动字段", "Fields changed";
    const COL_PERSON => "人员", "Person";
    const COL_WHAT => "内容", "What";
    const COL_REASON => "事由", "Reason";
    const NO_AREA => "通用", "General";
    const DETAIL => "变更详情", "Change in detail";
    fn detail_line(seq, at, user) => "第 {seq} 条 · {at} · {user}", "No. {seq} · {at} · {user}";
    const COL_FIELD => "字段", "Field";
    const COL_BEFORE => "变更前", "Before";
    const COL_AFTER => "变更后", "After";
    const MASKED_NOTE => "身份证号、电话和账号在此处遮盖显示。", "ID numbers, phones and account numbers are masked here.";
    const SELECT_A_CHANGE => "点击一条变更的序号，查看变更前后的内容。", "Click a change's number to see it before and after.";
    const EXPORT => "导出 Excel…", "Export to Excel…";
    const EXPORT_TO => "审计记录保存到", "Save the audit records to";
    const FILE_NAME => "审计记录", "Audit records";
    const JOB_EXPORT => "导出审计记录", "Exporting the audit records";
    const SHEET_TITLE_CHANGES => "变更记录（审计）", "Changes (audit)";
    const SHEET_TITLE_ACCESSES => "查阅记录（审计）", "Access records (audit)";
    fn sheet_subtitle(changes, accesses) => "变更 {changes} 条，查阅 {accesses} 条", "{changes} changes, {accesses} access records";
    const WHAT_ID_NUMBER => "查看完整身份证号", "Saw the full ID number";
    const WHAT_PHONE => "查看完整电话", "Saw the full phone";
    const WHAT_EXPORT_FULL_IDS => "导出完整身份证号", "Exported full ID numbers";
    const WHAT_BANK_FILE => "导出银行代发文件", "Exported the bank file";
}

/// What an access record says was seen or exported.
pub fn what(w: What) -> crate::i18n::Text {
    match w {
        What::IdNumber => WHAT_ID_NUMBER,
        What::Phone => WHAT_PHONE,
        What::ExportFullIds => WHAT_EXPORT_FULL_IDS,
        What::BankFile => WHAT_BANK_FILE,
    }
}

/// What a column of a logged row is called on screen and in the audit export; none for a
/// column without a name of its own (shown as stored).
pub fn field_label(field: &str) -> Option<Text> {
    let (zh, en) = match field {
        "id" => ("编号", "Row"),
        "name" => ("姓名/名称", "Name"),
        "name_zh" => ("中文名称", "Chinese name"),
        "name_en" => ("英文名称", "English name"),
        "short_name" => ("简称", "Short name"),
        "code" => ("区划代码", "Division code"),
        "level" => ("层级", "Level"),
        "parent_id" => ("上级", "Parent"),
        "id_number" => ("身份证号", "ID number"),
        "sex" => ("性别", "Sex"),
        "birth_date" => ("出生日期", "Date of birth"),
        "phone" => ("电话", "Phone"),
        "address" => ("住址", "Address"),
        "region_id" => ("所在村（社区）", "Village or community"),
        "categories" => ("困难类别", "Hardship categories"),
        "notes" => ("备注", "Notes"),
        "created_at" => ("创建时间", "Created"),
        "updated_at" => ("修改时间", "Changed"),
        "deleted_at" => ("移入回收站时间", "Moved to the trash"),
        "key" => ("设置项", "Setting"),
        "value" => ("值", "Value"),
        "title" => ("岗位名称", "Post title"),
        "category" => ("类别", "Category"),
        "area" => ("城镇/乡村", "Urban or rural"),
        "host_unit" => ("用工单位", "Host unit"),
        "headcount" => ("岗位数", "Places"),
        "monthly_hours_tenths" => ("每月工时（0.1 小时）", "Hours a month (tenths)"),
        "min_hours_tenths" => ("最少工时（0.1 小时）", "Fewest hours (tenths)"),
        "max_hours_tenths" => ("最多工时（0.1 小时）", "Most hours (tenths)"),
        "funded_from" => ("资金起始", "Funded from"),
        "funded_to" => ("资金截止", "Funded to"),
        "status" => ("状态", "Status"),
        "closed_on" => ("关闭日期", "Closed on"),
        "person_id" => ("人员编号", "Person"),
        "post_id" => ("岗位编号", "Post"),
        "placement_id" => ("安置编号", "Placement"),
        "training_id" => ("培训编号", "Training"),
        "course" => ("培训课程", "Course"),
        "trained_on" => ("培训日期", "Trained on"),
        "hours" => ("学时", "Hours"),
        "passed" => ("考核合格", "Passed"),
        "start_date" => ("上岗日期", "First day in post"),
        "agreement_end" => ("协议截止", "Agreement ends"),
        "exit_date" => ("退岗日期", "Last day in post"),
        "exit_reason" => ("退岗原因", "Exit reason"),
        "exit_note" => ("退岗说明", "Exit note"),
        "accident_insurance" => ("意外伤害保险", "Accident insurance"),
        "month" => ("月份", "Month"),
        "days_worked" => ("出勤天数", "Days worked"),
        "leave_days" => ("请假天数", "Days of leave"),
        "hours_tenths" => ("工时（0.1 小时）", "Hours (tenths)"),
        "amount_fen" => ("金额（分）", "Amount (fen)"),
        "total_fen" => ("合计（分）", "Total (fen)"),
        "corrects_month" => ("更正月份", "Corrects month"),
        "reason" => ("理由", "Reason"),
        "approved_at" => ("审核时间", "Approved at"),
        "approved_by" => ("审核人", "Approved by"),
        "computed_at" => ("计算时间", "Computed at"),
        "fingerprint" => ("封存指纹", "Seal fingerprint"),
        "line_count" => ("行数", "Lines"),
        "effective_from" => ("生效日期", "In force from"),
        "monthly_fen" => ("月最低工资（分）", "Monthly minimum wage (fen)"),
        "hourly_fen" => ("小时最低工资（分）", "Hourly minimum wage (fen)"),
        "verified" => ("已核实", "Checked"),
        "source" => ("依据", "Source"),
        "bank" => ("开户银行", "Bank"),
        "account_no" => ("账号", "Account number"),
        "holder_name" => ("户名", "Account holder"),
        "chosen_on" => ("拟安置日期", "Chosen on"),
        "day" => ("日期", "Date"),
        "kind" => ("类型", "Kind"),
        "accepted_by" => ("接受人", "Accepted by"),
        "accepted_at" => ("接受时间", "Accepted at"),
        "insurer" => ("保险公司", "Insurer"),
        "policy_no" => ("保单号", "Policy number"),
        "premium_fen" => ("保费（分）", "Premium (fen)"),
        "covers_from" => ("保障起始", "Covers from"),
        "covers_to" => ("保障截止", "Covers to"),
        "display_name" => ("显示名", "Display name"),
        "disabled" => ("已停用", "Disabled"),
        "role" => ("角色", "Role"),
        "street_id" => ("限定街道", "Street"),
        "account_id" => ("账号编号", "Account"),
        "password_changed_at" => ("密码修改时间", "Password changed"),
        "password_changed_by" => ("密码修改人", "Password changed by"),
        _ => return None,
    };
    Some(Text { zh, en })
}

/// A column's name in `lang`, or the column as stored when it has none.
pub fn field_name(field: &str, lang: crate::i18n::Lang) -> String {
    field_label(field).map_or_else(|| field.to_string(), |t| lang.t(t).to_string())
}

/// Several columns' names in `lang`, joined for a cell.
pub fn field_names(fields: &[String], lang: crate::i18n::Lang) -> String {
    let names: Vec<String> = fields.iter().map(|f| field_name(f, lang)).collect();
    names.join(if lang == crate::i18n::Lang::Zh {
        "、"
    } else {
        ", "
    })
}
