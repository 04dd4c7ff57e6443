//! The audit: access records, revealing personal data one person at a time, the audit tab
//! and who made an export.

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
