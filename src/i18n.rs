//! Every user-visible string, in Simplified Chinese and English.
//!
//! Strings are variants of one enum so that a label can not exist in one language only:
//! the macro below takes both texts for every variant, and a unit test checks that neither
//! is empty and that the Chinese text really is Chinese.

use serde::{Deserialize, Serialize};

/// The language of the user interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the default for clerks.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language the operating system asks for: Chinese unless the locale is something else.
    pub fn from_os() -> Self {
        match sys_locale::get_locale() {
            Some(locale) if !locale.to_ascii_lowercase().starts_with("zh") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The text of `key` in this language.
    pub fn t(self, key: T) -> &'static str {
        match self {
            Lang::Zh => key.zh(),
            Lang::En => key.en(),
        }
    }

    /// The text of `key` with each `{}` replaced by the next argument, in order.
    pub fn f(self, key: T, args: &[&dyn std::fmt::Display]) -> String {
        let mut out = String::new();
        let mut args = args.iter();
        let mut parts = self.t(key).split("{}").peekable();
        while let Some(part) = parts.next() {
            out.push_str(part);
            if parts.peek().is_some()
                && let Some(arg) = args.next()
            {
                out.push_str(&arg.to_string());
            }
        }
        out
    }
}

macro_rules! texts {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A user-visible text; see [`Lang::t`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum T { $($key),* }

        impl T {
            /// Every text, for the completeness test.
            pub const ALL: &'static [T] = &[$(T::$key),*];
            /// The Simplified Chinese text.
            pub fn zh(self) -> &'static str { match self { $(T::$key => $zh),* } }
            /// The English text.
            pub fn en(self) -> &'static str { match self { $(T::$key => $en),* } }
        }
    };
}

