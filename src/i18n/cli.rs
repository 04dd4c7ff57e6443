//! The command line: usage, and what each command says when it is done or refused.

crate::i18n::texts! {
    const USAGE => "用法：
  minsheng [--db 路径] [--lang zh|en]     打开窗口（默认打开数据文件夹中的数据库）
  minsheng demo 路径 [--scale N]          在新文件中生成演示数据（约 N×1000 人）
  minsheng export subsidy-sheet --db 路径 --month YYYY-MM --out 文件.xlsx [--full-ids]
                                          导出已审核月份的补贴发放表（给银行）
  minsheng export bank-file --db 路径 --month YYYY-MM --out 文件.xlsx|文件.csv
                                          导出已审核月份的银行代发文件（完整账号）
  minsheng export notice --db 路径 --from YYYY-MM-DD --to YYYY-MM-DD --out 文件.pdf
                                          导出该期间上岗人员的公示（身份证号遮盖）
  minsheng export notice --db 路径 --candidates --out 文件.pdf
                                          导出拟安置人员公示（上岗前）
  minsheng export petitions --db 路径 --from YYYY-MM-DD --to YYYY-MM-DD --format open311|csv --out 文件
                                          导出该期间受理的诉求（Open311 JSON 或 CSV）
  minsheng export minutes --db 路径 --meeting 编号 --out 文件.pdf
                                          打印居民议事会会议纪要
  minsheng encrypt --db 路径 --out 文件.sqlite
                                          写入台账的加密副本（需设口令）
  minsheng import people|posts|roster --db 路径 --file 文件 [--policy …] [--mode …] [--dry-run]
                                          从单位自己的表格导入（见 import --help）
  minsheng export coverage --db 路径 --out 文件.xlsx
                                          导出各村居最近的医保服务点、距离及是否在服务圈内
  minsheng export guide --db 路径 [--street 街道代码] --out 文件.pdf
                                          打印各村居的医保办事指南（每村一页）
  minsheng import outline --db 路径 --file 文件.geojson --datum wgs84|gcj02
                                          导入区、街道的轮廓（GeoJSON）
  minsheng --version                      显示版本
每个命令都可加 --help 查看说明；--lang en 用英文显示信息。
台账要求登录时，打开台账的命令都要加 --user 账号（可写在命令前后）；密码取自环境变量
MINSHENG_PASSWORD，没有时在终端输入（不显示）。修改记录记在该账号名下。
打开加密的台账时，口令取自环境变量 MINSHENG_PASSPHRASE，没有则在终端上询问（不显示输入）。", "usage:
  minsheng [--db PATH] [--lang zh|en]     open the window (default: the database in your data folder)
  minsheng demo PATH [--scale N]          write demonstration data into a new file (about N × 1,000 people)
  minsheng export subsidy-sheet --db PATH --month YYYY-MM --out FILE.xlsx [--full-ids]
                                          an approved month's subsidy sheet, for the bank
  minsheng export bank-file --db PATH --month YYYY-MM --out FILE.xlsx|FILE.csv
                                          an approved month's bank file (full account numbers)
  minsheng export notice --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf
                                          the public notice of people placed in a period (IDs masked)
  minsheng export notice --db PATH --candidates --out FILE.pdf
                                          the notice of people proposed, before placement
  minsheng export petitions --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --format open311|csv --out FILE
                                          the matters received in a period (Open311 JSON or CSV)
  minsheng export minutes --db PATH --meeting ID --out FILE.pdf
                                          a residents' council meeting's minutes
  minsheng encrypt --db PATH --out FILE.sqlite
                                          write an encrypted copy of the ledger (with a passphrase)
  minsheng import people|posts|roster --db PATH --file FILE [--policy …] [--mode …] [--dry-run]
                                          import the office's own spreadsheet (see import --help)
  minsheng export coverage --db PATH --out FILE.xlsx
                                          each village's nearest service points, distances, inside the circle or not
  minsheng export guide --db PATH [--street CODE] --out FILE.pdf
                                          the medical-insurance guide (where to go), a page per village
  minsheng import outline --db PATH --file FILE.geojson --datum wgs84|gcj02
                                          import the district's and streets' outlines (GeoJSON)
  minsheng --version                      print the version
Every command takes --help; --lang zh|en chooses the language of the messages.
On a ledger that asks for a sign-in, every command that opens it needs --user NAME (before
or after the command); the password comes from MINSHENG_PASSWORD, or is asked on the
terminal without echo. Changes are logged under that account.
An encrypted ledger opens with the passphrase in the environment variable MINSHENG_PASSPHRASE,
else one asked on the terminal (not echoed).";
    const USAGE_ENCRYPT => "用法：minsheng encrypt --db 路径 --out 文件.sqlite
把台账写成一个加密的新文件（SQLCipher），没有口令就打不开、读不出；原文件不变。
新口令至少 8 个字符，取自环境变量 MINSHENG_PASSPHRASE，没有则在终端上输入两次（不显示）。
台账本身已加密时，同一个变量也是它的口令；否则先询问它的口令。已有的文件不会被覆盖。
确认副本能打开后，改用副本（minsheng --db 文件.sqlite），并删除未加密的原文件。口令忘记后无法找回。", "usage: minsheng encrypt --db PATH --out FILE.sqlite
Writes the ledger into a new, encrypted file (SQLCipher) that can not be opened or read
without the passphrase; the ledger itself is not changed. The new passphrase, 8 characters or
more, comes from the environment variable MINSHENG_PASSPHRASE, else it is typed twice on the
terminal (not echoed). If the ledger is encrypted already, the same variable is its
passphrase too; otherwise it is asked for. An existing file is never overwritten.
Once the copy opens (minsheng --db FILE.sqlite), work on it and delete the unencrypted
original. A forgotten passphrase can not be recovered.";
    const USAGE_DEMO => "用法：minsheng demo 路径 [--scale N]
在一个新文件中生成钢城区的区划和虚构人员（约 N×1000 人，N 为 1～1000，默认 10），
以及公益性岗位的演示安置。已有的文件不会被覆盖。", "usage: minsheng demo PATH [--scale N]
Writes the district's division tree and fictional people (about N × 1,000, N from 1 to 1000,
10 by default) with demonstration placements into a new file. An existing file is never
overwritten.";
    const USAGE_EXPORT => "用法：minsheng export subsidy-sheet|bank-file|notice|petitions|minutes …
  subsidy-sheet  已审核月份的补贴发放表（Excel）
  bank-file      已审核月份的银行代发文件（Excel 或 CSV）
  notice         上岗人员或拟安置人员公示（PDF）
  petitions      该期间受理的诉求（Open311 JSON 或 CSV）
  minutes        居民议事会会议纪要（PDF）
