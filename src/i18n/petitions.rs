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
    // The tab
    const VIEW_MATTERS => "诉求", "Matters";
    const VIEW_MEETINGS => "议事会", "Council meetings";
    const VIEW_FIGURES => "统计", "Figures";
    const VIEW_CATEGORIES => "分类与时限", "Categories and deadlines";
    const CATEGORIES_RULE => "每个分类的默认责任单位和办理时限（工作日）；复杂事项用较长时限。节假日与调休在“设置”的工作日历中。", "Each category's default owner unit and deadline in working days; complex matters get the longer one. Holidays and make-up working days are in the working-day calendar in Settings.";
    const COL_CODE => "代码", "Code";
    const COL_NAME_ZH => "中文名称", "Chinese name";
    const COL_NAME_EN => "英文名称", "English name";
    const COL_DAYS => "时限", "Days";
    const COL_COMPLEX_DAYS => "复杂时限", "Complex";
    const COL_ACTIVE => "启用", "In use";
    const ADD_CATEGORY => "新增分类", "Add a category";
    fn calendar_to_check(year) => "{year} 年的节假日与调休为预置数据，尚未按国务院通知核对（在“设置”中核对）。", "The holidays of {year} are shipped defaults not yet checked against the State Council's notice (check them in Settings).";
    fn days_left(n) => "剩 {n} 个工作日", "{n} working days left";
    const LAST_DAY => "今天到期", "Due today";
    fn days_overdue(n) => "逾期 {n} 个工作日", "{n} working days overdue";
    fn no_calendar(year) => "缺 {year} 年日历", "No {year} calendar";
    const NO_DEADLINE => "期限未定（缺日历）", "No deadline (calendar missing)";
    const BAD_DATE => "日期格式为 2026-07-29。", "Dates are written 2026-07-29.";
    // The list
    const NEW_MATTER => "登记诉求", "New matter";
    const SEARCH => "搜索", "Search";
    const FILTER_OVERDUE => "已逾期", "Overdue";
    const FILTER_THIS_WEEK => "本周到期", "Due this week";
    const FILTER_SUPERVISED => "督办件", "Supervised";
    const FILTER_OPEN => "仅未办结", "Open only";
    const FIELD_STATUS => "状态", "Status";
    const FIELD_CATEGORY => "分类", "Category";
    const FROM => "受理日期自", "Received from";
    const TO => "至", "to";
    const CLEAR_FIGURE_FILTER => "清除统计筛选", "Clear the figure's filter";
    fn matters_count(n) => "共 {n} 件", "{n} matters";
    const EXPORT_CSV => "导出 CSV", "Export CSV";
    const EXPORT_OPEN311 => "导出 Open311", "Export Open311";
    const EXPORT_TO => "诉求导出到", "Save the matters to";
    const EXPORT_NAME => "诉求清单", "matters";
    const EXPORT_JOB => "导出诉求", "Exporting matters";
    const COL_NUMBER => "编号", "No.";
    const COL_RECEIVED => "受理日期", "Received";
    const COL_TEXT => "诉求内容", "Matter";
    const COL_PLACE => "地点", "Place";
    const COL_OWNER => "责任单位", "Owner";
    const COL_DUE => "剩余时限", "Time left";
    const COL_DEADLINE => "办理期限", "Deadline";
    const COL_CLOSED_ON => "办结日期", "Closed on";
    const COL_RESULT => "办理结果", "Result";
    const SUPERVISED_MARK => "督办", "supervised";
    const EXTENSION_MARK => "延期待批", "extension asked";
    // The intake
    const FIELD_TEXT => "诉求内容", "What was raised";
    const TEXT_HINT => "如：35号楼与36号楼之间路灯电线裸露", "e.g. exposed streetlight wires between buildings 35 and 36";
    const FIELD_CHANNEL => "渠道", "Channel";
    const FIELD_COMMUNITY => "社区（村）", "Community";
    const FIELD_PLACE_DETAIL => "楼栋单元", "Building / unit";
    const FIELD_OWNER_UNIT => "责任单位", "Owner unit";
    const FIELD_OWNER_PERSON => "责任人", "Person responsible";
    const FIELD_REPORTER => "反映人", "Reporter";
    const FIELD_PHONE => "联系电话", "Phone";
    const REPORTER_NAME_HINT => "姓名", "Name";
    const ANONYMOUS => "要求匿名", "Stay anonymous";
    const FIELD_PERSON => "人员库中的反映人", "Reporter in the registry";
    const PERSON_HINT => "姓名或身份证号", "Name or ID number";
    const UNLINK_PERSON => "取消选择", "Unlink";
    const ANONYMOUS_SHOWN => "匿名反映", "Anonymous";
    const NO_REPORTER => "未留姓名", "No name given";
    const COMPLEX => "复杂事项（较长时限）", "Complex (longer deadline)";
    const FIELD_RECEIVED => "受理日期", "Received on";
    const FIELD_POINT => "经度", "Longitude";
    const LAT => "纬度", "Latitude";
    const LON_HINT => "如 117.80", "e.g. 117.80";
    const LAT_HINT => "如 36.07", "e.g. 36.07";
    const POINT_DATUM => "可不填；WGS-84 坐标（国内地图 App 显示的多为 GCJ-02，相差约 500 米）", "Optional; WGS-84 (Chinese map apps mostly show GCJ-02, some 500 m off)";
    const CHOOSE => "请选择", "Choose";
    const CHOOSE_CATEGORY => "请选择分类。", "Choose a category.";
    const RAISE => "登记并交办", "Raise and hand over";
    const RAISE_NEXT => "交办，录入下一件", "Hand over, next matter";
    fn raised(id, owner) => "已登记 {id} 号诉求，交 {owner} 办理。", "Matter {id} raised and handed to {owner}.";
    fn raised_no_deadline(id, year) => "已登记 {id} 号诉求，但工作日历缺 {year} 年，办理期限未能计算。", "Matter {id} raised, but the calendar lacks {year}: no deadline could be counted.";
    // A matter
    fn matter_title(id) => "诉求 {id} 号", "Matter {id}";
    const FIELD_RETURNS => "退回", "Returned";
    fn returns_line(count, days) => "{count} 次，退回期间共 {days} 天", "{count} times, {days} days spent returned";
    const FIELD_DUPLICATE_OF => "重复于诉求", "Duplicate of matter";
    const FIELD_REPLY => "答复内容", "Reply";
    const FIELD_LAST_REPLY => "上次答复", "Last reply";
    const FIELD_OUTCOME => "办理结果", "Outcome";
    const FIELD_CALL_BACK => "回访", "Call-back";
    const FIELD_REOPENED => "重新办理次数", "Reopened";
    const FIELD_REASON => "理由", "Reason";
    const FIELD_NOTE => "说明", "Note";
    const FIELD_EXTENSION_DAYS => "延期工作日", "Working days more";
    const FIELD_RESPONSIBLE => "实际责任单位", "Responsible unit";
    fn extension_asked(days, reason) => "已申请延期 {days} 个工作日：{reason}（待审批）", "Extension of {days} working days asked: {reason} (waiting for a decision)";
    const CONFIRM_STEP => "确认", "Confirm";
    const CHOOSE_OUTCOME => "请选择办理结果。", "Choose the outcome.";
    const CHOOSE_SATISFACTION => "请选择回访结果。", "Choose what the resident said.";
    fn step_done(step) => "已{step}。", "Done: {step}.";
    const TIMELINE => "办理记录", "Timeline";
    const BUTTON_SIGN_FOR => "签收", "Sign for";
    const BUTTON_RETURN => "退回", "Return";
    const BUTTON_REASSIGN => "重新交办", "Hand over again";
    const BUTTON_START => "开始办理", "Start work";
    const BUTTON_REPLY => "答复", "Reply";
    const BUTTON_CLOSE => "办结", "Close";
    const BUTTON_CALL_BACK => "回访", "Call back";
    const BUTTON_ASK_EXTENSION => "申请延期", "Ask an extension";
    const BUTTON_APPROVE_EXTENSION => "批准延期", "Approve extension";
    const BUTTON_REFUSE_EXTENSION => "不批准延期", "Refuse extension";
    const BUTTON_SUPERVISE => "督办", "Supervise";
    const BUTTON_UNSUPERVISE => "取消督办", "Lift supervision";
    const BUTTON_DUPLICATE => "标为重复件", "Mark duplicate";
    const FIELD_DEADLINE_CHANGE => "办理期限", "Deadline";
    const FIELD_SATISFACTION => "回访结果", "Call-back";
    const FIELD_REOPEN_COUNT => "重新办理次数", "Times reopened";
    const FIELD_RETURN_COUNT => "退回次数", "Times returned";
    const FIELD_RETURNED_ON => "退回日期", "Returned on";
    const FIELD_RETURNED_DAYS => "退回天数", "Days returned";
    const FIELD_EXTENSIONS => "已批延期次数", "Extensions granted";
    const FIELD_SUPERVISED => "督办", "Supervised";
    const FIELD_REPLIED_ON => "答复日期", "Replied on";
    const YES => "是", "yes";
    const NO => "否", "no";
    // Meetings
    const NEW_MEETING => "召开议事会", "Hold a meeting";
    const FIELD_HELD_ON => "日期", "Date";
    const FIELD_MEETING_PLACE => "地点", "Place";
    const FIELD_CHAIR => "主持人", "Chair";
    const ATTENDEES => "参会人员", "Attendees";
    fn attendee_n(n) => "参会人 {n}", "Attendee {n}";
    const ATTENDEE_NOTE_HINT => "单位或楼栋", "Unit or building";
    const ADD_ATTENDEE => "添加参会人", "Add an attendee";
    const MINUTES => "会议纪要", "Minutes";
    const HOLD_MEETING => "保存议事会", "Save the meeting";
    const MEETING_HELD => "议事会已保存，请录入居民反映的问题。", "Meeting saved: enter the matters raised.";
    const COL_MATTERS => "诉求数", "Matters";
    const COL_OPEN => "未办结", "Open";
    const BACK_TO_MEETINGS => "返回议事会列表", "Back to the meetings";
    const PRINT_MINUTES => "打印会议纪要（PDF）", "Print the minutes (PDF)";
    const MINUTES_TO => "会议纪要保存到", "Save the minutes to";
    const MINUTES_JOB => "生成会议纪要", "Printing the minutes";
    fn meeting_title(community, day) => "{community}居民议事会（{day}）", "Residents' council of {community} ({day})";
    const SAVE_MINUTES => "保存纪要", "Save the minutes";
    const MINUTES_SAVED => "会议纪要已保存。", "Minutes saved.";
    fn raised_here(n) => "本次议事会反映问题 {n} 件", "{n} matters raised at this meeting";
    const QUICK_ENTRY => "录入居民反映的问题（回车即交办，接着录入下一件）", "Enter the matters raised (Enter hands one over and starts the next)";
    fn minutes_title(community) => "{community}“民意直通车”居民议事会会议纪要", "Minutes of the residents' council of {community}";
    fn minutes_subtitle(day, place, chair) => "时间：{day}    地点：{place}    主持人：{chair}", "Date: {day}    Place: {place}    Chair: {chair}";
    fn minutes_footer(attendees, minutes) => "参会人员：{attendees}\n会议纪要：{minutes}\n\n主持人签字：__________    记录人签字：__________    日期：__________", "Attendees: {attendees}\nMinutes: {minutes}\n\nChair's signature: __________    Recorded by: __________    Date: __________";
    // Figures
    const PERIOD => "统计期间（按受理日期）", "Period (by day received)";
    const BACKLOG_BY => "积压按", "Backlog by";
    const STREET => "街道", "Street";
    fn median_calendar_missing(year) => "工作日历缺 {year} 年，相关诉求未计入办结用时中位数。", "The calendar lacks {year}: the matters concerned are left out of the median time to close.";
    const FIG_RECEIVED => "受理诉求", "Matters received";
    const FIG_ON_TIME => "按时办结率", "Closed on time";
    const FIG_LATE => "超期（含逾期未办结）", "Late (incl. open past the deadline)";
    const FIG_OVERDUE_OPEN => "逾期未办结", "Open and overdue";
    const FIG_FIXED => "已解决", "Fixed";
    const FIG_NOT_FIXED => "未解决已说明", "Closed, not fixed";
    const FIG_NOT_OURS => "不属于本单位职责", "Not ours";
    const FIG_SATISFACTION => "满意率（含基本满意）", "Satisfied (incl. basically)";
    const FIG_UNSATISFIED => "不满意", "Unsatisfied";
    const FIG_REOPENED => "重新办理", "Reopened";
    const FIG_RETURNED => "被退回过的诉求", "Matters returned at least once";
    const FIG_MEDIAN => "办结用时中位数", "Median time to close";
    fn reopens(times, matters) => "{times} 次（{matters} 件）", "{times} times ({matters} matters)";
    fn working_days(n) => "{n} 个工作日", "{n} working days";
    const SHOW_LIST => "查看清单", "Show the list";
    const NOTHING_TO_COUNT => "无可统计", "Nothing to count";
    const ON_TIME_RULE => "按时办结率 = 期限内办结 ÷（期限内办结 + 超期办结 + 逾期未办结）；未到期的未办结诉求不计入；重复件不计入。“未解决已说明”不计为已解决。", "On time = closed by the deadline ÷ (closed by the deadline + closed late + open past the deadline); open matters not yet due are not counted, nor duplicates. “Closed, not fixed” never counts as fixed.";
    const COL_GROUP => "分组", "Group";
    const NOT_YET_OVERDUE => "未逾期", "Not yet overdue";
    // The command line
    const USAGE_PETITIONS => "用法：minsheng export petitions --db 路径 --from YYYY-MM-DD --to YYYY-MM-DD --format open311|csv --out 文件
