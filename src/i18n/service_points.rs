//! The Service points tab (医保服务点): points, the offline map, the 10-minute circle, the
//! service log, their exports and the command line.

use crate::domain::service_points::{Handling, PointProblem, PointStatus, Tier, TravelMode};
use crate::domain::spatial::Datum;
use crate::domain::spatial::outline::OutlineError;
use crate::i18n::{Msg, Text};

crate::i18n::texts! {
    const TAB => "医保服务点", "Service points";
    const TABLE_SERVICE_POINTS => "医保服务点", "Service points";
    const TABLE_SP_SERVICES => "服务事项", "Services of the points";
    const TABLE_SERVICE_LOG => "服务记录", "Service log";
    const TABLE_MAP_OUTLINES => "地图轮廓", "Map outlines";
    // Sub-views
    const VIEW_MAP => "地图", "Map";
    const VIEW_POINTS => "服务点列表", "Point list";
    const VIEW_COVERAGE => "覆盖分析", "Coverage";
    const VIEW_LOG => "服务记录", "Service log";
    // Tiers, statuses, handling
    const TIER_HALL => "区医保服务大厅", "District service hall";
    const TIER_WORKSTATION => "医保工作站", "Workstation";
    const TIER_VILLAGE => "村级医保工作点", "Village point";
    const TIER_HOSPITAL => "医疗机构内设工作站", "Hospital workstation";
    const STATUS_PLANNED => "筹建中", "Planned";
    const STATUS_OPEN => "运行中", "Open";
    const STATUS_CLOSED => "已撤销", "Closed";
    const ON_SITE => "现场办理", "On site";
    const ASSISTED => "帮办代办", "Assisted, passed on";
    const WALKING => "步行", "Walking";
    const EBIKE => "电动车", "Electric bike";
    const DATUM_WGS84 => "WGS-84（GPS、天地图）", "WGS-84 (GPS, Tianditu)";
    const DATUM_GCJ02 => "GCJ-02（高德、腾讯地图）", "GCJ-02 (Amap, Tencent)";
    // Filters
    const ALL_TIERS => "全部层级", "All tiers";
    const ALL_SERVICES => "全部事项", "All services";
    const ALL_STATUSES => "全部状态", "All statuses";
    const ALL_STREETS => "全部街道", "All streets";
    const FILTER_TIER => "层级", "Tier";
    const FILTER_SERVICE => "服务事项", "Service";
    const FILTER_STATUS => "状态", "Status";
    const FILTER_STREET => "街道", "Street";
    const SHOW_CIRCLE => "显示服务圈", "Show the circle";
    const SHOW_VILLAGES => "显示村居", "Show villages";
    const FIT => "全区视图", "Whole district";
    const NEW_POINT => "新增服务点", "New point";
    const PLACE_ON_MAP => "在地图上点选位置", "Click the map to place";
    const PLACING_HINT => "在地图上单击放置服务点；按 Esc 取消", "Click the map to place the point; Esc cancels";
    // Columns and fields
    const COL_NAME => "名称", "Name";
    const COL_TIER => "层级", "Tier";
    const COL_PLACE => "所在村居", "Village/community";
    const COL_STREET => "街道", "Street";
    const COL_STATUS => "状态", "Status";
    const COL_ADDRESS => "地址", "Address";
    const COL_HOURS => "办公时间", "Opening hours";
    const COL_PHONE => "电话", "Phone";
    const COL_SERVICES => "服务事项", "Services";
    const COL_STAFF => "工作人员", "Staff";
    const COL_COORD => "坐标（WGS-84）", "Coordinates (WGS-84)";
    const COL_PEOPLE => "登记人口", "People registered";
    const COL_NEAREST => "最近服务点", "Nearest point";
    const COL_DISTANCE => "直线距离", "Straight-line distance";
    const COL_MINUTES => "约需分钟", "About minutes";
    const COL_COVERED => "是否覆盖", "Covered";
    const COL_VILLAGES => "村居", "Villages";
    const COL_VILLAGES_COVERED => "覆盖村居", "Villages covered";
    const COL_PEOPLE_COVERED => "覆盖人口", "People covered";
    const COL_SHARE => "人口覆盖率", "Share of people";
    const COL_WORKSTATIONS => "工作站", "Workstations";
    const COL_VILLAGE_POINTS => "有工作点的村居", "Villages with a point";
    const COL_BROUGHT => "可新覆盖人口", "People it would bring in";
    const COL_BROUGHT_VILLAGES => "可新覆盖村居", "Villages it would bring in";
    const COL_MONTH => "月份", "Month";
    const COL_SERVICE => "服务事项", "Service";
    const COL_COUNT => "次数", "Times";
    const COL_PASSED_ON => "上交办理", "Passed on";
    const COL_DAY => "日期", "Day";
    const COL_POINT => "服务点", "Point";
    const FIELD_NAME => "名称", "Name";
    const FIELD_TIER => "层级", "Tier";
    const FIELD_PARENT => "上级服务点", "Parent point";
    const FIELD_PLACE => "所在地区", "Place";
    const FIELD_ADDRESS => "地址", "Address";
    const FIELD_LON => "经度", "Longitude";
    const FIELD_LAT => "纬度", "Latitude";
    const FIELD_DATUM => "坐标系", "Datum";
    const FIELD_HOURS => "办公时间", "Opening hours";
    const FIELD_PHONE => "电话", "Phone";
    const FIELD_STATUS => "状态", "Status";
    const FIELD_OPENED => "启用日期", "Opened on";
    const FIELD_CLOSED => "撤销日期", "Closed on";
    const FIELD_NEW => "本年新建", "New this year";
    const FIELD_STAFF_NAME => "姓名", "Name";
    const FIELD_FULL_TIME => "专职", "Full-time";
    const PART_TIME => "兼职", "Part-time";
    const ADD_STAFF => "添加工作人员", "Add staff";
    const REMOVE => "移除", "Remove";
    const SAVE => "保存", "Save";
    const CANCEL => "取消", "Cancel";
    const EDIT => "编辑", "Edit";
    const NO_PARENT => "（无）", "(none)";
    const NOT_PLACED => "未定位", "Not placed";
    const BAD_NUMBER => "请输入数字，例如 117.81449", "Enter a number, e.g. 117.81449";
    const BAD_DATE => "日期格式为 2026-03-01", "Dates are written 2026-03-01";
    const PLACE_REQUIRED => "请选择所在地区。", "Choose the place.";
    const SAVED => "服务点已保存", "Point saved";
    const YES => "是", "Yes";
    const NO => "否", "No";
    // Map
    const LEGEND => "图例", "Legend";
    const LEGEND_VILLAGE_COVERED => "村居（圈内）", "Village (inside the circle)";
    const LEGEND_VILLAGE_UNCOVERED => "村居（圈外）", "Village (outside the circle)";
    const LEGEND_PLANNED => "空心：筹建中", "Hollow: planned";
    const NO_OUTLINE => "未导入行政区轮廓：只画村居和服务点（在“设置”的“医保服务点”中导入 GeoJSON）", "No outline imported: villages and points only (import GeoJSON under Settings, Service points)";
    const GENERATED_COORDS => "演示数据：坐标为生成的示意位置，并非实测", "Demonstration data: coordinates are generated, not surveyed";
    const MAP_HINT => "拖动平移，滚轮缩放，单击查看详情", "Drag to pan, wheel to zoom, click for details";
    const CARD_NEAREST => "最近的服务点", "Nearest points";
    const CARD_CLOSE => "关闭", "Close";
    const CARD_HANDLES => "现场办理", "Handled on site";
    const CARD_PASSES => "帮办代办", "Assisted, passed on";
    // Coverage
    fn radius_explained(minutes, mode, metres) => "{minutes} 分钟{mode} ≈ {metres} m 直线距离", "{mode}, {minutes} minutes ≈ {metres} m in a straight line";
    fn reach_detail(speed, detour) => "速度 {speed} km/h，绕行系数 {detour}", "speed {speed} km/h, detour factor {detour}";
    fn district_coverage(covered, villages, people_covered, people, share) => "全区：{villages} 个村居中 {covered} 个在服务圈内；登记人口 {people} 人中 {people_covered} 人（{share}）", "District: {covered} of {villages} villages inside the circle; {people_covered} of {people} registered people ({share})";
    fn unplaced(count) => "{count} 个村居没有坐标，未计入（在“人员与地区”的地区编辑中填写）", "{count} villages have no coordinates and are not counted (enter them in the region editor of People & places)";
    fn uncovered_count(count) => "共 {count} 个村居在服务圈外", "{count} villages outside the circle";
    fn points_count(count) => "共 {count} 个服务点", "{count} points";
    const NEW_POINT_HERE => "在此新建工作点", "New point here";
    const READ_POINTS_FAILED => "服务点未能读取", "The points could not be read";
    const VILLAGE_CARD_PEOPLE => "登记人口", "People registered";
    const IN_CIRCLE => "在服务圈内", "Inside the circle";
    const OUT_OF_CIRCLE => "在服务圈外", "Outside the circle";
    fn nearest_line(tier, name, metres, minutes) => "{tier}：{name}，{metres} m，约 {minutes} 分钟", "{tier}: {name}, {metres} m, about {minutes} min";
    const UNCOVERED_TITLE => "服务圈外的村居（按未覆盖人口排序）", "Villages outside the circle (most people first)";
    const ALL_COVERED => "所有已定位的村居都在服务圈内", "Every placed village is inside the circle";
    const STREETS_TITLE => "各街道覆盖情况与目标", "Coverage by street, against the targets";
    const TARGETS => "目标：每个街道有医保工作站，每个村居有医保工作点", "Targets: a workstation in every street, a point in every village";
    const BEST_TITLE => "再建一个点，放在哪里最有用", "Where would one more point help most";
    const BEST_HINT => "以圈外村居为候选地点，按可新纳入服务圈的人口排序", "Uncovered villages as sites, ranked by the people a point there would bring inside";
    const TARGET_MET => "达标", "Met";
    const TARGET_MISSED => "未达标", "Not met";
    const EXPORT_COVERAGE => "导出覆盖分析（Excel）", "Export coverage (Excel)";
    const EXPORT_GUIDE => "打印办事指南（PDF）", "Print the where-to-go guide (PDF)";
    const JOB_COVERAGE => "导出覆盖分析", "Exporting the coverage";
    const JOB_GUIDE => "生成办事指南", "Making the guide";
    const ASK_COVERAGE_PATH => "覆盖分析保存到", "Save the coverage to";
    const ASK_GUIDE_PATH => "办事指南保存到", "Save the guide to";
    // Service log
    const LOG_ADD => "记一笔", "Log it";
    const LOG_TITLE => "按服务点、事项和月份的工作量（近 12 个月）", "Workload by point, service and month (last 12 months)";
    const LOG_SAVED => "已记录", "Logged";
    const LOG_UPWARD => "上交办理最多的服务点（近 12 个月）", "Points that pass most work upward (last 12 months)";
    fn log_upward_line(name, passed, total) => "{name}：上交 {passed} 次，共 {total} 次", "{name}: {passed} passed on of {total}";
    const LOG_EMPTY => "近 12 个月没有服务记录", "No service logged in the last 12 months";
    // Settings
    const SETTINGS_TITLE => "医保服务点", "Service points";
    const SETTINGS_REACH => "服务圈：出行方式、速度、分钟数和绕行系数", "The circle: travel mode, speed, minutes and detour factor";
    const FIELD_MODE => "出行方式", "Travel mode";
    const FIELD_SPEED => "速度（km/h）", "Speed (km/h)";
    const FIELD_MINUTES => "分钟", "Minutes";
    const FIELD_DETOUR => "绕行系数", "Detour factor";
    const SAVE_REACH => "保存服务圈", "Save the circle";
    const REACH_SAVED => "服务圈已保存", "Circle saved";
    const SETTINGS_OUTLINE => "行政区轮廓（GeoJSON，面或多面）", "Outlines (GeoJSON, Polygon or MultiPolygon)";
    const FIELD_OUTLINE_FILE => "GeoJSON 文件", "GeoJSON file";
    const IMPORT_OUTLINE => "导入轮廓", "Import outlines";
    const CHOOSE_FILE => "选择文件…", "Choose a file…";
    fn outlines_kept(count, vertices) => "已导入 {count} 个轮廓，共 {vertices} 个顶点", "{count} outlines kept, {vertices} vertices in all";
    fn outline_imported(count, vertices) => "已导入 {count} 个轮廓（{vertices} 个顶点），原有轮廓已替换", "Imported {count} outlines ({vertices} vertices), replacing the ones before";
    // Errors
    const PROBLEM_NAME => "请填写名称。", "Enter a name.";
    const PROBLEM_COORD => "坐标超出范围：经度 -180 至 180，纬度 -90 至 90。", "Coordinates out of range: longitude -180 to 180, latitude -90 to 90.";
    const PROBLEM_PARENT => "上级服务点层级不对：村级工作点挂在街道工作站下，工作站挂在服务大厅下。", "Wrong parent: a village point hangs under a workstation, a workstation under the hall.";
    const PROBLEM_DATES => "撤销日期早于启用日期，或已撤销却没有撤销日期。", "Closed before it opened, or closed without a closing day.";
    const PROBLEM_STAFF => "工作人员需填写姓名。", "Every staff member needs a name.";
    const PROBLEM_SERVICE_TWICE => "同一服务事项列了两次。", "A service is listed twice.";
    const WRONG_PARENT => "上级服务点不存在或层级不对。", "The parent point does not exist or is of the wrong tier.";
    const REACH_INVALID => "服务圈设置无效：速度 0–100 km/h，分钟 0–120，绕行系数 1–5。", "The circle's settings are invalid: speed 0-100 km/h, minutes 0-120, detour factor 1-5.";
    const LOG_LINE_INVALID => "次数须大于 0，日期不能晚于今天。", "The count must be above 0 and the day not in the future.";
    const SERVICE_NAME_REQUIRED => "服务事项需填写中文和英文名称。", "A service needs its Chinese and English names.";
    fn outline_not_geojson(detail) => "不是有效的 GeoJSON 文件，未导入任何内容：{detail}", "Not a valid GeoJSON file; nothing was imported: {detail}";
    fn outline_unsupported(feature, kind) => "第 {feature} 个要素是 {kind}，只能导入面（Polygon）和多面（MultiPolygon）；未导入任何内容。", "Feature {feature} is a {kind}; only Polygon and MultiPolygon are imported. Nothing was imported.";
    fn outline_bad_ring(feature) => "第 {feature} 个要素的边界不是闭合的经纬度环（可能是投影坐标）；未导入任何内容。", "Feature {feature} has a ring that is not a closed ring of degrees (projected coordinates?); nothing was imported.";
    fn village_line_invalid(line) => "坐标文件第 {line} 行不是“区划代码,经度,纬度”或不是村居；未导入任何内容。", "Line {line} of the coordinates file is not code,longitude,latitude of a village or community; nothing was imported.";
    const SETTINGS_VILLAGES => "村居坐标（CSV：区划代码,经度,纬度）", "Village coordinates (CSV: code,longitude,latitude)";
    const FIELD_VILLAGE_FILE => "CSV 文件", "CSV file";
    const IMPORT_VILLAGES => "导入村居坐标", "Import village coordinates";
    fn villages_imported(count) => "已更新 {count} 个村居的坐标", "Coordinates of {count} villages updated";
    const OUTLINE_EMPTY => "文件中没有面或多面；未导入任何内容。", "The file holds no Polygon or MultiPolygon; nothing was imported.";
    // Exports
    const SHEET_TITLE => "医保经办10分钟便民服务圈覆盖分析", "Coverage of the 10-minute medical-insurance service circle";
    const SHEET_VILLAGES => "村居", "Villages";
    const SHEET_STREETS => "街道", "Streets";
    const COL_NEAREST_HALL => "服务大厅", "Service hall";
    const COL_NEAREST_WORKSTATION => "最近工作站", "Nearest workstation";
    const COL_NEAREST_VILLAGE => "最近村级工作点", "Nearest village point";
    const COL_NEAREST_HOSPITAL => "最近医疗机构工作站", "Nearest hospital workstation";
    const COL_METRES => "距离（米）", "Metres";
    const GUIDE_TITLE => "医保业务办事指南", "Where to go for medical-insurance matters";
    fn guide_for(village, street) => "{street} {village} 办事指南", "{village}, {street}: where to go";
    const GUIDE_NEAREST_VILLAGE => "就近村级医保工作点", "Nearest village point";
    const GUIDE_WORKSTATION => "街道医保工作站", "Street workstation";
    const GUIDE_HALL => "区医保服务大厅", "District service hall";
    const GUIDE_NONE => "暂无", "None yet";
    fn guide_distance(metres, minutes) => "约 {metres} 米，步行约 {minutes} 分钟", "About {metres} m, about {minutes} minutes on foot";
    fn guide_address(value) => "地址：{value}", "Address: {value}";
    fn guide_hours(value) => "办公时间：{value}", "Opening hours: {value}";
    fn guide_phone(value) => "电话：{value}", "Phone: {value}";
    fn guide_on_site(value) => "现场办理：{value}", "Handled on site: {value}";
    fn guide_assisted(value) => "帮办代办：{value}", "Assisted and passed on: {value}";
    fn guide_name(value) => "名称：{value}", "Name: {value}";
    const EXPORT_MAP => "打印覆盖地图（PDF）", "Print the coverage map (PDF)";
    const JOB_MAP => "生成覆盖地图", "Making the coverage map";
    const ASK_MAP_PATH => "覆盖地图保存到", "Save the coverage map to";
    const MAP_TITLE => "医保经办10分钟便民服务圈覆盖地图", "Map of the 10-minute medical-insurance service circle";
    fn map_subtitle(radius, outside) => "服务圈半径约 {radius} m（直线），圈外村居 {outside} 个（橙色圆圈）", "Circle radius about {radius} m (straight line); {outside} villages outside (orange rings)";
    const GUIDE_FOOTER => "坐标与距离为直线估算，仅供参考", "Distances are straight-line estimates, for guidance only";
    const NO_VILLAGES => "没有可打印的村居", "No villages to print";
    const UNKNOWN_STREET => "没有这个街道代码", "No street has this code";
    // Command line
    const USAGE_IMPORT => "用法：minsheng import outline --db 文件 --file 轮廓.geojson --datum wgs84|gcj02 [--user 用户名]", "Usage: minsheng import outline --db FILE --file OUTLINE.geojson --datum wgs84|gcj02 [--user NAME]";
    const USAGE_COVERAGE => "用法：minsheng export coverage --db 文件 --out 覆盖分析.xlsx [--user 用户名]", "Usage: minsheng export coverage --db FILE --out COVERAGE.xlsx [--user NAME]";
    const USAGE_GUIDE => "用法：minsheng export guide --db 文件 [--street 街道代码] --out 办事指南.pdf [--user 用户名]", "Usage: minsheng export guide --db FILE [--street CODE] --out GUIDE.pdf [--user NAME]";
    const BAD_DATUM => "--datum 只能是 wgs84 或 gcj02", "--datum is wgs84 or gcj02";
}

