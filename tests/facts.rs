//! The knowledge base carries every fact of the domain fact sheet: each is
//! looked up through the command a user would type (`--json`), under the
//! procedure and region it belongs to. And no procedure may lose its steps,
//! materials, sources or checked date unnoticed.

use assert_cmd::Command;
use serde_json::Value;

fn json(args: &[&str]) -> (String, Value) {
    let out = Command::cargo_bin("yibao")
        .unwrap()
        .args(args)
        .arg("--json")
        .env("YIBAO_TODAY", "2026-11-23")
        .env_remove("YIBAO_REGION")
        .env_remove("YIBAO_DATA")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let v = serde_json::from_str(&text).unwrap();
    (text, v)
}

/// (command, facts that must appear in its JSON answer)
const FACTS: &[(&[&str], &[&str])] = &[
    (
        &["card", "apply"],
        &[
            "参保登记",
            "信息采集",
            "制卡",
            "领卡",
            "激活",
            "居民身份证",
            "户口簿",
            "照片",
            "缴费凭证",
            "作废",
            "seed-000",
        ],
    ),
    (
        &["card", "apply", "--region", "heilongjiang"],
        &[
            "确认参保身份",
            "选择办理方式",
            "提交材料",
            "领取",
            "黑龙江一卡通",
            "邮寄",
            "当场",
            "seed-001",
        ],
    ),
    (
        &["card", "pickup"],
        &[
            "单位统一",
            "现场发卡",
            "即办即取",
            "邮寄",
            "一个月",
            "现办现取",
        ],
    ),
    (
        &["card", "activate"],
        &["金融", "查询密码", "交易密码", "123456", "银行"],
    ),
    (
        &["card", "activate", "--region", "heilongjiang"],
        &["定点医疗机构", "自助终端"],
    ),
    (
        &["card", "replace"],
        &[
            "挂失",
            "申请补办",
            "补卡",
            "领新卡",
            "激活",
            "工作日",
            "临时挂失",
            "12393",
            "12333",
        ],
    ),
    (
        &["card", "use"],
        &[
            "挂号",
            "就诊",
            "结算",
            "定点零售药店",
            "医保目录",
            "冒名就医",
            "3个月",
            "发票",
            "备案",
        ],
    ),
    (
        &["ecard", "activate"],
        &[
            "31个省",
            "新疆生产建设兵团",
            "卡包",
            "医保码",
            "国家医保服务平台APP",
            "亲情账户",
            "人脸",
        ],
    ),
    (
        &["ecard", "activate", "--region", "heilongjiang"],
        &["龙江医保", "电子凭证"],
    ),
    (
        &["filing", "apply"],
        &[
            "国家医保服务平台APP",
            "国家医保局",
            "国家异地就医备案",
            "6个月",
            "急诊抢救",
            "视同",
            "1至3家",
            "10个百分点",
            "20个百分点",
            "出院结算前",
            "就医地的医保目录",
            "12393",
        ],
    ),
    (
        &["filing", "apply", "--region", "heilongjiang"],
        &["龙江医保", "电话", "电子凭证"],
    ),
    (
        &["filing", "types"],
        &[
            "异地安置退休",
            "异地长期居住",
            "常驻异地工作",
            "异地转诊",
            "急诊抢救",
            "其他临时外出",
            "个人承诺书",
            "转诊转院证明",
            "22号",
        ],
    ),
    (
        &["filing", "local", "--region", "heilongjiang"],
        &[
            "服务大厅",
            "异地快速备案",
            "为自己备案",
            "为他人备案",
            "我要查",
            "备案信息",
        ],
    ),
    (
        &["family", "members"],
        &[
            "配偶",
            "父母",
            "子女",
            "兄弟姐妹",
            "祖父母",
            "外祖父母",
            "孙子女",
            "外孙子女",
            "个人账户",
            "冒名就医",
            "38号",
            "居民医保",
        ],
    ),
    (
        &["family", "bind"],
        &[
            "亲情账户",
            "医保家庭共济账户",
            "个人共济账户关系维护",
            "医保服务大厅",
        ],
    ),
    (&["family", "bind", "--region", "heihe"], &["黑河"]),
    (
        &["family", "transfer"],
        &[
            "医保钱包",
            "3笔",
            "2000元",
            "22:00",
            "06:00",
            "临夏",
            "甘南",
        ],
    ),
    (
        &["balance", "query"],
        &[
            "12333",
            "12393",
            "医保查询",
            "市民中心",
            "城市服务",
            "ATM",
            "自助终端",
            "国家医保服务平台",
        ],
    ),
    (
        &["scheme", "compare"],
        &[
            "70%",
            "50%",
            "个人账户",
            "30年",
            "25年",
            "6%",
            "8%",
            "2%",
            "灵活就业",
        ],
    ),
    (
        &["scheme", "compare", "--region", "heilongjiang"],
        &["400元", "2024年9月1日", "2025年2月底", "个体"],
    ),
];

