package org.cityops.cases;

/** What someone can do to a case; each action is one row of the transition table. */
public enum CaseAction {
    /** 立案 */ REGISTER("立案"),
    /** 不予立案 (reason required) */ REJECT("不予立案"),
    /** 作废 (reason required) */ VOID("作废"),
    /** 派遣 to the lead department, optionally with assisting departments (协办) */ DISPATCH("派遣"),
    /** 签收: the lead department accepts the case */ ACCEPT("签收"),
    /** 退回: the lead department says the case is not theirs (reason required) */ RETURN("退回"),
    /** 申请延期 */ REQUEST_EXTENSION("申请延期"),
    /** 批准延期 */ APPROVE_EXTENSION("批准延期"),
    /** 驳回延期 */ REFUSE_EXTENSION("驳回延期"),
    /** 挂账: defer, pausing the clock (reason required) */ DEFER("挂账"),
    /** 恢复: resume a deferred case */ RESUME("恢复处置"),
    /** 协办反馈: an assisting department reports its part done */ ASSIST_FEEDBACK("协办反馈"),
    /** 反馈: the lead department reports the case handled */ FEEDBACK("处置反馈"),
    /** 派发核查: send the handled case to an inspector for verification */ REQUEST_VERIFICATION("派发核查"),
    /** 核查通过 */ VERIFY_PASS("核查通过"),
    /** 核查不通过 → 返工 rework by the lead department (reason required) */ VERIFY_FAIL("核查不通过(返工)"),
    /** 结案 */ CLOSE("结案"),
    /** 重新打开 a closed case within the reopen window (reason required) */ REOPEN("重新打开"),
    /** 督办 by a leader (comment required) */ SUPERVISE("督办"),
    /** 升级: street → district → city */ ESCALATE("升级"),
    /** 自行处置: the reporting inspector fixed it on the spot */ SELF_FIX("自行处置"),
    /** 备注: a comment on the record, no state change */ COMMENT("备注");

    private final String chineseName;

    CaseAction(String chineseName) {
        this.chineseName = chineseName;
    }

    /** Returns the action's name as shown to users. */
    public String chineseName() {
        return chineseName;
    }
}
