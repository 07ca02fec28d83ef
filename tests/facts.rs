//! The knowledge base carries every fact of the domain fact sheet: each is
//! looked up through the command a user would type (`--json`), under the
//! procedure and region it belongs to; and a fact the sheet marks as weakly
//! sourced says it varies by region.

mod common;

use assert_cmd::Command;
use common::facts::json;

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
            // The card is 人社's, applied for through 人社 channels.
            "人社部门",
            "电子社保卡",
            "掌上12333",
            "国家社会保险公共服务平台",
            "社保卡合作银行网点",
            // First card free, replacement may cost; the seed's fee meant a switch.
            "第一次申领一般不收费",
            "换卡",
            // The expiry printed on the card.
            "有效期，常见是10年",
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
            "参保地人社部门社保卡服务窗口",
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
            "激活要本人去办",
        ],
    ),
    (
        &["card", "activate"],
        &[
            "金融",
            "查询密码",
            "交易密码",
            "123456",
            "银行",
            "单位只管领卡，不替你激活",
        ],
    ),
    (
        &["card", "activate", "--region", "heilongjiang"],
        &["定点医疗机构", "自助终端", "人社部门的社保卡服务窗口"],
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
            // Lost away from home.
            "电子社保卡",
            "加参保地区号",
            "金融账户也挂失",
            "医保码",
            "备案照样有效",
        ],
    ),
    (&["card", "replace", "--region", "heihe"], &["0456-12333"]),
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
            "本省别的市",
            "不会进医保个人账户",
        ],
    ),
    (
        &["card", "use", "--region", "heilongjiang"],
        &["省内异地就医备案"],
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
            "先备案",
        ],
    ),
    (
        &["ecard", "activate", "--region", "heilongjiang"],
        &["龙江医保", "电子凭证", "到外省看病先备案"],
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
            "10个百分点",
            "20个百分点",
            "家里报70%",
            "60%",
            "出院结算前",
            "就医地的医保目录",
            "参保地（老家）",
            "12393",
            // Filing names a place; every networked institution there settles.
            "所有开通跨省联网结算的定点医疗机构",
            "按表上的要求填",
            // Long-term filers keep their cover at home.
            "双向享受待遇",
            "最长不超过6个月",
            // The filing belongs to the person, not the card.
            "备案认的是人，不是卡",
            // Filing for someone else.
            "替家人备案",
            "刷脸",
            "门诊慢特病",
        ],
    ),
    (
        &["filing", "apply", "--region", "heilongjiang"],
        &["龙江医保", "电话", "电子凭证", "有身份证或社保卡就行"],
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
            "双向享受待遇",
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
        &["filing", "chronic"],
        &[
            "高血压",
            "糖尿病",
            "恶性肿瘤门诊放化疗",
            "尿毒症透析",
            "器官移植术后抗排异治疗",
            "认定",
            "跨省异地就医备案",
            "nhsa-chronic-2021",
        ],
    ),
    (
        &["filing", "reimburse"],
        &[
            "手工报销",
            "零星报销",
            "医疗费用发票",
            "费用明细清单",
            "诊断证明",
            "出院小结",
            "参保地医保经办机构",
            "邮寄",
            "代办人身份证",
            "3个月",
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
            "在线办理",
            "亲情账户只是帮家人亮码，不是共济",
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
            "很多地方的12333查不到医保个人账户",
            "一般不是医保个人账户的余额",
        ],
    ),
    (
        &["scheme", "compare"],
        &[
            "70%左右",
            "80%左右",
            "政策范围内",
            "个人账户",
            "30年",
            "25年",
            "6%",
            "8%",
            "2%",
            "灵活就业",
            "nhsa-resident-notices",
        ],
    ),
    (
        &["scheme", "compare", "--region", "heilongjiang"],
        &["400元", "2024年9月1日", "2025年2月底", "个体"],
    ),
    (
        &["scheme", "enroll"],
        &[
            "集中参保期",
            "待遇等待期",
            "固定的3个月",
            "每多断1年，再多等最多1个月",
            "从出生那天起",
            "38号",
            "1000元",
            "常住地",
        ],
    ),
    (
        &["scheme", "enroll", "--region", "heilongjiang"],
        &["400元", "2024年9月1日", "2025年2月底"],
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
            .env("YIBAO_TODAY", "2026-11-28")
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