导出受理日期在期间内的诉求：open311 为 Open311 GeoReport v2 JSON（services 与 requests），csv 为 UTF-8 带 BOM 的清单。不含反映人姓名和电话。", "usage: minsheng export petitions --db PATH --from YYYY-MM-DD --to YYYY-MM-DD --format open311|csv --out FILE
Exports the matters received in the period: open311 writes Open311 GeoReport v2 JSON
(services and requests), csv a list (UTF-8 with a BOM). No reporter's name or phone.";
    const USAGE_MINUTES => "用法：minsheng export minutes --db 路径 --meeting 编号 --out 文件.pdf
打印居民议事会会议纪要：参会人员、每件诉求的责任单位、期限和办理结果，以及签字栏。", "usage: minsheng export minutes --db PATH --meeting ID --out FILE.pdf
Prints a council meeting's minutes: the attendees, each matter's owner, deadline and
outcome, and the signature lines.";
    const BAD_FORMAT => "--format 须为 open311 或 csv", "--format is open311 or csv";
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

/// A step's button.
pub fn step_button(step: Step) -> Text {
    use crate::domain::petition::Step::*;
    match step {
        SignFor => BUTTON_SIGN_FOR,
        Return => BUTTON_RETURN,
        Reassign => BUTTON_REASSIGN,
        Start => BUTTON_START,
        Reply => BUTTON_REPLY,
        Close => BUTTON_CLOSE,
        CallBack => BUTTON_CALL_BACK,
        AskExtension => BUTTON_ASK_EXTENSION,
        ApproveExtension => BUTTON_APPROVE_EXTENSION,
        RefuseExtension => BUTTON_REFUSE_EXTENSION,
        Supervise => BUTTON_SUPERVISE,
        Unsupervise => BUTTON_UNSUPERVISE,
        MarkDuplicate => BUTTON_DUPLICATE,
        Receive | Edit => step_text(step),
    }
}

