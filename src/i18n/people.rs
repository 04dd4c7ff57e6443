//! The People & places tab: regions, the people table, the person form, ID checks.

crate::i18n::texts! {
    // Tabs
    const TAB_PEOPLE => "人员与地区", "People & places";
    // Regions
    const REGIONS => "地区", "Places";
    const ALL_REGIONS => "全部地区", "All places";
    const ADD_CHILD => "添加下级", "Add below";
    const REGION_CODE => "区划代码", "Division code";
    const REGION_NAME => "名称", "Name";
    const REGION_SHORT_NAME => "简称（留空则自动）", "Short name (blank: derived)";
    const REGION_LEVEL => "层级", "Level";
    const LONGITUDE => "经度（WGS-84）", "Longitude (WGS-84)";
    const LATITUDE => "纬度（WGS-84）", "Latitude (WGS-84)";
    const LEVEL_DISTRICT => "区", "District";
    const LEVEL_STREET => "街道", "Street";
    const LEVEL_FUNCTION_AREA => "功能区", "Function area";
    const LEVEL_COMMUNITY => "社区", "Community";
    const LEVEL_VILLAGE => "村", "Village";
    const BAD_REGION_CODE => "区划代码应为12位数字，且以上级代码的前缀开头。", "A division code has 12 digits and starts like its parent's code.";
    const BAD_COORDINATE => "坐标无效：经度 -180～180，纬度 -90～90。", "Invalid coordinate: longitude -180 to 180, latitude -90 to 90.";
    // People table
    const SEARCH => "搜索", "Search";
    const SEARCH_HINT => "姓名、身份证号、电话、地址或村居", "Name, ID number, phone, address or village";
    const CATEGORY => "困难类别", "Hardship category";
    const ANY_CATEGORY => "全部类别", "Any category";
    const SHOW_TRASH => "回收站", "Trash";
    const ADD_PERSON => "新增人员", "Add person";
    const COL_SEX => "性别", "Sex";
    const COL_AGE => "年龄", "Age";
    const COL_CATEGORIES => "困难类别", "Categories";
    // Person form
    const NEW_PERSON_TITLE => "登记新人员", "Register a new person";
    const EDIT_PERSON_TITLE => "编辑人员", "Edit person";
    const VIEW_PERSON_TITLE => "人员信息", "Person";
    const FIELD_NAME => "姓名", "Name";
    const FIELD_ID_NUMBER => "身份证号", "Resident ID number";
    const FIELD_PHONE => "电话", "Phone";
    const FIELD_ADDRESS => "住址", "Address";
    const FIELD_REGION => "所属村居", "Village/community";
    const FIELD_CATEGORIES => "困难类别", "Hardship categories";
    fn derived_from_id(birth, sex, age) => "出生日期 {birth}，{sex}，{age} 岁（由身份证号得出）", "Born {birth}, {sex}, aged {age} (from the ID number)";
    fn person_saved(name) => "已保存：{name}", "Saved: {name}";
    fn duplicate_person(name) => "该身份证号已登记为 {name}。", "This ID number is already registered as {name}.";
    const OPEN_EXISTING => "查看已登记的人员", "Open the registered person";
    const CONFIRM_DELETE_TITLE => "移入回收站？", "Move to the trash?";
    const MOVE_TO_TRASH => "移入回收站", "Move to the trash";
    fn confirm_delete(name) => "将 {name} 移入回收站？可以在回收站中恢复。", "Move {name} to the trash? It can be restored from the trash.";
    fn person_trashed(name) => "已移入回收站：{name}", "Moved to the trash: {name}";
    fn person_restored(name) => "已恢复：{name}", "Restored: {name}";
    const REGION_REQUIRED => "请选择村居。", "Choose a village or community.";
    // Validation messages
    const ID_EMPTY => "请填写身份证号。", "Enter the ID number.";
    fn id_wrong_length(len) => "身份证号应为18位（或旧的15位），现在是 {len} 位。", "An ID number has 18 characters (or 15 for old ones); this has {len}.";
    fn id_invalid_char(position, ch) => "第 {position} 位的“{ch}”不是数字。", "Character {position} (“{ch}”) is not a digit.";
    fn id_bad_check(expected, found) => "校验位不对：应为 {expected}，填的是 {found}。请核对号码。", "The check character is wrong: it should be {expected}, not {found}. Please check the number.";
    const ID_IMPOSSIBLE_DATE => "号码中的出生日期不存在。", "The birth date in the number does not exist.";
    const ID_FUTURE_DATE => "号码中的出生日期在今天之后。", "The birth date in the number is in the future.";
    const ID_BAD_AREA => "前6位不是有效的地区代码。", "The first 6 digits are not a valid area code.";
    const PHONE_INVALID => "电话格式不对：手机为1开头的11位数字，座机如 0634-6012345。", "Not a phone number: mobile 11 digits starting with 1; landline with area code, e.g. 0634-6012345.";
    // Rules of the region tree
    const REGION_NOT_EMPTY => "该地区下还有下级或人员，不能删除。", "This place still has places or people under it and can not be deleted.";
    const DUPLICATE_REGION_CODE => "区划代码已存在。", "This division code already exists.";
    const REGION_NEEDS_PARENT => "只有区一级可以没有上级，请选择上级地区。", "Only the district stands without a parent: choose the place above it.";
}
