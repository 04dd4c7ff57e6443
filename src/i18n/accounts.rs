//! Accounts and signing in: the first-run choice, the sign-in and lock screens, the
//! accounts section of the settings, and the store's refusals about them.

use crate::i18n::{Lang, Msg, Text};
use crate::store::AccountRule;

crate::i18n::texts! {
    const TABLE_ACCOUNTS => "账号", "Accounts";
    const TABLE_ACCOUNT_GRANTS => "账号权限", "Account grants";

    const WRONG_NAME_OR_PASSWORD => "账号或密码不对。", "Wrong account name or password.";
    fn must_wait_seconds(seconds) => "密码错误次数太多，请 {seconds} 秒后再试。", "Too many wrong passwords: try again in {seconds} seconds.";
    fn must_wait_minutes(minutes, seconds) => "密码错误次数太多，请 {minutes} 分 {seconds} 秒后再试。", "Too many wrong passwords: try again in {minutes} min {seconds} s.";
    const ACCOUNT_DISABLED => "这个账号已停用。需要时请找管理员。", "This account is disabled. Ask an administrator if you need it.";
    const PASSWORD_TOO_SHORT => "密码至少要 8 个字符。", "A password needs at least 8 characters.";
    const NAME_TAKEN => "已有同名账号（不区分大小写）。", "Another account has this name (upper and lower case count as the same).";
    const NAME_INVALID => "账号不能为空、不能超过 40 个字符，首尾不能有空格。", "An account name can not be empty or longer than 40 characters, nor start or end with a space.";
    const LAST_ADMIN => "这是最后一位全区管理员，不能停用或去掉其管理员权限。请先给另一个账号开通全区管理员。", "This is the last administrator of the whole district: it can not be disabled or lose that grant. Make another account a district administrator first.";
    const NO_ADMIN => "需要先有一位全区管理员账号，才能要求登录。", "An administrator account for the whole district must exist before sign-in can be required.";
    const ALREADY_SET_UP => "这个台账已有账号，第一位管理员已经创建。", "This ledger has accounts already: its first administrator exists.";
    const NOT_A_STREET => "按街道开通的权限只能选街道（镇）或功能区。", "A grant for one street must name a street (or a function area).";
    const PASSWORDS_DIFFER => "两次输入的密码不一致。", "The two passwords differ.";

    const FIRST_RUN_TITLE => "首次使用：谁来使用这个台账？", "First use: who works on this ledger?";
    const FIRST_RUN_EXPLAIN => "台账里有居民的身份证号和电话。几个人共用时，请创建第一位管理员，之后每人用自己的账号登录，变更记录写明是谁改的。", "The ledger holds residents' ID numbers and phones. When several people use it, create the first administrator; then everyone signs in with their own account and the change log names who changed what.";
    const CREATE_FIRST_ADMIN => "创建第一位管理员", "Create the first administrator";
    const FIRST_ADMIN_GRANTS => "管理员管理账号和全区的各项设置。录入和审核需另外开通经办人、审核人权限（可以开通给自己）。", "An administrator keeps the accounts and the district's settings. Entering and approving records need clerk and approver grants (an administrator may give them to themselves).";
    const ACCOUNT_NAME => "用户名", "User name";
    const DISPLAY_NAME => "姓名", "Display name";
    const PASSWORD => "密码", "Password";
    const PASSWORD_AGAIN => "再次输入密码", "Password again";
    const CREATE_AND_SIGN_IN => "创建并登录", "Create and sign in";
    const NO_SIGN_IN => "本机不需要登录", "No sign-in on this computer";
    const NO_SIGN_IN_EXPLAIN => "只有一个人用这台电脑时可选：不设账号，变更记录记下电脑的用户名。以后管理员可以改为需要登录。", "For one person at one computer: no accounts, and the change log names the computer's user. An administrator can require sign-in later.";

    const SIGN_IN_TITLE => "登录民生台账", "Sign in to Minsheng Ledger";
    const SIGN_IN_EXPLAIN => "这个台账需要登录后使用。", "This ledger asks everyone to sign in.";
    const SIGN_IN => "登录", "Sign in";
    const SIGN_OUT => "退出登录", "Sign out";
    fn signed_in_as(name) => "当前用户：{name}", "Signed in: {name}";

    const LOCKED_TITLE => "窗口已锁定", "The window is locked";
    fn locked_explain(minutes, name) => "{minutes} 分钟没有操作，窗口已锁定，正在填写的内容都还在。请输入 {name} 的密码继续。", "Nothing was done for {minutes} minutes, so the window locked; what you were typing is kept. Enter the password of {name} to go on.";
    const UNLOCK => "解锁", "Unlock";
    const SWITCH_USER => "换一个用户登录", "Sign in as someone else";

    const ACCOUNT_SETTINGS => "账号与登录", "Accounts and sign-in";
    const CHANGE_PASSWORD => "修改我的密码", "Change my password";
    const OLD_PASSWORD => "原密码", "Current password";
    const NEW_PASSWORD => "新密码", "New password";
    const PASSWORD_CHANGED => "密码已修改。", "Password changed.";
    const ACCOUNTS => "账号", "Accounts";
    const COL_GRANTS => "权限", "Grants";
    const COL_STATUS => "状态", "Status";
    const DISABLED => "已停用", "Disabled";
    const ACTIVE => "正常", "Active";
    const DISABLE => "停用", "Disable";
    const ENABLE => "启用", "Enable";
    const RESET_PASSWORD => "重置密码", "Reset password";
    fn password_reset(name) => "已重置 {name} 的密码。", "The password of {name} was reset.";
    const NEW_ACCOUNT => "新建账号", "New account";
    const INITIAL_PASSWORD => "初始密码", "Initial password";
    const WHOLE_DISTRICT => "全区", "Whole district";
    const ROLE => "角色", "Role";
    const AREA => "业务", "Area";
    const STREET => "范围", "Reach";
    const ADD_GRANT => "添加这项权限", "Add this grant";
    const REMOVE_GRANT => "移除", "Remove";
    const CREATE_ACCOUNT => "创建账号", "Create account";
    fn account_created(name) => "账号 {name} 已创建。", "Account {name} was created.";
    const EDIT_GRANTS => "修改权限", "Edit grants";
    const SAVE_GRANTS => "保存权限", "Save grants";
    const GRANTS_SAVED => "权限已保存。", "Grants saved.";
    const NO_GRANTS => "（无权限）", "(no grants)";
    const SIGN_IN_MODE => "登录方式", "Sign-in";
    const MODE_REQUIRED => "每人用自己的账号登录", "Everyone signs in with their own account";
    const MODE_NONE => "本机不需要登录", "No sign-in on this computer";
    const MODE_SAVED => "登录方式已保存。", "Sign-in setting saved.";
    const IDLE_LOCK_MINUTES => "无操作多少分钟后锁定", "Lock after this many idle minutes";
    const NOT_AN_ACCOUNT => "现在没有用账号登录（本机不需要登录），没有自己的密码可改。", "Nobody is signed in with an account (no sign-in on this computer): there is no password of yours to change.";

    const DEMO_ACCOUNTS => "演示数据自带以下账号，载入后用其中一个登录（密码仅供演示）：", "The demonstration data comes with these accounts; sign in with one of them after loading (passwords for the demonstration only):";

    fn cli_user_required(path) => "{path} 需要登录：请用 --user 账号 指定用户，密码从环境变量 MINSHENG_PASSWORD 读取或在终端输入", "{path} asks for a sign-in: give --user NAME; the password is read from MINSHENG_PASSWORD or asked on the terminal";
    fn cli_password_prompt(name) => "{name} 的密码：", "Password for {name}: ";
    fn cli_no_terminal(detail) => "无法在终端读取密码：{detail}；可以用环境变量 MINSHENG_PASSWORD 提供", "the password could not be read from the terminal: {detail}; give it in MINSHENG_PASSWORD instead";
}

/// The message for an account rule.
pub fn rule(r: AccountRule) -> Text {
    match r {
        AccountRule::PasswordTooShort => PASSWORD_TOO_SHORT,
        AccountRule::NameTaken => NAME_TAKEN,
        AccountRule::NameInvalid => NAME_INVALID,
        AccountRule::LastAdmin => LAST_ADMIN,
        AccountRule::NoAdmin => NO_ADMIN,
        AccountRule::AlreadySetUp => ALREADY_SET_UP,
        AccountRule::NotAStreet => NOT_A_STREET,
    }
}

/// How long to wait before the next password, in minutes and seconds past a minute.
pub fn must_wait(seconds: &i64) -> Msg {
    let s = (*seconds).max(1);
    if s < 60 {
        must_wait_seconds(s)
    } else {
        must_wait_minutes(s / 60, s % 60)
    }
}

/// The idle-lock explanation in `lang` (a convenience for the lock screen).
pub fn locked_text(lang: Lang, minutes: u32, name: &str) -> String {
    locked_explain(minutes, name).text(lang)
}