/// The name of a tier.
pub fn tier(t: Tier) -> Text {
    match t {
        Tier::Hall => TIER_HALL,
        Tier::Workstation => TIER_WORKSTATION,
        Tier::Village => TIER_VILLAGE,
        Tier::Hospital => TIER_HOSPITAL,
    }
}

/// The name of a status.
pub fn status(s: PointStatus) -> Text {
    match s {
        PointStatus::Planned => STATUS_PLANNED,
        PointStatus::Open => STATUS_OPEN,
        PointStatus::Closed => STATUS_CLOSED,
    }
}

/// How a service is handled.
pub fn handling(h: Handling) -> Text {
    match h {
        Handling::OnSite => ON_SITE,
        Handling::Assisted => ASSISTED,
    }
}

/// A travel mode.
pub fn mode(m: TravelMode) -> Text {
    match m {
        TravelMode::Walking => WALKING,
        TravelMode::EBike => EBIKE,
    }
}

/// A datum.
pub fn datum(d: Datum) -> Text {
    match d {
        Datum::Wgs84 => DATUM_WGS84,
        Datum::Gcj02 => DATUM_GCJ02,
    }
}

/// A problem of a point as entered.
pub fn problem(p: PointProblem) -> Text {
    match p {
        PointProblem::NameRequired => PROBLEM_NAME,
        PointProblem::BadCoordinate => PROBLEM_COORD,
        PointProblem::WrongParent => PROBLEM_PARENT,
        PointProblem::DatesOutOfOrder => PROBLEM_DATES,
        PointProblem::StaffNameRequired => PROBLEM_STAFF,
        PointProblem::ServiceTwice => PROBLEM_SERVICE_TWICE,
    }
}

/// Why an outline file was refused.
pub fn outline_error(e: &OutlineError) -> Msg {
    match e {
        OutlineError::NotGeoJson(detail) => outline_not_geojson(detail),
        OutlineError::Unsupported { feature, kind } => outline_unsupported(feature, kind),
        OutlineError::BadRing { feature } => outline_bad_ring(feature),
        OutlineError::NoAreas => OUTLINE_EMPTY.into(),
    }
}
