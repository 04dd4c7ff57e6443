//! The petition log (民意直通车): council meetings, matters, their steps and figures.

use crate::domain::petition::{PetitionRule, Step};
use crate::i18n::{Msg, Text};

crate::i18n::texts! {
    const TAB_PETITIONS => "民意直通车", "Petition log";
    // Channels
    const CHANNEL_COUNCIL => "议事会", "Council meeting";
    const CHANNEL_VISIT => "来访", "Visit";
    const CHANNEL_PHONE => "电话", "Phone";
    const CHANNEL_HOTLINE => "12345 转办", "12345 hotline";
    const CHANNEL_GRID => "网格员上报", "Grid worker";
    const CHANNEL_OTHER => "其他渠道", "Other channel";
    // Seats at a meeting
    const ROLE_SECRETARY => "党组织书记", "Party secretary";
    const ROLE_COMMITTEE => "居委会主任", "Residents' committee director";
    const ROLE_OWNERS => "业委会主任", "Owners' committee director";
    const ROLE_PROPERTY => "物业经理", "Property manager";
    const ROLE_RESIDENT => "居民代表", "Resident representative";
    const ROLE_OTHER => "其他人员", "Other";
    // States
    const STATUS_RECEIVED => "已受理", "Received";
    const STATUS_RETURNED => "已退回", "Returned";
    const STATUS_SIGNED_FOR => "已签收", "Signed for";
    const STATUS_IN_PROGRESS => "办理中", "In progress";
    const STATUS_REPLIED => "已答复", "Replied";
    const STATUS_CLOSED => "已办结", "Closed";
    const STATUS_DUPLICATE => "重复件", "Duplicate";
    // Outcomes and call-backs
    const OUTCOME_FIXED => "已解决", "Fixed";
    const OUTCOME_NOT_FIXED => "未解决已说明", "Not fixed, reason explained";
    const OUTCOME_NOT_OURS => "不属于本单位职责", "Not ours";
    const SAT_SATISFIED => "满意", "Satisfied";
    const SAT_BASIC => "基本满意", "Basically satisfied";
    const SAT_UNSATISFIED => "不满意", "Unsatisfied";
    // Steps, as the timeline names them
    const STEP_RECEIVE => "受理并交办", "Received and handed over";
    const STEP_SIGN_FOR => "签收", "Signed for";
    const STEP_RETURN => "退回", "Returned";
    const STEP_REASSIGN => "重新交办", "Handed over again";
    const STEP_START => "开始办理", "Work started";
    const STEP_REPLY => "答复", "Replied";
    const STEP_CLOSE => "办结", "Closed";
    const STEP_CALL_BACK => "回访", "Called back";
    const STEP_ASK_EXTENSION => "申请延期", "Extension asked";
    const STEP_APPROVE_EXTENSION => "批准延期", "Extension approved";
    const STEP_REFUSE_EXTENSION => "不批准延期", "Extension refused";
    const STEP_SUPERVISE => "督办", "Supervised";
    const STEP_UNSUPERVISE => "取消督办", "Supervision lifted";
    const STEP_DUPLICATE => "标为重复件", "Marked duplicate";
    const STEP_EDIT => "修改", "Edited";
    // Rules
    const RULE_EXTENSION_PENDING => "已有一次延期申请在等待审批。", "An extension is already waiting for a decision.";
    const RULE_NO_EXTENSION => "没有待审批的延期申请。", "No extension has been asked.";
    const RULE_ALREADY_SUPERVISED => "该诉求已在督办中。", "The matter is already supervised.";
    const RULE_NOT_SUPERVISED => "该诉求没有督办。", "The matter is not supervised.";
    const RULE_REASON => "请填写理由。", "Give the reason.";
    const RULE_TEXT => "请填写诉求内容。", "Write what the matter is.";
    const RULE_OWNER => "请填写责任单位。", "Name the unit responsible.";
    const RULE_REPLY => "办结前须填写答复内容。", "A reply text is needed before closing.";
    const RULE_RESPONSIBLE => "选择“不属于本单位职责”时，须写明责任单位。", "For “not ours”, name who is responsible.";
    const RULE_EXTENSION_DAYS => "延期为 1～60 个工作日。", "An extension is 1 to 60 working days.";
    const RULE_DUPLICATE => "请选择另一件未标为重复的诉求。", "Choose another matter, not itself a duplicate.";
    const RULE_DEADLINE_DAYS => "办理时限为 1～120 个工作日。", "A deadline is 1 to 120 working days.";
    const RULE_MEETING => "请填写议事会的地点和主持人。", "Give the meeting's place and chair.";
    const RULE_ATTENDEE => "请填写参会人姓名。", "Give the attendee's name.";
    const RULE_PHONE => "反映人电话不是有效的手机或固话号码。", "The reporter's phone is not a valid number.";
    const RULE_CATEGORY => "分类须有中英文名称和默认责任单位。", "A category needs both names and a default owner unit.";
    const RULE_COORDINATE => "坐标须为 WGS-84 经纬度（经度 -180～180，纬度 -90～90）。", "Coordinates are WGS-84 longitude (-180 to 180) and latitude (-90 to 90).";
    fn not_now(step, status) => "当前状态为“{status}”，不能{step}。", "A matter that is “{status}” can not be “{step}”.";
    const CLOSED_REPLY_IS_HISTORY => "已办结诉求的答复不能修改：不满意时通过回访重新办理，新的答复另行记录。", "A closed matter's reply can not be changed: an unsatisfied call-back reopens it and the new reply is recorded anew.";
    const NEVER_DELETED => "诉求和议事会记录不能删除。", "Matters and meetings are never deleted.";
    fn calendar_missing(year) => "工作日历中还没有 {year} 年的节假日安排，办理期限无法计算。请在“设置”中按国务院通知录入。", "The calendar has no holidays for {year}: the deadline can not be counted. Enter them in Settings from the State Council's notice.";
    // Change log
    const TABLE_MATTERS => "诉求", "Matters";
    const TABLE_MEETINGS => "居民议事会", "Council meetings";
    const TABLE_ATTENDEES => "议事会参会人", "Meeting attendees";
    const TABLE_CATEGORIES => "诉求分类", "Matter categories";
}

