//! Plausible Chinese personal names for demonstration data.
//!
//! Demo and training databases must look real enough that staff can practise
//! searching and sorting, yet must never contain real residents. Names are
//! therefore *generated* from common surnames and given-name characters; any
//! resemblance to a real person is coincidence, and demo records must never
//! be mixed with live data.
//!
//! Randomness is injected as a picker function so that this module needs no
//! random-number crate and demo data can be reproduced from a seed.

/// Common surnames with rough relative weights (per 10 000 people).
///
/// Weights follow national frequency, nudged towards Shandong, where the
/// ledger is first deployed: 王, 张, 李 and 刘 dominate even more there, and
/// 于, 姜, 孔, 孟, 曲, 鞠, 宫 and 亓 (characteristic of Laiwu) are common locally.
/// Compound surnames are left out so that generated names keep 2-3 characters.
pub const SURNAMES: &[(&str, u32)] = &[
    ("王", 900),
    ("张", 760),
    ("李", 740),
    ("刘", 620),
    ("孙", 300),
    ("杨", 300),
    ("赵", 280),
    ("陈", 260),
    ("高", 230),
    ("徐", 220),
    ("于", 200),
    ("朱", 170),
    ("马", 170),
    ("周", 160),
    ("宋", 160),
    ("郭", 150),
    ("吴", 140),
    ("韩", 140),
    ("黄", 120),
    ("胡", 120),
    ("董", 120),
    ("郑", 110),
    ("姜", 110),
    ("吕", 110),
    ("梁", 100),
    ("魏", 100),
    ("林", 90),
    ("冯", 90),
    ("曹", 90),
    ("许", 90),
    ("崔", 90),
    ("何", 80),
    ("丁", 80),
    ("田", 80),
    ("任", 80),
    ("程", 70),
    ("贾", 70),
    ("杜", 70),
    ("孟", 70),
    ("亓", 60),
    ("孔", 60),
    ("唐", 60),
    ("苏", 60),
    ("卢", 60),
    ("范", 60),
    ("石", 60),
    ("罗", 50),
    ("谢", 50),
    ("袁", 50),
    ("邓", 50),
    ("蒋", 50),
    ("薛", 50),
    ("姚", 50),
    ("郝", 50),
    ("白", 50),
    ("侯", 50),
    ("曲", 40),
    ("毕", 40),
    ("尹", 40),
    ("秦", 40),
    ("邵", 40),
    ("闫", 40),
    ("鞠", 30),
    ("宫", 30),
    ("房", 30),
    ("颜", 30),
];

/// Characters common in men's given names.
pub const GIVEN_CHARS_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
    "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "建", "国",
    "峰", "亮", "成", "东", "志", "文", "海", "新", "庆", "春", "祥", "德", "福", "忠", "兵", "力",
    "永", "锋", "晨", "博", "轩", "睿", "泽", "宏", "振", "家", "子", "瑞", "昊", "铭", "天", "然",
    "一", "嘉", "翔", "昌", "胜", "坤", "彬", "良", "山", "岩", "金", "立", "卫", "光", "继", "民",
];

/// Characters common in women's given names.
pub const GIVEN_CHARS_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "英", "玲", "桂", "兰", "萍", "红", "燕",
    "梅", "琳", "莉", "雪", "婷", "颖", "倩", "洁", "慧", "欣", "悦", "晶", "璐", "瑶", "怡", "琪",
    "佳", "茜", "蕾", "薇", "雯", "菲", "露", "娇", "凤", "云", "莹", "丹", "月", "美", "晓", "彤",
    "涵", "萱", "梦", "雨", "诗", "琴", "楠", "馨", "婉", "淑", "珍", "玉", "翠", "荣", "爱", "秋",
    "清", "媛", "妍", "姗", "岚", "曼", "可", "语", "安", "心", "欢", "瑾", "蓉", "冰", "青", "素",
];

/// Share of generated given names, in tenths, that have a single character.
///
/// Single-character given names were the majority a generation ago and are
/// rarer among the young; about 30% gives a realistic mix across ages.
const SINGLE_CHAR_TENTHS: usize = 3;

