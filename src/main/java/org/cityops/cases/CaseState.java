package org.cityops.cases;

import java.util.EnumSet;
import java.util.Set;

/** The states of a case (案卷状态). A closed set: every transition is in the transition table. */
public enum CaseState {
    /** 待受理: reported, waiting for the intake decision. */
    REPORTED("待受理"),
    /** 已立案: registered, waiting for dispatch (in the manual queue when no department was found). */
    REGISTERED("已立案"),
    /** 不予立案: not registered, with the reason. Final. */
    NOT_REGISTERED("不予立案"),
    /** 作废: void (duplicate, false report). Final. */
    VOID("作废"),
    /** 已派遣: dispatched to the lead department, waiting for it to accept. */
    DISPATCHED("已派遣"),
    /** 退回: returned by the department as not theirs, waiting for re-dispatch. */
    RETURNED("已退回"),
    /** 处置中: being handled by the lead department (and assisting departments). */
    HANDLING("处置中"),
    /** 挂账: deferred — cannot be handled now, kept on the books; its clock is paused. */
    DEFERRED("挂账"),
    /** 已反馈: the lead department reported it handled, waiting for verification. */
    HANDLED("已反馈"),
    /** 核查中: an inspector is verifying the result on site. */
    VERIFYING("核查中"),
    /** 核查通过: verified, waiting for the shift leader to close. */
    VERIFIED("核查通过"),
    /** 已结案: closed. May be reopened within the reopen window. */
    CLOSED("已结案");

    private static final Set<CaseState> FINAL = EnumSet.of(NOT_REGISTERED, VOID);
    private static final Set<CaseState> OPEN = EnumSet.complementOf(EnumSet.of(NOT_REGISTERED, VOID, CLOSED));

    private final String chineseName;

    CaseState(String chineseName) {
        this.chineseName = chineseName;
    }

    /** Returns the state's name as shown to users. */
    public String chineseName() {
        return chineseName;
    }

    /** Returns whether the case is still open: not closed, void or refused. */
    public boolean open() {
        return OPEN.contains(this);
    }

    /** Returns whether no action can ever leave this state. */
    public boolean terminal() {
        return FINAL.contains(this);
    }
}