/// The message for a refused step or input.
pub fn rule(r: PetitionRule) -> Msg {
    let text: Text = match r {
        PetitionRule::NotNow { step, from } => {
            let (s, f) = (step_text(step), status_text(from));
            return Msg::new(
                not_now(s.zh, f.zh).text(crate::i18n::Lang::Zh),
                not_now(s.en, f.en).text(crate::i18n::Lang::En),
            );
        }
        PetitionRule::ExtensionPending => RULE_EXTENSION_PENDING,
        PetitionRule::NoExtensionAsked => RULE_NO_EXTENSION,
        PetitionRule::AlreadySupervised => RULE_ALREADY_SUPERVISED,
        PetitionRule::NotSupervised => RULE_NOT_SUPERVISED,
        PetitionRule::ReasonRequired => RULE_REASON,
        PetitionRule::TextRequired => RULE_TEXT,
        PetitionRule::OwnerRequired => RULE_OWNER,
        PetitionRule::ReplyRequired => RULE_REPLY,
        PetitionRule::ResponsibleRequired => RULE_RESPONSIBLE,
        PetitionRule::ExtensionDays => RULE_EXTENSION_DAYS,
        PetitionRule::DuplicateTarget => RULE_DUPLICATE,
        PetitionRule::DeadlineDays => RULE_DEADLINE_DAYS,
        PetitionRule::MeetingIncomplete => RULE_MEETING,
        PetitionRule::AttendeeNameRequired => RULE_ATTENDEE,
        PetitionRule::ReporterPhone => RULE_PHONE,
        PetitionRule::CategoryIncomplete => RULE_CATEGORY,
        PetitionRule::BadCoordinate => RULE_COORDINATE,
    };
    text.into()
}

/// A step's name.
pub fn step_text(step: Step) -> Text {
    use crate::domain::petition::Step::*;
    match step {
        Receive => STEP_RECEIVE,
        SignFor => STEP_SIGN_FOR,
        Return => STEP_RETURN,
        Reassign => STEP_REASSIGN,
        Start => STEP_START,
        Reply => STEP_REPLY,
        Close => STEP_CLOSE,
        CallBack => STEP_CALL_BACK,
        AskExtension => STEP_ASK_EXTENSION,
        ApproveExtension => STEP_APPROVE_EXTENSION,
        RefuseExtension => STEP_REFUSE_EXTENSION,
        Supervise => STEP_SUPERVISE,
        Unsupervise => STEP_UNSUPERVISE,
        MarkDuplicate => STEP_DUPLICATE,
        Edit => STEP_EDIT,
    }
}

/// A status's name.
pub fn status_text(status: crate::domain::petition::Status) -> Text {
    use crate::domain::petition::Status::*;
    match status {
        Received => STATUS_RECEIVED,
        Returned => STATUS_RETURNED,
        SignedFor => STATUS_SIGNED_FOR,
        InProgress => STATUS_IN_PROGRESS,
        Replied => STATUS_REPLIED,
        Closed => STATUS_CLOSED,
        Duplicate => STATUS_DUPLICATE,
    }
}