texts! {
    AppTitle => "民生台账 · Minsheng Ledger", "民生台账 · Minsheng Ledger";
    // Top bar and menus
    MenuFile => "文件", "File";
    MenuNew => "新建…", "New…";
    MenuOpen => "打开…", "Open…";
    MenuOpenRecent => "最近打开", "Open recent";
    MenuSaveCopy => "另存副本…", "Save a copy…";
    MenuQuit => "退出", "Quit";
    NoRecent => "（无）", "(none)";
    ThemeDark => "深色", "Dark";
    ThemeLight => "浅色", "Light";
    ShowPersonalData => "显示个人信息", "Show personal data";
    CurrentFile => "当前文件：", "File: ";
    // Tabs
    TabPeople => "人员与地区", "People & places";
    TabSettings => "设置", "Settings";
    // Path prompt
    PathPromptNew => "新建数据库文件的路径", "Path of the new database file";
    PathPromptOpen => "要打开的数据库文件路径", "Path of the database file to open";
    PathPromptCopy => "副本的保存路径", "Path to save the copy to";
    PathHint => "例如 D:\\台账\\2026.sqlite", "e.g. /home/me/ledger.sqlite";
    Browse => "浏览…", "Browse…";
    Ok => "确定", "OK";
    Cancel => "取消", "Cancel";
    Close => "关闭", "Close";
    // Opening files
    OpenFailedTitle => "无法打开数据库", "The database could not be opened";
    OpenAnother => "打开其他文件…", "Open another file…";
    CreateNew => "新建文件…", "Create a new file…";
    NoDatabase => "没有打开的数据库。", "No database is open.";
    ErrNotSqlite => "{} 不是民生台账的数据库（不是 SQLite 文件）。文件未作任何改动。", "{} is not a Minsheng Ledger database (not a SQLite file). The file was left untouched.";
    ErrNotOurs => "{} 是其他程序的数据库，不是民生台账的。文件未作任何改动。", "{} is another program's database, not Minsheng Ledger's. The file was left untouched.";
    ErrNewer => "{} 由更新版本的民生台账写入（数据版本 {}，本程序支持到 {}）。请升级程序。文件未作任何改动。", "{} was written by a newer Minsheng Ledger (schema {}, this program knows up to {}). Please update the program. The file was left untouched.";
    ErrOther => "操作失败：{}", "The operation failed: {}";
    FileExists => "文件已存在，请换一个名称。", "That file already exists; choose another name.";
    // Demo data
    EmptyDatabase => "这个数据库还是空的。", "This database is still empty.";
    LoadDemo => "载入演示数据", "Load demonstration data";
    DemoExplain => "生成钢城区的街道、村居（真实区划代码）和虚构的人员，用于试用和培训。", "Generates the district's streets and villages (real division codes) and fictional people, for trying the product and for training.";
    TreeOnlyExplain => "也可以只导入钢城区的街道和村居（真实区划代码），不含演示人员，在此基础上登记真实数据。", "Or import only the district's streets and villages (real division codes), without demonstration people, to start the real registry on.";
    LoadTreeOnly => "仅导入区划", "Import the division tree only";
    DemoScale => "规模（每单位约1000人）", "Scale (about 1,000 people each)";
    JobDemo => "正在生成演示数据", "Generating demonstration data";
    JobExport => "正在导出", "Exporting";
    JobCopy => "正在保存副本", "Saving a copy";
    JobCancel => "取消任务", "Cancel job";
    JobDone => "完成：{}", "Done: {}";
    JobFailed => "失败：{}", "Failed: {}";
    JobCancelled => "已取消，未写入任何内容：{}", "Cancelled, nothing written: {}";
    FileWritten => "已写入 {}", "Written: {}";
    SheetComputed => "补贴表已计算：{} 行，合计 {} 元", "Sheet computed: {} lines, {} yuan in all";
    CopySaved => "副本已保存到 {}", "Copy saved to {}";
    DemoLoaded => "已载入 {} 个村居、{} 人、{} 个岗位安置", "Loaded {} villages/communities, {} people and {} placements";
    // Regions
    Regions => "地区", "Places";
    AllRegions => "全部地区", "All places";
    AddChild => "添加下级", "Add below";
    Delete => "删除", "Delete";
    RegionCode => "区划代码", "Division code";
    RegionName => "名称", "Name";
    RegionShortName => "简称（留空则自动）", "Short name (blank: derived)";
    RegionLevel => "层级", "Level";
    Longitude => "经度（WGS-84）", "Longitude (WGS-84)";
    Latitude => "纬度（WGS-84）", "Latitude (WGS-84)";
    LevelDistrict => "区", "District";
    LevelStreet => "街道", "Street";
    LevelFunctionArea => "功能区", "Function area";
    LevelCommunity => "社区", "Community";
    LevelVillage => "村", "Village";
    Save => "保存", "Save";
    RegionNotEmpty => "该地区下还有下级或人员，不能删除。", "This place still has places or people under it and can not be deleted.";
    BadRegionCode => "区划代码应为12位数字，且以上级代码的前缀开头。", "A division code has 12 digits and starts like its parent's code.";
    DuplicateRegionCode => "区划代码已存在。", "This division code already exists.";
    BadCoordinate => "坐标无效：经度 -180～180，纬度 -90～90。", "Invalid coordinate: longitude -180 to 180, latitude -90 to 90.";
    NameRequired => "请填写名称。", "A name is required.";
    // People table
    Search => "搜索", "Search";
    SearchHint => "姓名、身份证号、电话或地址", "Name, ID number, phone or address";
    Category => "困难类别", "Hardship category";
    AnyCategory => "全部类别", "Any category";
    ShowTrash => "回收站", "Trash";
    AddPerson => "新增人员", "Add person";
    PeopleCount => "共 {} 人", "{} people";
    ColName => "姓名", "Name";
    ColIdNumber => "身份证号", "ID number";
    ColSex => "性别", "Sex";
    ColAge => "年龄", "Age";
    ColPhone => "电话", "Phone";
    ColPlace => "村居", "Village/community";
    ColCategories => "困难类别", "Categories";
    Male => "男", "Male";
    Female => "女", "Female";
    Restore => "恢复", "Restore";
    Edit => "编辑", "Edit";
    // Person form
    NewPersonTitle => "登记新人员", "Register a new person";
    EditPersonTitle => "编辑人员", "Edit person";
    FieldName => "姓名", "Name";
    FieldIdNumber => "身份证号", "Resident ID number";
    FieldPhone => "电话", "Phone";
    FieldAddress => "住址", "Address";
    FieldRegion => "所属村居", "Village/community";
    FieldCategories => "困难类别", "Hardship categories";
    FieldNotes => "备注", "Notes";
    ChooseRegion => "请选择村居", "Choose a village or community";
    DerivedFromId => "出生日期 {}，{}，{} 岁（由身份证号得出）", "Born {}, {}, aged {} (from the ID number)";
    PersonSaved => "已保存：{}", "Saved: {}";
    DuplicatePerson => "该身份证号已登记为 {}。", "This ID number is already registered as {}.";
    OpenExisting => "查看已登记的人员", "Open the registered person";
    ConfirmDeleteTitle => "移入回收站？", "Move to the trash?";
    MoveToTrash => "移入回收站", "Move to the trash";
    ConfirmDelete => "将 {} 移入回收站？可以在回收站中恢复。", "Move {} to the trash? It can be restored from the trash.";
    PersonTrashed => "已移入回收站：{}", "Moved to the trash: {}";
    PersonRestored => "已恢复：{}", "Restored: {}";
    RegionRequired => "请选择村居。", "Choose a village or community.";
    // Validation messages
    IdEmpty => "请填写身份证号。", "Enter the ID number.";
    IdWrongLength => "身份证号应为18位（或旧的15位），现在是 {} 位。", "An ID number has 18 characters (or 15 for old ones); this has {}.";
    IdInvalidChar => "第 {} 位的“{}”不是数字。", "Character {} (“{}”) is not a digit.";
    IdBadCheck => "校验位不对：应为 {}，填的是 {}。请核对号码。", "The check character is wrong: it should be {}, not {}. Please check the number.";
    IdImpossibleDate => "号码中的出生日期不存在。", "The birth date in the number does not exist.";
    IdFutureDate => "号码中的出生日期在今天之后。", "The birth date in the number is in the future.";
    IdBadArea => "前6位不是有效的地区代码。", "The first 6 digits are not a valid area code.";
    PhoneInvalid => "电话格式不对：手机为1开头的11位数字，座机如 0634-6012345。", "Not a phone number: mobile 11 digits starting with 1; landline with area code, e.g. 0634-6012345.";
    // Settings
    MaskSettings => "个人信息遮盖", "Masking of personal data";
    MaskIdPattern => "身份证号保留（前+后）", "ID number keeps (first+last)";
    MaskPhonePattern => "电话保留（前+后）", "Phone keeps (first+last)";
    MaskPatternHint => "格式如 6+4", "as in 6+4";
    MaskPatternInvalid => "格式应为“前位数+后位数”，如 6+4。", "Use first+last, as in 6+4.";
    MaskExample => "示例：{}", "Example: {}";
    Categories => "困难类别", "Hardship categories";
    AddCategory => "添加类别", "Add category";
    CategoryNameZh => "中文名称", "Chinese name";
    CategoryNameEn => "英文名称", "English name";
    CategoryInUse => "该类别已被 {} 人使用，已停用而不删除。", "This category is held by {} people; it was retired, not deleted.";
    Retired => "已停用", "retired";
    Reactivate => "重新启用", "Reactivate";
    ChangeLog => "修改记录", "Change log";
    ChangeLogExplain => "最近的修改（谁、何时、改了什么）", "Recent changes (who, when, what)";
    ActInsert => "新增", "Added";
    ActUpdate => "修改", "Changed";
    ActDelete => "删除", "Deleted";
    ActTrash => "移入回收站", "Moved to the trash";
    ActRestore => "恢复", "Restored";
    TablePeople => "人员", "Person";
    TableRegions => "地区", "Place";
    TableCategories => "困难类别", "Hardship category";
    TableSettings => "设置", "Setting";
    TablePosts => "岗位", "Post";
    TablePlacements => "上岗", "Placement";
    TableTrainings => "培训", "Training";
    TableAttendance => "考勤", "Attendance";
    TableSubsidyMonths => "补贴表", "Subsidy sheet";
    TableAdjustments => "补贴调整", "Adjustment";
    TableMinimumWages => "最低工资标准", "Minimum wage";
    SettingsSaved => "设置已保存。", "Settings saved.";
    // Posts and placements (domain)
    PostCatManagement => "公共管理类", "Public management";
    PostCatService => "公共服务类", "Public service";
    PostCatUndertaking => "社会事业类", "Social undertakings";
    PostCatMaintenance => "设施维护类", "Facility maintenance";
    PostCatGovernance => "社会治理类", "Social governance";
    PostOpen => "在招", "Open";
    PostSuspended => "暂停", "Suspended";
    PostClosed => "已结束", "Closed";
    ExitOtherWork => "找到其他工作", "Found other work";
    ExitRetiredOrDied => "退休或死亡", "Retired or died";
    ExitUnfit => "不能胜任", "Unfit for the post";
    ExitMisconduct => "违纪", "Misconduct";
    ExitBreach => "违反协议", "Breach of agreement";
    ExitAgreementEnded => "协议期满", "Agreement ended";
    ExitOther => "其他", "Other";
    InelNoTraining => "没有通过培训，不能上岗（先培训、后上岗）。", "No training passed, no placement: training comes first.";
    InelCategory => "不属于可安置的困难类别（见设置）。", "Not in a category eligible for these posts (see Settings).";
    InelTooYoung => "上岗日年龄 {} 岁，低于 {} 岁。", "Aged {} on the start date, below the minimum of {}.";
    InelTooOld => "上岗日年龄 {} 岁，超过 {} 岁上限。", "Aged {} on the start date, above the limit of {}.";
    InelAlreadyPlaced => "已在岗：{}。一人只能在一个岗位。", "Already placed on {}: one post per person.";
    InelNoVacancy => "该岗位已满员。", "Every place on this post is filled.";
    InelPostNotOpen => "该岗位已暂停或结束。", "This post is suspended or closed.";
    InelOutsideFunding => "上岗日期不在岗位资金期限内。", "The start date is outside the post's funding period.";
    AreaUrban => "城镇", "Urban";
    AreaRural => "乡村", "Rural";
    ColIndex => "序号", "No.";
    ColPost => "岗位", "Post";
    ColArea => "类型", "Type";
    ColDaysInPost => "在岗天数", "Days in post";
    ColHours => "工时", "Hours";
    ColWage => "岗位补贴（元）", "Post subsidy (yuan)";
    ColSocialInsurance => "社保补贴（元）", "Social insurance (yuan)";
    ColAdjustment => "调整（元）", "Adjustment (yuan)";
    ColTotal => "合计（元）", "Total (yuan)";
    ColStart => "上岗日期", "Start date";
    SheetTitle => "{} 城乡公益性岗位补贴发放表", "Public-welfare post subsidy sheet, {}";
    SheetSubtitle => "共 {} 行，合计 {} 元", "{} lines, {} yuan in all";
    Totals => "合计", "Total";
    SheetFooter => "制表人：　　　　　审核人：　　　　　单位（盖章）：", "Prepared by:            Checked by:            Seal:";
    NoticeTitle => "钢城区城乡公益性岗位上岗人员公示", "Public notice: people placed on public-welfare posts, Gangcheng District";
    NoticeSubtitle => "上岗日期 {} 至 {}，共 {} 人", "Placed from {} to {}: {} people";
    NoticeFooter => "公示期为5个工作日。如有异议，请在公示期内向区人力资源和社会保障局反映。", "The notice stands for 5 working days. Objections to the district human-resources bureau within that time.";
    GeneratedOn => "生成日期：{}", "Generated on {}";
    PageLabel => "第 {} 页，共 {} 页", "Page {} of {}";
    // Job placements tab
    TabPlacements => "岗位安置", "Job placements";
    PlPosts => "岗位", "Posts";
    PlPlaced => "上岗人员", "People placed";
    PlMonth => "考勤与补贴", "Attendance & pay";
    PlChecks => "核查", "Checks";
    PlFigures => "统计", "Figures";
    PlNotice => "公示", "Public notice";
    AnyValue => "全部", "Any";
    PostCategory => "岗位类别", "Category";
    PostArea => "城乡", "Urban/rural";
    PostStatus => "状态", "Status";
    NewPost => "新建岗位", "New post";
    EditPost => "编辑岗位", "Edit post";
    PostsCount => "共 {} 个岗位，空缺 {} 个", "{} posts, {} places vacant";
    ColFilled => "在岗/定员", "Filled/places";
    ColFunding => "资金期限", "Funded";
    HostUnit => "用工单位", "Host unit";
    Headcount => "定员", "Places";
    MonthlyHours => "每月工时", "Hours a month";
    FundedFrom => "资金起始", "Funded from";
    FundedTo => "资金截止", "Funded to";
    BadDate => "日期格式应为 YYYY-MM-DD，如 2026-11-28。", "Dates are written YYYY-MM-DD, as in 2026-11-28.";
    PostFormIncomplete => "请填写岗位名称、用工单位、村居、工时，并确认资金期限。", "Fill in the title, host unit, place and hours, and check the funding period.";
    PeopleOnPost => "在岗人员", "People on this post";
    NobodyYet => "（暂无）", "(nobody yet)";
    PlacePerson => "安排上岗", "Place a person";
    Person => "人员：", "Person: ";
    ChangePerson => "换人", "Change";
    FindPerson => "查找人员", "Find a person";
    RegisterOnTheSpot => "现场登记", "Register on the spot";
    ChoosePerson => "请先选择人员。", "Choose a person first.";
    Training => "上岗培训", "Training";
    TrainingFirst => "先培训、后上岗：没有通过培训不能上岗。", "Training comes first: no training passed, no placement.";
    NewTraining => "新的培训记录", "A new training record";
    Course => "培训项目", "Course";
    TrainedOn => "培训日期", "Date";
    TrainingHours => "学时", "Hours";
    TrainingPassed => "培训合格", "Passed";
    AgreementEnd => "协议到期", "Agreement ends";
    AccidentInsurance => "已购买意外伤害保险（乡村岗位）", "Accident insurance bought (rural posts)";
    ConfirmPlacement => "确认上岗", "Confirm placement";
    Placed => "已安排上岗：{}", "Placed: {}";
    ScopeActive => "在岗", "In post";
    ScopeExited => "已退岗", "Exited";
    ScopeAll => "全部", "All";
    ExitDate => "退岗日期", "Exit date";
    ExitDateMeaning => "退岗日期为最后一个在岗日，当天计发补贴。", "The exit date is the last day in post; that day is paid.";
    History => "上岗记录", "History";
    ExitedOn => "{} 退岗：{}", "Left on {}: {}";
    RecordExit => "办理退岗", "Record an exit";
    ConfirmExit => "确认退岗", "Confirm exit";
    PrevMonth => "上个月", "Previous month";
    NextMonth => "下个月", "Next month";
    MonthOpen => "填报中", "Open";
    MonthComputed => "已计算，待审核", "Computed, to be approved";
    MonthApproved => "已审核（已锁定）", "Approved (locked)";
    Attendance => "考勤", "Attendance";
    SubsidySheet => "补贴表", "Subsidy sheet";
    ComputeSheet => "计算补贴表", "Compute the sheet";
    ApproveSheet => "审核通过", "Approve";
    SheetApproved => "{} 补贴表已审核，已锁定。更正请在以后月份做调整。", "The sheet of {} is approved and locked. Corrections go into a later month.";
    ExportExcel => "导出 Excel…", "Export to Excel…";
    FullIdsForBank => "身份证号完整导出（银行发放用）", "Full ID numbers (for the bank)";
    PayRule => "计发规则：城镇岗位按当月每个在岗日适用的月最低工资标准之和除以当月天数计发，另加社保补贴（当月在岗即全额）；乡村岗位按工时乘以小时最低工资标准计发（工时平均分摊到在岗日，按各日标准计算）。均四舍五入到分。", "Pay rule: urban posts get the sum, over each day in post, of the monthly minimum wage in force that day, divided by the days in the month, plus the social-insurance subsidy (in full for any month in post); rural posts get hours times the hourly minimum wage (hours spread evenly over the days in post, each day at its own rate). Rounded half-up to the fen.";
    DaysOrHours => "出勤天数 / 工时", "Days worked / hours";
    UnitDays => "天", "days";
    UnitHours => "小时", "hours";
    BadAttendance => "请填写数字：天数为整数，工时最多一位小数。", "Enter a number: whole days, or hours with at most one decimal.";
    SheetNotComputed => "本月补贴表尚未计算。", "This month's sheet has not been computed yet.";
    Correct => "更正", "Correct";
    CorrectionTitle => "更正 {} 的 {} 补贴，在 {} 补贴表中调整", "Correct {}'s pay for {}, adjusted on the sheet of {}";
    AdjustmentAmount => "调整金额（元，负数为追回）", "Amount (yuan, negative to recover)";
    AdjustmentReason => "原因", "Reason";
    AdjustmentInvalid => "请填写非零金额和原因。", "Enter a non-zero amount and a reason.";
    JobCompute => "正在计算补贴表", "Computing the subsidy sheet";
    ChecksFor => "{} 核查", "Checks for {}";
    ChecksExplain => "已计算或已审核的补贴表中：退岗后仍发放、同一身份证号重复发放、超过年龄上限、工时超过岗位每月工时、未填考勤却发放。", "On the computed or approved sheet: paid after exit, the same ID paid twice, past the age limit, hours above the post's monthly hours, paid with no attendance entered.";
    NoFindings => "未发现问题。", "Nothing found.";
    CheckPaidAfterExit => "退岗后仍发放", "Paid after exit";
    CheckPaidTwice => "同一身份证号重复发放", "Same ID paid twice";
    CheckPastAge => "超过年龄上限", "Past the age limit";
    CheckHours => "工时超过岗位上限", "Hours above the post's limit";
    CheckNoAttendance => "未填考勤却发放", "Paid with no attendance";
    FigInPost => "当前在岗 {} 人", "{} people in post now";
    FigPlaced => "今年安置上岗 {} 人，累计 {} 人", "{} placed this year, {} in all";
    FigUrbanRural => "城镇岗位 {} 人，乡村岗位 {} 人", "Urban posts {}, rural posts {}";
    FigStable => "稳定一个：上岗满6个月仍在岗 {}；满12个月仍在岗 {}", "Kept stable: still in post after 6 months {}; after 12 months {}";
    FigExits => "今年退岗原因", "Exits this year by reason";
    NoticeExplain => "生成上岗人员公示（A4，PDF），身份证号一律遮盖。", "Makes the notice of people placed (A4 PDF); ID numbers are always masked.";
    PeriodFrom => "上岗日期自", "Placed from";
    PeriodTo => "至", "to";
    BadPeriod => "请填写有效的起止日期（YYYY-MM-DD），起始不晚于截止。", "Enter valid dates (YYYY-MM-DD), the first not after the second.";
    ExportPdf => "导出公示 PDF…", "Export the notice as PDF…";
    PathPromptExport => "导出文件的保存路径", "Path of the file to write";
    PlacementRules => "公益性岗位规则", "Public-welfare post rules";
    EligibleCategories => "可安置的困难类别", "Categories eligible for placement";
    MinAge => "最低年龄", "Minimum age";
    MaxAgeMale => "男性年龄上限", "Age limit, men";
    MaxAgeFemale => "女性年龄上限", "Age limit, women";
    AgreementYears => "协议默认年限", "Agreement length (years)";
    WageTier => "最低工资档次", "Minimum-wage tier";
    SocialInsuranceSubsidy => "城镇岗位社保补贴（元/月）", "Social-insurance subsidy, urban (yuan/month)";
    MinimumWages => "最低工资标准", "Minimum wages";
    MinimumWagesExplain => "按生效日期和档次；随程序提供的数据需对照省政府文件核实后标记。", "By effective date and tier; the figures shipped with the program must be checked against the provincial notice and marked.";
    EffectiveFrom => "生效日期", "Effective from";
    MonthlyMinimum => "月标准（元）", "Monthly (yuan)";
    HourlyMinimum => "小时标准（元）", "Hourly (yuan)";
    Verified => "已核实", "Checked";
    MarkVerified => "待核实，标记已核实", "To check: mark checked";
    AddWage => "添加标准", "Add a rate";
    WageInvalid => "请填写生效日期（YYYY-MM-DD）和大于零的月、小时标准。", "Enter the effective date (YYYY-MM-DD) and monthly and hourly amounts above zero.";
    // Fonts
    NoCjkFont => "No Chinese font was found on this computer, so Chinese text can not be shown. Fix: {}", "No Chinese font was found on this computer, so Chinese text can not be shown. Fix: {}";
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_text_exists_in_both_languages() {
        for key in T::ALL {
            assert!(!key.zh().trim().is_empty(), "{key:?} has no Chinese text");
            assert!(!key.en().trim().is_empty(), "{key:?} has no English text");
            let placeholders = |s: &str| s.matches("{}").count();
            assert_eq!(
                placeholders(key.zh()),
                placeholders(key.en()),
                "{key:?} has different placeholders"
            );
        }
    }

    #[test]
    fn chinese_is_chinese_and_english_is_english() {
        // The message shown when no CJK font exists must be readable without one.
        let english_only = [T::NoCjkFont];
        for key in T::ALL {
            if english_only.contains(key) {
                assert!(
                    !has_cjk(key.zh()),
                    "{key:?} must be readable without a CJK font"
                );
                continue;
            }
            assert!(has_cjk(key.zh()), "{key:?} Chinese text has no Chinese");
            // The product name is the one English text that carries Chinese.
            if *key != T::AppTitle {
                assert!(!has_cjk(key.en()), "{key:?} English text has Chinese");
            }
        }
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        assert_eq!(
            Lang::En.f(T::DemoLoaded, &[&3, &40, &5]),
            "Loaded 3 villages/communities, 40 people and 5 placements"
        );
        assert_eq!(Lang::Zh.f(T::PeopleCount, &[&12]), "共 12 人");
    }
}
