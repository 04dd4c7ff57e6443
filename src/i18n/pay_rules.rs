//! Pay that follows attendance and the rules in force: absence, the social-insurance
//! shares, hours ceilings, retirement dates, accident policies and the placement limits.

crate::i18n::texts! {
    // Change-log table names
    const TABLE_INSURANCE_RATES => "社保缴费基数和费率", "Social-insurance base and rates";
    const TABLE_RETIREMENT_RULES => "法定退休年龄", "Retirement ages";
    const TABLE_ACCIDENT_POLICIES => "意外伤害保险", "Accident insurance";
    // Pay errors
    fn no_insurance_rate(day) => "{day} 没有适用的社保缴费基数和费率，请在设置中补充。", "No social-insurance base and rates are in force on {day}: add them in Settings.";
    const NO_RETIREMENT_RULE => "设置中缺少此人所属类别的法定退休年龄。", "Settings have no retirement age for this person's group.";
    // The rule in words, next to the figures
    const RULE_CALENDAR => "出勤折算：月标准 × 出勤天数 ÷ 在岗天数 × 在岗天数 ÷ 当月日历天数（按自然日）。", "Absence: the monthly rate × days worked ÷ days in post, prorated by days in post ÷ calendar days of the month.";
    fn rule_paid_days(days) => "出勤折算：月标准 × 出勤天数 ÷ {days}（计薪天数），不超过按在岗天数折算的全月标准。", "Absence: the monthly rate × days worked ÷ {days} paid days, at most the rate prorated by days in post.";
    const RULE_LEAVE_COUNTS => "经批准的假期计入出勤。", "Approved leave counts as days worked.";
    const RULE_LEAVE_NOT_COUNTED => "经批准的假期不计入出勤。", "Approved leave does not count as days worked.";
    const RULE_INSURANCE => "社保补贴为单位缴费部分，按当月在岗首日适用的基数和费率计算，有在岗日即全额，不因缺勤减少，拨付用工单位或社保经办机构；个人缴费部分从本人补贴中扣除。乡村岗位工时超过上限部分不计发。", "The social-insurance subsidy is the employer's share on the base and rates in force on the first day in post of the month, due in full for any month with a day in post and not reduced by absence; it goes to the host unit or the fund. The person's share is deducted from their pay. Rural hours above the post's ceiling are not paid.";
    // Sheet and export columns
    const COL_DAYS_PAID => "计发天数", "Days paid";
    const COL_HOURS_PAID => "计发工时/填报工时", "Hours paid / entered";
    const COL_HOURS_ENTERED => "填报工时", "Hours entered";
    const COL_PERSON_SHARE => "个人社保（扣除）", "Person's share (deducted)";
    const COL_TO_PERSON => "发给本人", "To the person";
    const COL_EMPLOYER_SHARE => "单位社保补贴", "Employer's share";
    const COL_TO_FUND => "拨付单位/社保", "To the unit/fund";
    // Settings
    const ABSENCE_BASIS => "缺勤折算方式", "Absence proration";
    const BASIS_CALENDAR => "按当月日历天数", "By calendar days";
    const BASIS_PAID_DAYS => "按21.75计薪天数", "By 21.75 paid days";
    const LEAVE_COUNTS => "经批准的假期计入出勤", "Approved leave counts as worked";
    const AGREEMENT_MAX_YEARS => "协议最长年限", "Longest agreement (years)";
    const EXTEND_TO_RETIREMENT_YEARS => "距退休不足几年可签至退休", "Extend to retirement when fewer years remain";
    const WOMEN_WORKER_POSTS => "女性按工人岗位（50岁→55岁）", "Women on worker posts (50 → 55)";
    const INSURANCE_RATES => "社保缴费基数和费率", "Social-insurance base and rates";
    const INSURANCE_EXPLAIN => "单位和个人费率以百分比填写；随程序提供的数据需核实后标记。", "Rates as percentages, employer and person; the shipped figures must be checked and marked.";
    const BASE => "缴费基数（元）", "Base (yuan)";
    const PENSION_EMPLOYER => "养老（单位%）", "Pension, employer %";
    const MEDICAL_EMPLOYER => "医疗（单位%）", "Medical, employer %";
    const UNEMPLOYMENT_EMPLOYER => "失业（单位%）", "Unemployment, employer %";
    const INJURY_EMPLOYER => "工伤（单位%）", "Work injury, employer %";
    const PENSION_PERSON => "养老（个人%）", "Pension, person %";
    const MEDICAL_PERSON => "医疗（个人%）", "Medical, person %";
    const UNEMPLOYMENT_PERSON => "失业（个人%）", "Unemployment, person %";
    const ADD_INSURANCE_RATE => "添加基数和费率", "Add a base and rates";
    const INSURANCE_INVALID => "请填写生效日期（YYYY-MM-DD）、基数金额和 0 到 100 之间的费率。", "Enter the effective date (YYYY-MM-DD), the base as an amount and rates from 0 to 100.";
    const RETIREMENT_RULES => "法定退休年龄（渐进式延迟）", "Statutory retirement ages (gradual reform)";
    const RETIREMENT_EXPLAIN => "原退休时间在生效日之后的，每若干个月出生延迟一个月，至最多延迟月数。", "Those whose original retirement falls on or after the effective date are delayed one month per so many months of birth, up to the largest delay.";
    const GROUP => "类别", "Group";
    const GROUP_MALE => "男职工（原60岁）", "Men (was 60)";
    const GROUP_FEMALE_CADRE => "女干部（原55岁）", "Women, cadre posts (was 55)";
    const GROUP_FEMALE_WORKER => "女工人（原50岁）", "Women, worker posts (was 50)";
    const ORIGINAL_AGE => "原退休年龄", "Original age";
    const MONTHS_PER_STEP => "每几个月延迟1个月", "Birth months per month of delay";
    const ADD_RETIREMENT_RULE => "添加退休年龄规则", "Add a retirement rule";
    const MAX_DELAY => "最多延迟（月）", "Largest delay (months)";
    // Posts
    const MIN_HOURS => "每月最少工时", "Monthly floor (hours)";
    const MAX_HOURS => "每月最多计发工时", "Monthly ceiling (hours)";
    const HOURS_LIMITS_INVALID => "工时下限不能高于上限，且均不能为负数。", "The floor of hours can not be above the ceiling, and neither can be negative.";
    // Placement refusals
    fn inel_past_retirement(date) => "法定退休日期为 {date}，上岗日期须早于该日。", "The statutory retirement date is {date}: the start date must be before it.";
    fn inel_overlaps(post, from, to) => "与已有安置 {post}（{from} 至 {to}）时间重叠。一人同一时间只能在一个岗位。", "Overlaps the placement on {post} ({from} to {to}): one post at a time.";
    fn agreement_past_funding(date) => "协议到期日不能晚于岗位资金截止日 {date}。", "The agreement can not run past the post's funding end, {date}.";
    fn agreement_too_long(date) => "协议到期日最晚为 {date}（协议最长年限，见设置）。", "The agreement can end on {date} at the latest (the longest agreement, see Settings).";
    const TRAINING_AFTER_START => "培训日期不能晚于上岗日期。", "The training date can not be after the start date.";
    fn person_placed(post) => "此人仍在岗（{post}），请先办理退岗再移入回收站。", "This person is still placed ({post}): record the exit before moving them to the trash.";
    // Accident policies
    const POLICIES => "意外伤害保险保单", "Accident insurance policies";
    const INSURER => "保险公司", "Insurer";
    const POLICY_NO => "保单号", "Policy number";
    const PREMIUM => "保费（元）", "Premium (yuan)";
    const COVERS_FROM => "保险起期", "Covers from";
    const COVERS_TO => "保险止期", "Covers to";
    const ADD_POLICY => "添加保单", "Add the policy";
    const POLICY_INVALID => "请填写保险公司、保单号、保费和起止日期（止期不早于起期）。", "Enter the insurer, the policy number, the premium and the dates (the end not before the start).";
    const NO_POLICY => "未录入保单", "No policy entered";
}