/// What the list says of a deadline: working days left, due today, days late, or the
/// calendar year missing.
pub fn due_text(urgency: crate::domain::petition::Urgency) -> Msg {
    use crate::domain::petition::Urgency;
    match urgency {
        Urgency::Left(n) => days_left(n),
        Urgency::LastDay => LAST_DAY.into(),
        Urgency::Overdue(n) => days_overdue(n),
        Urgency::Unknown(year) => no_calendar(year),
    }
}

/// A matter's field as the timeline names it, for the fields a step changes.
pub fn field_name(column: &str) -> Option<Text> {
    Some(match column {
        "owner_unit" => FIELD_OWNER_UNIT,
        "owner_person" => FIELD_OWNER_PERSON,
        "deadline" => FIELD_DEADLINE_CHANGE,
        "supervised" => FIELD_SUPERVISED,
        "duplicate_of" => FIELD_DUPLICATE_OF,
        "extension_days" => FIELD_EXTENSION_DAYS,
        "extensions_granted" => FIELD_EXTENSIONS,
        "reply" => FIELD_REPLY,
        "outcome" => FIELD_OUTCOME,
        "responsible_elsewhere" => FIELD_RESPONSIBLE,
        "replied_on" => FIELD_REPLIED_ON,
        "closed_on" => COL_CLOSED_ON,
        "satisfaction" => FIELD_SATISFACTION,
        "reopen_count" => FIELD_REOPEN_COUNT,
        "return_count" => FIELD_RETURN_COUNT,
        "returned_on" => FIELD_RETURNED_ON,
        "returned_days" => FIELD_RETURNED_DAYS,
        "text" => FIELD_TEXT,
        "category_id" => FIELD_CATEGORY,
        "place_detail" => FIELD_PLACE_DETAIL,
        _ => return None,
    })
}
