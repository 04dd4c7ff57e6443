//! Who may do what: the names of roles and areas, and the store's refusals.

use crate::domain::access::{Action, Area, Role};
use crate::i18n::{Lang, Msg, Text};

crate::i18n::texts! {
    const ROLE_ADMIN => "管理员", "Administrator";
    const ROLE_CLERK => "经办人", "Clerk";
    const ROLE_APPROVER => "审核人", "Approver";
    const ROLE_VIEWER => "查看人", "Viewer";
    const AREA_REGISTRY => "人员与区划", "People and places";
    const AREA_PLACEMENTS => "公益岗位安置", "Job placements";
    const AREA_CARE => "养老托育机构", "Care facilities";
    const AREA_SERVICE_POINTS => "医保服务点", "Service points";
    const AREA_PETITIONS => "议事与诉求", "Petitions";
    const ACTION_READ => "查看", "read";
    const ACTION_WRITE => "录入或修改", "enter or change";
    const ACTION_APPROVE => "审核", "approve";
    const ACTION_ADMINISTER => "设置", "change the settings of";
    const ACTION_REVEAL => "查看完整身份证号或电话", "see full ID numbers or phones in";
    fn forbidden(action, area) => "您的账号没有权限{action}“{area}”的记录。需要时请找管理员开通。", "Your account may not {action} {area} records. Ask an administrator if you need to.";
    fn forbidden_street(action, area) => "您的账号只能{action}本街道（镇）的“{area}”记录，这条记录属于其他街道或全区。", "Your account may {action} {area} records of its own streets only; this record belongs to another street or to the whole district.";
    const NOT_SIGNED_IN => "请先登录。", "Sign in first.";
    const ACCOUNTS_ONLY_ADMIN => "只有全区管理员可以管理账号。", "Only an administrator of the whole district can manage accounts.";
    const NEEDS_CLERK => "需要经办人权限", "Needs the clerk role";
    const NEEDS_CLERK_DISTRICT => "需要全区的经办人权限（您的账号只管本街道）", "Needs the clerk role for the whole district (your account covers its own streets only)";
    const NEEDS_APPROVER => "需要审核人权限", "Needs the approver role";
    const NEEDS_APPROVER_DISTRICT => "需要全区的审核人权限（您的账号只管本街道）", "Needs the approver role for the whole district (your account covers its own streets only)";
    const NEEDS_ADMIN => "需要全区管理员权限", "Needs the administrator role for the whole district";
    const NEEDS_REVEAL => "需要查看完整个人信息的权限（经办人、审核人或管理员）", "Needs the permission to see personal data in full (clerk, approver or administrator)";
    const OTHER_STREET => "这条记录属于其他街道（镇），您的账号不能修改", "This record belongs to another street; your account may not change it";
    const READ_ONLY => "只读：您的账号不能修改这里的内容", "Read only: your account may not change this";
    const SAME_PERSON_APPROVES => "计算这张表的人不能再审核它（职责分离）。请由另一位审核人审核。", "The person who computed this sheet may not approve it (separation of duties). Another approver must approve it.";
}

/// The role's name.
pub fn role(r: Role) -> Text {
    match r {
        Role::Admin => ROLE_ADMIN,
        Role::Clerk => ROLE_CLERK,
        Role::Approver => ROLE_APPROVER,
        Role::Viewer => ROLE_VIEWER,
    }
}

/// The area's name.
pub fn area(a: Area) -> Text {
    match a {
        Area::Registry => AREA_REGISTRY,
        Area::Placements => AREA_PLACEMENTS,
        Area::Care => AREA_CARE,
        Area::ServicePoints => AREA_SERVICE_POINTS,
        Area::Petitions => AREA_PETITIONS,
    }
}

fn action(a: Action) -> Text {
    match a {
        Action::Read => ACTION_READ,
        Action::Write => ACTION_WRITE,
        Action::Approve => ACTION_APPROVE,
        Action::Administer => ACTION_ADMINISTER,
        Action::Reveal => ACTION_REVEAL,
    }
}

/// The refusal of `act` on `ar`; `elsewhere` when the user may do it, but not on this
/// record's street. Each language gets the action and area named in that language.
pub fn refusal(act: Action, ar: Area, elsewhere: bool) -> Msg {
    let (a, r) = (action(act), area(ar));
    let template = if elsewhere {
        forbidden_street
    } else {
        forbidden
    };
    Msg::new(
        template(a.zh, r.zh).text(Lang::Zh),
        template(a.en, r.en).text(Lang::En),
    )
}
