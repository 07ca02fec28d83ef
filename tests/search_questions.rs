//! Questions as people type them — everyday Chinese and plain English —
//! and the procedure that must come first when `yibao search` is asked
//! them. One table; each row is run as a user would type it (words split at
//! spaces, as a shell does).

mod common;

use common::ok_json;

/// (question, the procedure that must rank first)
const QUESTIONS: &[(&str, &str)] = &[
    ("第一次办医保卡需要什么材料", "card.apply"),
    ("孩子怎么办医保卡", "card.apply"),
    ("how to apply for a social security card", "card.apply"),
    ("怎么申请社保卡", "card.apply"),
    ("新生儿办社保卡要带什么", "card.apply"),
    ("医保卡办好了去哪里拿", "card.pickup"),
    ("多久能拿到卡", "card.pickup"),
    ("社保卡可以邮寄到家吗", "card.pickup"),
    ("社保卡做好了怎么领", "card.pickup"),
    ("怎么激活", "card.activate"),
    ("医保卡密码忘了怎么办", "card.activate"),
    ("社保卡怎么开通金融功能", "card.activate"),
    ("银行卡功能怎么启用", "card.activate"),
    ("社保卡的密码是多少", "card.activate"),
    ("医保卡丢了怎么办", "card.replace"),
    ("社保卡掉了怎么补办", "card.replace"),
    ("如何补办", "card.replace"),
    ("医保卡坏了刷不了怎么办", "card.replace"),
    ("how do I replace a lost card", "card.replace"),
    ("社保卡被偷了", "card.replace"),
    ("在外地把医保卡弄丢了", "card.replace"),
    ("my social security card was stolen", "card.replace"),
    ("卡丢了要先挂失吗", "card.replace"),
    ("拿医保卡怎么看病买药", "card.use"),
    ("see a doctor with my card", "card.use"),
    ("去药店买药能刷医保卡吗", "card.use"),
    ("医保卡在医院怎么用", "card.use"),
    ("怎么激活医保电子凭证", "ecard.activate"),
    ("微信上怎么弄医保码", "ecard.activate"),
    ("没带卡怎么看病", "ecard.activate"),
    (
        "how to activate the medical insurance e-voucher",
        "ecard.activate",
    ),
    ("支付宝怎么激活医保码", "ecard.activate"),
    ("电子医保卡怎么领", "ecard.activate"),
    ("怎么给爸妈用我的医保", "family.bind"),
    ("个人账户怎么绑定家人", "family.bind"),
    ("家庭共济怎么开通", "family.bind"),
    ("怎么开家庭共济", "family.bind"),
    ("怎么把医保钱包的钱转给外地的家人", "family.transfer"),
    ("医保钱包怎么转账", "family.transfer"),
    ("跨省共济怎么操作", "family.transfer"),
    ("哪些亲属可以共济", "family.members"),
    ("爸妈能用我的个人账户吗", "family.members"),
    ("兄弟姐妹能共济吗", "family.members"),
    ("我爸妈在海南过冬怎么备案", "filing.apply"),
    ("去外省看病要备案吗", "filing.apply"),
    (
        "how do my parents register for medical care in another province",
        "filing.apply",
    ),
    ("退休去三亚住要办什么手续", "filing.apply"),
    ("跨省异地就医备案怎么办", "filing.apply"),
    ("snowbird filing", "filing.apply"),
    ("异地备案有哪些类型", "filing.types"),
    ("备案有效期多久", "filing.types"),
    ("临时外出就医备案和长期备案有什么不同", "filing.types"),
    ("省内外市看病要备案吗", "filing.local"),
    ("在本省其他城市看病要备案吗", "filing.local"),
    ("在省里其他市看病", "filing.local"),
    ("糖尿病在外地开药能报吗", "filing.chronic"),
    ("高血压异地开药", "filing.chronic"),
    ("透析病人在外地怎么结算", "filing.chronic"),
    ("慢性病异地怎么结算", "filing.chronic"),
    ("在外地住院没直接结算怎么报销", "filing.reimburse"),
    ("自己垫钱了回去怎么报销", "filing.reimburse"),
    ("没备案花的钱能报吗", "filing.reimburse"),
    ("零星报销要什么材料", "filing.reimburse"),
    ("医保卡里还有多少钱", "balance.query"),
    ("怎么查医保余额", "balance.query"),
    ("how to check my balance", "balance.query"),
    ("怎么查个人账户余额", "balance.query"),
    ("打电话查医保余额", "balance.query"),
    ("12333查余额", "balance.query"),
    ("职工医保和居民医保有什么区别", "scheme.compare"),
    ("个体户交哪个医保好", "scheme.compare"),
    ("灵活就业参加职工医保还是居民医保", "scheme.compare"),
    ("居民医保和职工医保哪个好", "scheme.compare"),
    ("新生儿怎么交医保", "scheme.enroll"),
    ("居民医保什么时候交", "scheme.enroll"),
    ("断交了医保怎么办", "scheme.enroll"),
    ("医保断缴了有什么影响", "scheme.enroll"),
    (
        "how do I enrol in resident medical insurance",
        "scheme.enroll",
    ),
    ("居民医保一年交多少", "scheme.enroll"),
    ("等待期是多久", "scheme.enroll"),
];

fn first(question: &str) -> (String, serde_json::Value) {
    let mut args = vec!["search"];
    args.extend(question.split_whitespace());
    args.push("--json");
    let v = ok_json(&args);
    let id = v["results"][0]["id"].as_str().unwrap_or("").to_string();
    (id, v)
}

#[test]
fn every_question_finds_its_procedure_first() {
    assert!(QUESTIONS.len() >= 30);
    let english = QUESTIONS.iter().filter(|(q, _)| q.is_ascii()).count();
    assert!(english >= 5, "English questions too: {english}");
    let mut wrong = Vec::new();
    for (q, want) in QUESTIONS {
        let (got, v) = first(q);
        if got != *want {
            wrong.push(format!(
                "{q}: want {want}, got {got} (read as {}; results {})",
                v["understood"], v["results"]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} questions rank another result first:\n{}",
        wrong.len(),
        QUESTIONS.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_table_covers_every_procedure() {
    for id in common::procedure_ids() {
        assert!(
            QUESTIONS.iter().any(|(_, want)| *want == id),
            "no question for {id}"
        );
    }
}