/// Generates a name: weighted surname plus a one- or two-character given name.
///
/// `pick(n)` must return a uniformly distributed index in `0..n`; values out
/// of range are reduced modulo `n` rather than trusted, so a faulty picker
/// yields odd names instead of a panic. The same sequence of picks always
/// yields the same name.
pub fn make_name(pick: &mut dyn FnMut(usize) -> usize, female: bool) -> String {
    let mut name = String::with_capacity(9);
    name.push_str(pick_surname(pick));
    let given = if female {
        GIVEN_CHARS_FEMALE
    } else {
        GIVEN_CHARS_MALE
    };
    let count = if pick(10) % 10 < SINGLE_CHAR_TENTHS {
        1
    } else {
        2
    };
    for _ in 0..count {
        let index = pick(given.len()) % given.len();
        name.push_str(given[index]);
    }
    name
}

/// Chooses a surname with probability proportional to its weight.
fn pick_surname(pick: &mut dyn FnMut(usize) -> usize) -> &'static str {
    let total: usize = SURNAMES.iter().map(|&(_, weight)| weight as usize).sum();
    let mut remaining = pick(total) % total;
    for &(surname, weight) in SURNAMES {
        let weight = weight as usize;
        if remaining < weight {
            return surname;
        }
        remaining -= weight;
    }
    // Unreachable because remaining < total; the most common surname is a
    // harmless answer should the table ever be edited inconsistently.
    SURNAMES[0].0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Small deterministic linear congruential generator for tests.
    fn lcg(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |n| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % n
        }
    }

    #[test]
    fn tables_are_sane() {
        assert!((55..=70).contains(&SURNAMES.len()));
        assert!((75..=85).contains(&GIVEN_CHARS_MALE.len()));
        assert!((75..=85).contains(&GIVEN_CHARS_FEMALE.len()));
        let surnames: HashSet<_> = SURNAMES.iter().map(|&(s, _)| s).collect();
        assert_eq!(surnames.len(), SURNAMES.len(), "duplicate surname");
        assert!(
            SURNAMES
                .iter()
                .all(|&(s, w)| s.chars().count() == 1 && w > 0)
        );
        for list in [GIVEN_CHARS_MALE, GIVEN_CHARS_FEMALE] {
            let set: HashSet<_> = list.iter().collect();
            assert_eq!(set.len(), list.len(), "duplicate given-name character");
            assert!(list.iter().all(|c| c.chars().count() == 1));
        }
    }

    #[test]
    fn fixed_picker_gives_fixed_name() {
        let mut zero = |_: usize| 0;
        assert_eq!(make_name(&mut zero, false), "王伟");
        assert_eq!(make_name(&mut zero, true), "王芳");

        let picks = [900, 5, 1, 2];
        let mut i = 0;
        let mut scripted = |n: usize| {
            let v = picks[i % picks.len()] % n;
            i += 1;
            v
        };
        // 900 falls just past 王's weight -> 张; 5 -> two characters; then 1, 2.
        assert_eq!(make_name(&mut scripted, true), "张娜敏");
    }

    #[test]
    fn same_seed_same_names() {
        let mut a = lcg(42);
        let mut b = lcg(42);
        for k in 0..100 {
            assert_eq!(make_name(&mut a, k % 2 == 0), make_name(&mut b, k % 2 == 0));
        }
    }

    #[test]
    fn names_are_two_or_three_characters_from_the_tables() {
        let mut pick = lcg(7);
        let mut single = 0;
        let runs = 10_000;
        for k in 0..runs {
            let female = k % 2 == 1;
            let name = make_name(&mut pick, female);
            let chars: Vec<String> = name.chars().map(String::from).collect();
            assert!((2..=3).contains(&chars.len()), "{name}");
            assert!(SURNAMES.iter().any(|&(s, _)| s == chars[0]), "{name}");
            let given = if female {
                GIVEN_CHARS_FEMALE
            } else {
                GIVEN_CHARS_MALE
            };
            assert!(
                chars[1..].iter().all(|c| given.contains(&c.as_str())),
                "{name}"
            );
            if chars.len() == 2 {
                single += 1;
            }
        }
        let share = f64::from(single) / f64::from(runs);
        assert!(
            (0.25..0.35).contains(&share),
            "single-character share {share}"
        );
    }

    #[test]
    fn out_of_range_picker_does_not_panic() {
        let mut wild = |n: usize| n.wrapping_mul(7).wrapping_add(usize::MAX / 3);
        let name = make_name(&mut wild, false);
        assert!((2..=3).contains(&name.chars().count()));
    }
}
