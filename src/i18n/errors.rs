//! What went wrong, worded for a clerk: files, the database, rules of the data.

crate::i18n::texts! {
    // Opening files
    fn err_not_sqlite(path) => "{path} 不是民生台账的数据库（不是 SQLite 文件）。文件未作任何改动。", "{path} is not a Minsheng Ledger database (not a SQLite file). The file was left untouched.";
    fn err_not_ours(path) => "{path} 是其他程序的数据库，不是民生台账的。文件未作任何改动。", "{path} is another program's database, not Minsheng Ledger's. The file was left untouched.";
    fn err_newer(path, found, known) => "{path} 由更新版本的民生台账写入（数据版本 {found}，本程序支持到 {known}）。请升级程序。文件未作任何改动。", "{path} was written by a newer Minsheng Ledger (schema {found}, this program knows up to {known}). Please update the program. The file was left untouched.";
    fn err_other(detail) => "操作失败：{detail}", "The operation failed: {detail}";
    // Regions
    const REGION_NOT_EMPTY => "该地区下还有下级或人员，不能删除。", "This place still has places or people under it and can not be deleted.";
    const DUPLICATE_REGION_CODE => "区划代码已存在。", "This division code already exists.";
}
