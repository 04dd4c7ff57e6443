//! Import from the office's own spreadsheets: the window, the preview's reasons, the
//! command line's counts.

crate::i18n::texts! {
    const START_HINT => "选择要导入的内容，再选择单位自己的 Excel（.xlsx/.xls）或 CSV 文件并点“读取”：写入之前会逐行预览结果和原因。也可以先“保存空白模板…”照着填写。", "Choose what to import, then the office's own Excel (.xlsx/.xls) or CSV file, and press Read: every row's outcome and reason is previewed before anything is written. Or save an empty template to fill in first (Save an empty template…).";
    // The window
    const TITLE => "导入表格", "Import a spreadsheet";
    const MENU_IMPORT => "导入表格…", "Import a spreadsheet…";
    const FILE => "文件", "File";
    const CHOOSE_FILE => "选择文件…", "Choose a file…";
    const READ_FILE => "读取", "Read";
    const READING => "正在读取和检查…", "Reading and checking…";
    const SHEET => "工作表", "Sheet";
    const ENCODING => "编码", "Encoding";
    const KIND => "导入内容", "What to import";
    const POLICY => "身份证号重复时", "When the ID number exists";
    const MODE => "方式", "Mode";
    const MAPPING => "列对应", "Columns";
    const NOT_MAPPED => "（不导入）", "(not imported)";
    const PREVIEW => "预览", "Preview";
    const IMPORT => "导入", "Import";
    const UNDO_BATCH => "撤销这次导入", "Undo this import";
    const RECENT_IMPORTS => "最近的导入", "Recent imports";
    const UNDO => "撤销", "Undo";
    const UNDONE_MARK => "（已撤销）", "(undone)";
    const SAVE_ERRORS => "保存错误表…", "Save the error workbook…";
    const SAVE_TEMPLATE => "保存空白模板…", "Save an empty template…";
    const COL_ROW => "行", "Row";
    const COL_OUTCOME => "结果", "Outcome";
    const COL_WHO => "内容", "Record";
    const COL_REASONS => "原因", "Reasons";
    const ERROR_COLUMN => "错误原因", "Reason refused";
    const JOB_IMPORT => "正在导入", "Importing";
    const CREATE_POSTS => "同时新建这些岗位", "Create these posts as well";
    // Kinds
    const KIND_PEOPLE => "人员", "People";
    const KIND_POSTS => "公益性岗位", "Public-welfare posts";
    const KIND_ROSTER => "上岗人员花名册", "Placement roster";
    // Policies and modes
    const POLICY_SKIP => "跳过", "Skip";
    const POLICY_FILL => "只补空白项", "Fill empty fields only";
    const POLICY_UPDATE => "更新", "Update";
    const POLICY_STOP => "停止（算作错误）", "Stop (refuse the row)";
    const MODE_ALL => "全部成功才导入", "All or nothing";
    const MODE_GOOD => "导入正确的行，另存错误表", "Import the good rows, save the errors";
    // Outcomes
    const CREATE => "新增", "Create";
    const UPDATE => "更新", "Update";
    const SKIP => "跳过", "Skip";
    const REFUSE => "拒绝", "Refuse";
    // Ignored rows
    const IGNORED_BLANK => "空行", "blank row";
    const IGNORED_TOTALS => "合计行", "totals row";
    const IGNORED_NOTES => "签字或备注行", "signature or notes row";
    fn ignored_row(row, why) => "第 {row} 行未导入：{why}。", "Row {row} not imported: {why}.";
    fn header_found(row) => "表头在第 {row} 行。", "The header is on row {row}.";
    fn counts(created, updated, skipped, refused) => "新增 {created}，更新 {updated}，跳过 {skipped}，拒绝 {refused}。", "Created {created}, updated {updated}, skipped {skipped}, refused {refused}.";
    fn imported(created, updated, skipped, refused) => "已导入：新增 {created}，更新 {updated}，跳过 {skipped}，拒绝 {refused}。", "Imported: created {created}, updated {updated}, skipped {skipped}, refused {refused}.";
    fn undone(rows) => "已撤销这次导入（{rows} 条记录）。", "The import was undone ({rows} records).";
    fn undo_blocked(rows) => "这次导入不能撤销：以下记录在导入后又被修改过：{rows}。", "This import can not be undone: these records were changed after it: {rows}.";
    const ALREADY_UNDONE => "这次导入已经撤销过了。", "This import was undone already.";
    // Reasons at a cell
    fn at_cell(column, why) => "【{column}】列：{why}", "[{column}] {why}";
    const REQUIRED => "必填，但为空。", "Required, but empty.";
    fn id_stored_as_number(shown) => "身份证号被 Excel 存成了数字（{shown}），后几位已经丢失，无法还原。请把该列设为文本后重新填写。", "Excel stored this ID number as a number ({shown}): its last digits are lost and can not be recovered. Format the column as text and enter it again.";
    fn bad_date(text) => "“{text}”不是可识别的日期（如 2026-06-01、2026/6/1、2026年6月1日、20260601）。", "“{text}” is not a date this import reads (e.g. 2026-06-01, 2026/6/1, 20260601, or with year, month and day characters).";
    fn impossible_date(text) => "“{text}”不是存在的日期。", "“{text}” is not a real date.";
    fn doubtful_phone(text) => "电话“{text}”位数不对，未导入该电话（手机11位，座机要带区号）。", "The phone “{text}” has too few or too many digits and was left out (mobiles have 11 digits, landlines need the area code).";
    fn sex_contradicts(stated, from_id) => "性别填的是“{stated}”，身份证号表明是“{from_id}”；以身份证号为准。", "The sex given is “{stated}” but the ID number says “{from_id}”; the ID number is kept.";
    fn unknown_place(text, near) => "找不到地区“{text}”，最接近的是：{near}。地区不会自动新建。", "No place is called “{text}”; the nearest are: {near}. Places are never created by an import.";
    fn ambiguous_place(text, which) => "“{text}”对应多个地区：{which}。请同时填写街道。", "“{text}” names several places: {which}. Give the street as well.";
    const NOT_A_VILLAGE => "这里要填村或社区，不是街道。", "This needs a village or community, not a street.";
    fn unknown_category(text, known) => "不认识的类别“{text}”，可用的有：{known}。", "Unknown category “{text}”; the known ones are: {known}.";
    fn bad_amount(text) => "“{text}”不是金额。", "“{text}” is not an amount.";
    fn bad_number(text) => "“{text}”不是正整数。", "“{text}” is not a whole number above zero.";
    fn duplicate_in_file(row) => "与第 {row} 行的身份证号相同。", "The same ID number as row {row}.";
    fn already_registered(name) => "已登记为 {name}。", "Already registered as {name}.";
    fn already_registered_stop(name) => "已登记为 {name}（按“停止”处理）。", "Already registered as {name} (the policy is to stop).";
    const NOTHING_TO_FILL => "已登记，没有空白项可补。", "Already registered, with no empty field to fill.";
    const NOTHING_CHANGES => "已登记，内容相同。", "Already registered, with the same fields.";
    fn name_differs(file, ledger) => "姓名“{file}”与台账中的“{ledger}”不同。", "The name “{file}” differs from “{ledger}” in the ledger.";
    fn unknown_post_category(text) => "不认识的岗位类别“{text}”（公共管理、公共服务、社会事业、设施维护、社会治理）。", "Unknown post category “{text}” (public management, public service, social undertakings, facility maintenance, social governance).";
    fn unknown_area(text) => "“{text}”应为城镇或乡村。", "“{text}” should be urban or rural.";
    fn post_exists(title) => "岗位“{title}”已存在。", "The post “{title}” exists already.";
    fn new_post(title, place) => "岗位“{title}”（{place}）还不存在：同意新建后才导入这一行。", "The post “{title}” ({place}) does not exist yet: this row is imported only if you agree to create it.";
    fn post_will_be_created(title, place) => "将新建岗位“{title}”（{place}）。", "The post “{title}” ({place}) will be created.";
    const TRAINING_NOT_IN_FILE => "花名册中没有培训记录：培训标为“源文件未载”，请补录。", "The roster carries no training: the training is marked “not in the source file”; add it later.";
    fn person_not_in_file_or_ledger(name) => "{name} 未登记，且本行缺少登记所需的村居。", "{name} is not registered, and this row lacks the village needed to register them.";
    fn store_refused(why) => "保存时被拒绝：{why}", "Refused when saving: {why}";
    // Errors of the whole import
    fn unreadable(why) => "无法读取这个文件：{why}", "The file can not be read: {why}";
    const NO_SHEETS => "文件中没有工作表。", "The file has no sheet.";
    const NO_HEADER => "找不到表头行。", "No header row was found.";
    fn missing_columns(names) => "缺少必需的列：{names}。请在“列对应”中指定。", "Required columns are missing: {names}. Choose them under Columns.";
    fn refused_rows(count) => "有 {count} 行被拒绝，按“全部成功才导入”的方式，什么也没有写入。", "{count} rows were refused; in all-or-nothing mode nothing was written.";
    fn row_failed(row, why) => "第 {row} 行保存失败，什么也没有写入：{why}", "Row {row} could not be saved, so nothing was written: {why}";
    fn write_failed(why) => "无法写入文件：{why}", "The file could not be written: {why}";
    fn unknown_kind(kind) => "未知的导入内容“{kind}”（可用：people、posts、roster）。", "Unknown kind “{kind}” (people, posts, roster).";
    // The command line
    const USAGE_IMPORT => "用法：minsheng import 内容 --db 路径 --file 文件 [--sheet 工作表] [--encoding utf-8|gbk]
        [--policy skip|fill|update|stop] [--mode all-or-nothing|good-rows] [--dry-run] [--errors 文件.xlsx]
内容：people（人员）、posts（公益性岗位）、roster（上岗人员花名册）。
读取 .xlsx/.xls/.csv（UTF-8 或 GBK），自动找到表头和各列，逐行检查后导入，打印新增、更新、跳过、拒绝的行数。
--policy：身份证号已登记时跳过（默认）、只补空白项、更新，或停止（算作错误）。
--mode：all-or-nothing（默认）有任何一行被拒绝就什么也不写入；good-rows 只导入正确的行。
--dry-run 只检查不写入；--errors 把被拒绝的行原样写入 Excel，并加“错误原因”列。
按 all-or-nothing 方式有行被拒绝时，退出码不为 0。一次导入是一批修改，可在窗口中整批撤销。", "usage: minsheng import KIND --db PATH --file FILE [--sheet NAME] [--encoding utf-8|gbk]
        [--policy skip|fill|update|stop] [--mode all-or-nothing|good-rows] [--dry-run] [--errors FILE.xlsx]
KIND: people, posts, or roster (people on posts).
Reads .xlsx/.xls/.csv (UTF-8 or GBK), finds the header and the columns, checks every row, imports,
and prints how many rows were created, updated, skipped and refused.
--policy: when the ID number is registered, skip (default), fill empty fields only, update, or stop.
--mode: all-or-nothing (default) writes nothing if any row is refused; good-rows imports the good ones.
--dry-run checks without writing; --errors writes the refused rows as they were, with a reason column.
Exits non-zero when rows were refused in all-or-nothing mode. An import is one batch, undone as a
whole from the window.";
    fn refused_row(row, why) => "第 {row} 行：{why}", "Row {row}: {why}";
    fn batch_written(id) => "导入批次 {id}。", "Import batch {id}.";
    fn errors_written(count, path) => "被拒绝的 {count} 行已写入 {path}。", "The {count} refused rows were written to {path}.";
    const DRY_RUN => "只检查，未写入任何内容。", "Checked only; nothing was written.";
    fn bad_option(name, value) => "{name} 的值“{value}”不对。", "“{value}” is not a value of {name}.";
    // Template notes
    const NOTE_NAME => "与身份证一致", "As on the ID card";
    const NOTE_ID => "18位，文本格式；旧的15位会自动升级", "18 characters, as text; old 15-digit numbers are upgraded";
    const NOTE_SEX => "男或女，可不填（以身份证号为准）", "male or female, optional (the ID number decides)";
    const NOTE_PHONE => "手机11位，或带区号的座机", "11-digit mobile, or landline with area code";
    const NOTE_STREET => "如：汶源街道，可不填", "e.g. Wenyuan street; optional";
    const NOTE_VILLAGE => "村或社区的名称，如：创业社区", "Village or community, e.g. Chuangye community";
    const NOTE_ADDRESS => "家庭住址，可不填", "Home address; optional";
    const NOTE_CATEGORIES => "如：低保、特困，多个用顿号分开", "e.g. low-income, extreme poverty; several separated by commas";
    const NOTE_NOTES => "可不填", "Optional";
    const NOTE_POST_TITLE => "岗位名称，如：保洁员", "Post title, e.g. cleaner";
    const NOTE_POST_CATEGORY => "公共管理、公共服务、社会事业、设施维护或社会治理", "public management, public service, social undertakings, facility maintenance or social governance";
    const NOTE_AREA => "城镇或乡村", "urban or rural";
    const NOTE_HOST => "用工单位全称", "Host unit's full name";
    const NOTE_HEADCOUNT => "岗位人数，正整数", "Places on the post, a whole number";
    const NOTE_DATE => "日期，如 2026-06-01", "A date, e.g. 2026-06-01";
    const NOTE_HOURS => "乡村岗位每月工时，可不填", "Rural posts: hours a month; optional";
    // Field names
    const F_NAME => "姓名", "Name";
    const F_ID => "身份证号", "ID number";
    const F_SEX => "性别", "Sex";
    const F_PHONE => "联系电话", "Phone";
    const F_STREET => "所属街道", "Street";
    const F_VILLAGE => "村居", "Village/community";
    const F_ADDRESS => "住址", "Address";
    const F_CATEGORIES => "困难类别", "Hardship categories";
    const F_NOTES => "备注", "Notes";
    const F_POST_TITLE => "岗位名称", "Post";
    const F_POST_CATEGORY => "岗位类别", "Post category";
    const F_AREA => "城乡类别", "Urban or rural";
    const F_HOST => "用工单位", "Host unit";
    const F_HEADCOUNT => "岗位人数", "Headcount";
    const F_FUNDED_FROM => "资金起始日期", "Funded from";
    const F_FUNDED_TO => "资金截止日期", "Funded to";
    const F_HOURS => "每月工时", "Hours a month";
    const F_START => "上岗时间", "Start date";
    const F_AGREEMENT_END => "协议截止日期", "Agreement ends";
    const F_INSURANCE => "意外伤害保险", "Accident insurance";
}

/// The name of why a row was left out.
pub fn ignored(why: crate::import::layout::Ignored) -> crate::i18n::Text {
    use crate::import::layout::Ignored;
    match why {
        Ignored::Blank => IGNORED_BLANK,
        Ignored::Totals => IGNORED_TOTALS,
        Ignored::Notes => IGNORED_NOTES,
    }
}