#[test]
fn every_fact_of_the_fact_sheet_is_answered_where_it_belongs() {
    let mut missing = Vec::new();
    for (args, facts) in FACTS {
        let (text, _) = json(args);
        for f in *facts {
            if !text.contains(f) {
                missing.push(format!("{}: {f}", args.join(" ")));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "facts not found:\n{}",
        missing.join("\n")
    );
}

#[test]
fn weakly_sourced_facts_say_they_vary_by_region() {
    // The fact sheet's "check" facts: shown with 以当地规定为准.
    for (args, fact) in [
        (&["family", "transfer"][..], "2000元"),
        (&["card", "activate"][..], "123456"),
        (
            &["card", "apply", "--region", "heilongjiang"][..],
            "「黑龙江一卡通」支付宝小程序｜类型",
        ),
    ] {
        let out = Command::cargo_bin("yibao")
            .unwrap()
            .args(args)
            .args(["--format", "plain"])
            .env("YIBAO_TODAY", "2026-11-23")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains(fact))
            .unwrap_or_else(|| panic!("{fact} in {args:?}"));
        assert!(line.contains("以当地规定为准"), "{line}");
    }
}

/// Minimum content of each procedure: (id, steps, materials, sources).
const SHAPE: &[(&str, usize, usize, usize)] = &[
    ("card.apply", 5, 4, 5),
    ("card.pickup", 4, 2, 3),
    ("card.activate", 4, 2, 4),
    ("card.replace", 5, 2, 5),
    ("card.use", 5, 2, 4),
    ("ecard.activate", 4, 0, 5),
    ("family.bind", 5, 2, 5),
    ("family.transfer", 5, 0, 4),
    ("family.members", 4, 0, 5),
    ("filing.apply", 5, 4, 7),
    ("filing.types", 4, 4, 2),
    ("filing.local", 3, 0, 2),
    ("balance.query", 3, 2, 5),
    ("scheme.compare", 3, 0, 5),
];

#[test]
fn no_procedure_loses_its_steps_materials_sources_or_date() {
    let (_, list) = json(&["list"]);
    let ids: Vec<&str> = list["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = SHAPE.iter().map(|s| s.0).collect();
    assert_eq!(ids, expected, "the set of procedures changed");
    for (id, steps, materials, sources) in SHAPE {
        let (_, v) = json(&["show", id]);
        let p = &v["procedure"];
        assert!(
            p["steps"].as_array().unwrap().len() >= *steps,
            "{id} lost steps"
        );
        assert!(
            p["materials"].as_array().unwrap().len() >= *materials,
            "{id} lost materials"
        );
        assert!(
            v["sources"].as_array().unwrap().len() >= *sources,
            "{id} lost sources"
        );
        assert_eq!(p["checked"], "2025-03-27", "{id} checked date");
        for part in [
            "conditions",
            "materials",
            "prepare",
            "channels",
            "steps",
            "tips",
            "warnings",
            "faq",
        ] {
            for item in p[part].as_array().unwrap() {
                assert!(
                    !item["src"].as_array().unwrap().is_empty(),
                    "{id} {part} {} has no source",
                    item["id"]
                );
            }
        }
    }
}