用 minsheng export subsidy-sheet --help 等查看各自的选项。", "usage: minsheng export subsidy-sheet|bank-file|notice|petitions|minutes …
  subsidy-sheet  an approved month's subsidy sheet (Excel)
  bank-file      an approved month's bank file (Excel or CSV)
  notice         the public notice of people placed or proposed (PDF)
  petitions      the matters received in a period (Open311 JSON or CSV)
  minutes        a residents' council meeting's minutes (PDF)
See minsheng export subsidy-sheet --help and so on for their options.";
    const USAGE_SHEET => "用法：minsheng export subsidy-sheet --db 路径 --month YYYY-MM --out 文件.xlsx [--full-ids]
导出已审核月份的补贴发放表。身份证号默认遮盖；--full-ids 完整导出（银行发放用）。", "usage: minsheng export subsidy-sheet --db PATH --month YYYY-MM --out FILE.xlsx [--full-ids]
Exports an approved month's subsidy sheet. ID numbers are masked unless --full-ids asks for
them in full (the bank needs them).";
    const USAGE_NOTICE => "用法：minsheng export notice --db 路径 (--from YYYY-MM-DD --to YYYY-MM-DD | --candidates) --out 文件.pdf
导出该期间上岗人员的公示，或用 --candidates 导出尚未上岗的拟安置人员公示（A4 PDF），身份证号一律遮盖。
公示期自今天起按工作日历计算，并写明设置中的受理异议电话。没有可公示的人员时不生成文件。", "usage: minsheng export notice --db PATH (--from YYYY-MM-DD --to YYYY-MM-DD | --candidates) --out FILE.pdf
Exports the public notice of the people placed in the period, or with --candidates the
notice of the people proposed and not yet placed (A4 PDF), ID numbers always masked. The
notice period starts today, counted on the working-day calendar, and the phone for
objections comes from Settings. No file is made when nobody is to be listed.";
    fn unknown_option(option) => "不认识的选项：{option}", "unknown option: {option}";
    fn unexpected_argument(argument) => "多余的参数：{argument}", "unexpected argument: {argument}";
    fn unknown_command(command) => "不认识的命令：{command}", "unknown command: {command}";
    fn missing_value(option) => "{option} 后面需要一个值", "{option} needs a value";
    fn missing_option(option) => "缺少必需的选项 {option}", "{option} is required";
    fn bad_value(option, value) => "{option} 的值“{value}”不对", "{option} does not take “{value}”";
    const MISSING_PATH => "请给出要新建的文件路径", "give the path of the file to create";
    const MISSING_EXPORT => "导出什么？subsidy-sheet、bank-file 或 notice", "export what? subsidy-sheet, bank-file or notice";
    const BAD_SCALE => "--scale 应为 1～1000 的整数", "--scale takes a whole number from 1 to 1000";
    const BAD_LANG => "--lang 应为 zh 或 en", "--lang is zh or en";
    const BAD_MONTH => "--month 应写成 YYYY-MM，如 2026-10", "--month is written YYYY-MM, as in 2026-10";
    const BAD_DATE => "日期应写成 YYYY-MM-DD，如 2026-10-01", "dates are written YYYY-MM-DD, as in 2026-10-01";
    fn no_such_file(path) => "{path} 不存在", "{path} does not exist";
    fn demo_exists(path) => "{path} 已存在；演示数据只写入新文件", "{path} exists already; demonstration data only goes into a new file";
    fn wrote(what, path) => "{what}，写入 {path}", "{what}, written to {path}";
    const NO_DATA_FOLDER => "找不到用户数据文件夹，请用 --db 指定数据库路径", "no data folder was found for the default database; give one with --db PATH";
    fn passphrase_of(path) => "{path} 的口令：", "Passphrase of {path}: ";
    const NEW_PASSPHRASE => "新口令（至少 8 个字符）：", "New passphrase (8 characters or more): ";
    const REPEAT_PASSPHRASE => "再输一次新口令：", "The new passphrase again: ";
    const PASSPHRASES_DIFFER => "两次输入的口令不一致，没有写入任何文件。", "The two passphrases differ; nothing was written.";
    fn passphrase_needed(var) => "需要口令，但这里没有可以输入的终端：请设置环境变量 {var}，或在终端中运行。", "A passphrase is needed and there is no terminal to type it on: set {var}, or run the command in a terminal.";
    fn out_exists(path) => "{path} 已存在；加密副本只写入新文件", "{path} exists already; the encrypted copy only goes into a new file";
    fn encrypted_written(path) => "加密副本已写入 {path}；打开它需要口令", "Encrypted copy written to {path}; it opens with its passphrase";
    fn window_failed(detail) => "窗口无法打开：{detail}", "the window could not be opened: {detail}";
}
