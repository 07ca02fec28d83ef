//! What the command-line tests share: the output formats, and the steps of
//! the design card's `card apply --region heilongjiang`.

/// Every output format of `--format`.
pub const FORMATS: [&str; 5] = ["table", "plain", "json", "yaml", "markdown"];

/// The five 黑龙江 steps of `card apply`, in order.
pub const HLJ_APPLY_STEPS: [&str; 5] = ["确认参保身份", "选择办理方式", "提交材料", "领取", "激活"];
