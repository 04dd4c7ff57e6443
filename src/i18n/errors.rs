//! What went wrong, worded for a clerk: files, the database, jobs. Rules of one area's data
//! are worded in that area's texts.

crate::i18n::texts! {
    // Opening files
    fn not_sqlite(path) => "{path} 不是民生台账的数据库（不是 SQLite 文件）。文件未作任何改动。", "{path} is not a Minsheng Ledger database (not a SQLite file). The file was left untouched.";
    fn not_ours(path) => "{path} 是其他程序的数据库，不是民生台账的。文件未作任何改动。", "{path} is another program's database, not Minsheng Ledger's. The file was left untouched.";
    fn newer_version(path, found, known) => "{path} 由更新版本的民生台账写入（数据版本 {found}，本程序支持到 {known}）。请升级程序。文件未作任何改动。", "{path} was written by a newer Minsheng Ledger (schema {found}, this program knows up to {known}). Please update the program. The file was left untouched.";
    fn encrypted(path) => "{path} 是加密的台账，请输入它的口令。", "{path} is an encrypted ledger; enter its passphrase.";
    fn wrong_passphrase(path) => "口令不对，{path} 没有打开，文件未作任何改动。请重新输入。", "The passphrase is wrong: {path} was not opened and was left untouched. Try again.";
    fn passphrase_too_short(min) => "口令太短，至少需要 {min} 个字符。", "The passphrase is too short: it needs at least {min} characters.";
    fn same_file(path) => "加密副本不能写在台账本身（{path}）上，请换一个文件名。", "The encrypted copy can not be written over the ledger itself ({path}); choose another file name.";
    const FILE_NOT_FOUND => "找不到这个文件或它所在的文件夹。", "The file, or the folder it should be in, does not exist.";
    const IS_A_FOLDER => "这是一个文件夹，不是文件。请在后面加上文件名。", "That is a folder, not a file: add a file name to the path.";
    const NO_PERMISSION => "没有权限读写这个位置。请换一个文件夹，或请管理员开通权限。", "You have no permission to read or write there: choose another folder or ask the administrator.";
    const DISK_FULL => "磁盘已满，未保存任何内容。请腾出空间后重试。", "The disk is full; nothing was saved. Free some space and try again.";
    const FILE_EXISTS => "文件已存在，请换一个名称。", "That file already exists; choose another name.";
    fn file_error(kind) => "读写文件出错（{kind}），未保存任何内容。", "Reading or writing the file failed ({kind}); nothing was saved.";
    // The database
    const READ_ONLY => "这个文件是只读的，不能保存修改。可以另存副本后在副本上工作。", "This file is read-only; changes can not be saved. Save a copy and work on the copy.";
    const LOCKED => "文件正被其他程序或另一个窗口占用，请稍后再试。", "The file is busy in another program or window; try again in a moment.";
    const CORRUPT => "文件已损坏或不是完整的数据库，未作任何改动。请用备份恢复。", "The file is damaged or not a whole database; it was left untouched. Restore it from a backup.";
    const CANNOT_OPEN => "无法打开这个文件：文件夹不存在，或没有权限。", "The file can not be opened: the folder does not exist, or you have no permission.";
    const LOCKED_BY_APPROVAL => "这个月的补贴表已审核锁定，数据不能再改。更正请在以后月份做调整。", "This month's sheet is approved and locked; its data can not change. Correct it with an adjustment in a later month.";
    const LOG_APPEND_ONLY => "修改记录只能追加，不能更改或删除。", "The change log can only grow; its entries can not be changed or removed.";
    const CONSTRAINT => "数据不符合规则，未保存。详情已写入日志。", "The data breaks a rule of the ledger and was not saved. The details are in the log file.";
    fn database_error(kind) => "数据库出错（{kind}），未保存任何内容。详情已写入日志。", "The database reported an error ({kind}); nothing was saved. The details are in the log file.";
    fn unknown_value(column, value) => "文件中有本程序不认识的值（{column}：“{value}”），可能由其他程序或手工改动写入。", "The file holds a value this program does not know ({column}: “{value}”); another program or a hand edit may have written it.";
    const NOT_FOUND => "要找的记录不存在，可能已被删除。", "The record does not exist; it may have been deleted.";
    const LOG_ENTRY_BROKEN => "修改记录无法写入，未保存任何内容。", "The change-log entry could not be written; nothing was saved.";
    const CATEGORY_NAMES_REQUIRED => "请填写类别的中文和英文名称。", "Enter the category's Chinese and English names.";
    const READER_STOPPED => "读取数据的后台线程已停止，请重新打开文件。", "The thread that reads the data has stopped; open the file again.";
    // Jobs
    const CANCELLED => "已取消，未写入任何内容。", "Cancelled; nothing was written.";
    const JOB_CRASHED => "后台任务意外中止，未写入任何内容。详情已写入日志。", "The background job stopped unexpectedly; nothing was written. The details are in the log file.";
    const DATABASE_NOT_EMPTY => "数据库中已有数据，演示数据只能载入空数据库。", "The database already holds data; demonstration data only goes into an empty one.";
    // Reports
    const REPORT_FAILED => "报表文件无法生成，详情已写入日志。", "The report file could not be made; the details are in the log file.";
    fn wrong_extension(expected) => "文件名应以 .{expected} 结尾。", "The file name must end in .{expected}.";
    // Files, as the store finds them
    const FOLDER_MISSING => "文件夹不存在（或路径中有一段不是文件夹）。", "The folder does not exist (or part of the path is not a folder).";
    const FOLDER_READ_ONLY => "不能在这个文件夹里新建文件（只读的盘或没有权限）。", "A new file can not be saved in this folder (a read-only disk, or no permission).";
    const DISK_ERROR => "读写磁盘出错（U 盘被拔出、磁盘故障或网络盘断开）。", "The disk reported an error (a removed USB stick, a failing disk, or a lost network share).";
    fn read_only_needs_upgrade(path) => "{path} 是只读的，而且由旧版本写入，需要升级后才能使用。请把它复制到可以保存文件的文件夹，再打开副本。", "{path} can only be read and was written by an older version, so it can not be upgraded. Copy it to a folder where you can save files and open the copy.";
    fn upgrade_refused(version) => "升级到数据版本 {version} 会留下无效的关联数据，已停止升级，文件未作任何改动。详情已写入日志。", "Upgrading to schema {version} would leave rows pointing at missing rows; the upgrade stopped and the file is unchanged. The details are in the log file.";
}
