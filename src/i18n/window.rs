//! The window around the tabs: menus, opening files, jobs, demo data.

crate::i18n::texts! {
    const APP_TITLE => "民生台账 · Minsheng Ledger", "民生台账 · Minsheng Ledger";
    // Top bar and menus
    const MENU_FILE => "文件", "File";
    const MENU_NEW => "新建…", "New…";
    const MENU_OPEN => "打开…", "Open…";
    const MENU_OPEN_RECENT => "最近打开", "Open recent";
    const MENU_SAVE_COPY => "另存副本…", "Save a copy…";
    const MENU_QUIT => "退出", "Quit";
    const NO_RECENT => "（无）", "(none)";
    const THEME_DARK => "深色", "Dark";
    const THEME_LIGHT => "浅色", "Light";
    const SHOW_PERSONAL_DATA => "显示个人信息", "Show personal data";
    const CURRENT_FILE => "当前文件：", "File: ";
    // Path prompt
    const PATH_PROMPT_NEW => "新建数据库文件的路径", "Path of the new database file";
    const PATH_PROMPT_OPEN => "要打开的数据库文件路径", "Path of the database file to open";
    const PATH_PROMPT_COPY => "副本的保存路径", "Path to save the copy to";
    const PATH_HINT => "例如 D:\\台账\\2026.sqlite", "e.g. /home/me/ledger.sqlite";
    const BROWSE => "浏览…", "Browse…";
    // Opening files
    const OPEN_FAILED_TITLE => "无法打开数据库", "The database could not be opened";
    const OPEN_ANOTHER => "打开其他文件…", "Open another file…";
    const CREATE_NEW => "新建文件…", "Create a new file…";
    const NO_DATABASE => "没有打开的数据库。", "No database is open.";
    // Demo data
    const EMPTY_DATABASE => "这个数据库还是空的。", "This database is still empty.";
    const LOAD_DEMO => "载入演示数据", "Load demonstration data";
    const DEMO_EXPLAIN => "生成钢城区的街道、村居（真实区划代码）和虚构的人员，用于试用和培训。", "Generates the district's streets and villages (real division codes) and fictional people, for trying the product and for training.";
    const TREE_ONLY_EXPLAIN => "也可以只导入钢城区的街道和村居（真实区划代码），不含演示人员，在此基础上登记真实数据。", "Or import only the district's streets and villages (real division codes), without demonstration people, to start the real registry on.";
    const LOAD_TREE_ONLY => "仅导入区划", "Import the division tree only";
    const DEMO_SCALE => "规模（每单位约1000人）", "Scale (about 1,000 people each)";
    const JOB_DEMO => "正在生成演示数据", "Generating demonstration data";
    const JOB_EXPORT => "正在导出", "Exporting";
    const JOB_COPY => "正在保存副本", "Saving a copy";
    const JOB_CANCEL => "取消任务", "Cancel job";
    const JOB_ENCRYPT => "正在写入加密副本", "Writing the encrypted copy";
    fn encrypted_copy_saved(path) => "加密副本已写入 {path}。用“文件 › 打开…”选择它并输入口令即可打开；当前打开的文件没有改变。", "Encrypted copy written to {path}. Open it with File › Open… and its passphrase; the file open now is unchanged.";
    // Encrypted ledgers
    const ENCRYPTED_TITLE => "这个台账已加密", "This ledger is encrypted";
    const ENCRYPTED_EXPLAIN => "请输入加密时设定的口令。", "Enter the passphrase it was encrypted with.";
    const PASSPHRASE => "口令", "Passphrase";
    const UNLOCK => "打开", "Open";
    const PASSPHRASE_EMPTY => "请输入口令。", "Enter the passphrase.";
    const ENTER_PASSPHRASE => "输入口令…", "Enter the passphrase…";
    const ENCRYPTED_BADGE => "已加密", "Encrypted";
    fn file_written(path) => "已写入 {path}", "Written: {path}";
    fn copy_saved(path) => "副本已保存到 {path}", "Copy saved to {path}";
    fn demo_loaded(villages, people, placements) => "已载入 {villages} 个村居、{people} 人、{placements} 个岗位安置", "Loaded {villages} villages/communities, {people} people and {placements} placements";
    // Job placements tab
    // Fonts
    // The path dialog and the window's state
    const NO_FILE_DIALOG => "这台电脑没有文件选择窗口，请直接输入完整路径。", "This computer has no file chooser: type the whole path.";
    const PATH_EMPTY => "请填写文件路径。", "Enter the path of the file.";
    const FOLDER_MISSING => "这个文件夹不存在，请先建好文件夹或换一个路径。", "That folder does not exist: create it first or choose another path.";
    const READING => "正在读取…", "Reading…";
    const OPENING => "正在打开数据库…", "Opening the database…";
    fn repeated(times) => "（{times} 次）", "({times} times)";
    fn earlier_notices(count) => "还有 {count} 条较早的消息", "{count} earlier messages";
    const READ_ONLY_BANNER => "只读：这个文件不能保存修改。", "Read-only: changes to this file can not be saved.";
    const FINISH_JOBS_FIRST => "请等后台任务完成后再打开其他文件。", "Wait for the background jobs to finish before opening another file.";
    const WAIT_FOR_OPENING => "正在打开另一个文件，请稍后再开始任务。", "Another file is being opened; start the job when it is open.";
}
