package org.cityops.intake.hotline;

/** Where a work order stands. */
enum WorkOrderStatus {
    /** 已受理: recorded, the operator has not yet answered or transferred it. */
    RECEIVED,
    /** 直接办结: answered by the operator at intake; no case. Final. */
    ANSWERED,
    /** 已转办: transferred into a case that is still open. */
    TRANSFERRED,
    /** 待回访: the linked case is closed, the caller is due a callback. */
    CALLBACK_DUE,
    /** 已回访: called back with the caller's satisfaction. Final. */
    CALLED_BACK
}
