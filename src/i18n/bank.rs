//! Paying through the bank, the notice before placement and the working-day calendar.

crate::i18n::texts! {
    // The command line
    const USAGE_BANK_FILE => "用法：minsheng export bank-file --db 路径 --month YYYY-MM --out 文件.xlsx|文件.csv --reason 事由 [--accept-holder-mismatch]
导出已审核月份的银行代发文件，每人一行，账号完整（交银行用）。按文件扩展名写 Excel 或 CSV（UTF-8 带 BOM）。
必须用 --reason 说明导出事由，事由和导出人记入查阅记录。
有人没有银行账户时不生成文件；户名与本人姓名不符时也不生成，核对无误后加 --accept-holder-mismatch。", "usage: minsheng export bank-file --db PATH --month YYYY-MM --out FILE.xlsx|FILE.csv --reason TEXT [--accept-holder-mismatch]
Exports an approved month's bank file, one line per person, with full account numbers (it
goes to the bank): Excel or CSV (UTF-8 with a BOM) by the file's extension. No file is made
while someone to be paid has no account, nor while an account is held in another name than
the person's, unless --accept-holder-mismatch says they were checked. --reason is required:
the reason and who exported are kept in the access records.";
    const CANDIDATES_NO_PERIOD => "--candidates 不与 --from/--to 同用", "--candidates takes no --from or --to";
    // The change log's names of the tables
    const TABLE_BANK_ACCOUNTS => "银行账户", "Bank accounts";
    const TABLE_NOTICE_CANDIDATES => "拟安置人员", "Candidates for placement";
    const TABLE_CALENDAR_DAYS => "节假日与调休", "Holidays and worked weekends";
    // Rules
    const ACCOUNT_INVALID => "银行账户需填写开户行、户名和 12～30 位数字的账号。", "A bank account needs the bank, the holder's name and a number of 12 to 30 digits.";
    const LUHN_WARNING => "注意：该账号未通过卡号校验位（Luhn）检查，请与存折或银行卡核对。部分银行账号不带校验位，核对无误可照常保存。", "Note: this number fails the card check digit (Luhn). Compare it with the card or passbook; some banks' numbers carry no check digit, so a checked number can be kept.";
    const CALENDAR_DAY_INCOMPLETE => "请填写日期和名称（如“国庆节”“国庆节调休”）。", "Give the date and a name (e.g. National Day, National Day make-up day).";
    fn calendar_year_missing(year) => "工作日历中还没有 {year} 年的节假日安排，请在设置中按国务院通知录入后再生成公示。", "The calendar has no holidays for {year} yet: enter them in Settings from the State Council's notice, then make the notice.";
    // The bank file
    fn bank_problems(missing, mismatches) => "不能生成银行代发文件：{missing} 人没有银行账户，{mismatches} 个账户户名与本人姓名不符。请先补录或核对。", "The bank file can not be made: {missing} people have no bank account and {mismatches} accounts are held in another name. Add or check them first.";
    fn bank_missing_accounts(missing) => "不能生成银行代发文件：{missing} 人没有银行账户，请先补录。", "The bank file can not be made: {missing} people to be paid have no bank account. Add their accounts first.";
    fn bank_holder_mismatches(mismatches) => "不能生成银行代发文件：{mismatches} 个账户户名与本人姓名不符。核对无误后请勾选确认（命令行加 --accept-holder-mismatch）。", "The bank file can not be made: {mismatches} accounts are held in another name than the person's. Once checked, confirm it (on the command line, --accept-holder-mismatch).";
    fn nothing_to_pay(month) => "{month} 没有应发给个人的金额。", "Nobody is paid anything in {month}.";
    fn bank_remark(month) => "{month}公益性岗位补贴", "Public-welfare post subsidy {month}";
    const COL_AMOUNT => "金额（元）", "Amount (yuan)";
    const BANK_FILE => "银行代发文件", "Bank file";
    const BANK_FILE_BUTTON => "银行代发文件…", "Bank file…";
    fn bank_file_title(month) => "{month} 银行代发文件（代发工资）", "Bank file (payroll) for {month}";
    const BANK_FULL_NUMBERS => "银行文件中的账号为完整账号（交银行代发用），请妥善保管文件；屏幕上的账号已遮盖。", "The bank file carries full account numbers (it goes to the bank): keep it safe. On screen the numbers are masked.";
    const BANK_AMOUNT_RULE => "每人一行：当月各岗位补贴与调整之和，不含社保补贴（社保补贴付给用人单位或社保基金）。", "One line per person: the month's post subsidy and adjustments, without the social-insurance subsidy (paid to the host unit or the fund).";
    fn bank_summary(lines, total) => "发放 {lines} 人，合计 {total} 元", "{lines} people paid, {total} yuan in all";
    const MISSING_ACCOUNTS => "没有银行账户（须先补录，否则不能生成文件）：", "No bank account (add one first; the file can not be made without):";
    const HOLDER_MISMATCHES => "户名与本人姓名不符：", "Account held in another name:";
    const LEFT_OUT => "金额为零或负数，不列入文件：", "Zero or negative, left out of the file:";
    fn holder_mismatch(name, holder) => "{name}：户名为“{holder}”", "{name}: the account is held by “{holder}”";
    const ACCEPT_MISMATCHES => "已核对上述户名不符的账户，照常发放", "I have checked the accounts held in another name; pay them";
    const EXPORT_BANK_XLSX => "导出 Excel", "Export Excel";
    const EXPORT_BANK_CSV => "导出 CSV", "Export CSV";
    const CSV_HINT => "CSV 为 UTF-8 编码（带 BOM）。在 Excel 中打开 CSV 只用于查看，不要另存，否则长账号会被改成科学计数法。", "The CSV is UTF-8 with a BOM. Open it in Excel only to look: saving it from Excel turns long account numbers into scientific notation.";
    const EXPORT_BANK_TO => "银行代发文件保存到", "Save the bank file to";
    const CLOSE => "关闭", "Close";
    // The bank account on the person form
    const ACCOUNT_HEADING => "银行账户（补贴代发）", "Bank account (for paying subsidies)";
    const FIELD_BANK => "开户行", "Bank";
    const FIELD_ACCOUNT_NO => "账号", "Account number";
    const FIELD_HOLDER => "户名", "Account holder";
    const ACCOUNT_SAVED => "银行账户已保存。", "Bank account saved.";
    const ACCOUNT_REMOVED => "银行账户已删除。", "Bank account removed.";
    const REMOVE_ACCOUNT => "删除账户", "Remove account";
    const SAVE_ACCOUNT => "保存账户", "Save account";
    fn holder_differs(holder, name) => "户名“{holder}”与本人姓名“{name}”不同；发放时会作为问题列出。", "The holder “{holder}” is not “{name}”: the bank file will list it as a problem.";
    // The notice
    const CANDIDATES_TITLE => "钢城区城乡公益性岗位拟安置人员公示", "Public notice: people proposed for public-welfare posts, Gangcheng District";
    fn candidates_subtitle(count) => "拟安置 {count} 人", "{count} people proposed";
    const COL_CHOSEN_ON => "确定日期", "Chosen on";
    fn notice_period(first, last, days) => "；公示期 {first} 至 {last}（{days} 个工作日）", "; on notice from {first} to {last} ({days} working days)";
    fn notice_footer(first, last, phone) => "公示期自 {first} 至 {last}。如有异议，请在公示期内向区人力资源和社会保障局反映，联系电话：{phone}。", "On notice from {first} to {last}. Objections to the district human-resources bureau within that time, phone {phone}.";
    const NO_OBJECTION_PHONE => "请先在设置中填写受理异议的联系电话，公示须写明。", "Set the phone for objections in Settings first: a notice must give it.";
    const NO_CANDIDATES => "还没有标记拟安置人员。请在公示页从人员中选取。", "Nobody is marked as proposed for placement yet: pick them on the notice page.";
    const NOTICE_PLACED => "上岗人员公示", "Notice of people placed";
    const NOTICE_CANDIDATES => "拟安置人员公示（上岗前）", "Notice of people proposed (before placement)";
    const CANDIDATES => "拟安置人员", "People proposed";
    const FIND_PERSON => "按姓名或身份证号查找", "Find by name or ID number";
    const ADD_CANDIDATE => "加入拟安置", "Propose";
    const REMOVE_CANDIDATE => "移出", "Remove";
    const NO_CANDIDATES_YET => "暂无拟安置人员。", "Nobody proposed yet.";
    fn notice_dates(first, last, days) => "今天生成的公示：公示期 {first} 至 {last}（{days} 个工作日，按工作日历计算）。", "A notice made today stands from {first} to {last} ({days} working days, on the working-day calendar).";
    // Settings
    const BANK_SETTINGS => "银行代发与公示", "Bank file and public notice";
    const MASK_ACCOUNT_PATTERN => "银行账号遮盖", "Bank account mask";
    const BANK_COLUMNS => "银行文件列名（逗号分隔，6 列）", "Bank file column titles (6, comma-separated)";
    const BANK_COLUMNS_HINT => "依次为：序号、姓名、账号、金额、开户行、备注。按代发银行的模板改名。", "In order: index, name, account number, amount, bank, remark. Rename them to the bank's template.";
    const OBJECTION_PHONE => "受理异议电话", "Phone for objections";
    const NOTICE_DAYS => "公示期（工作日）", "Notice period (working days)";
    const BANK_SETTINGS_INVALID => "遮盖格式应如 4+4，列名须为 6 个且不为空，公示期为 1～30 个工作日。", "The mask looks like 4+4, the column titles are 6 non-empty names, the notice period 1 to 30 working days.";
    const CALENDAR => "工作日历（法定节假日与调休上班）", "Working-day calendar (public holidays and worked weekends)";
    const CALENDAR_HINT => "每年按国务院办公厅节假日安排通知录入。随程序附带的数据标为“待核对”，核对后请勾选。某年没有任何记录时，不能按工作日计算该年的期限。", "Enter each year from the State Council's notice on holidays. Rows shipped with the program are marked “to check”: tick them once checked. Working days can not be counted in a year with no rows.";
    const DAY_HOLIDAY => "放假", "Holiday";
    const DAY_WORKDAY => "调休上班", "Worked weekend";
    const COL_DAY => "日期", "Date";
    const COL_KIND => "类型", "Kind";
    const COL_DAY_NAME => "名称", "Name";
    const COL_VERIFIED => "已核对", "Checked";
    const TO_CHECK => "待核对", "to check";
    const ADD_DAY => "添加/修改", "Add or change";
    const BAD_DAY => "日期应写成 YYYY-MM-DD。", "Dates are written YYYY-MM-DD.";
}
