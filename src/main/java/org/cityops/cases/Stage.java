package org.cityops.cases;

/** A timed stage of the loop; each has its own deadline. */
public enum Stage {
    /** From report to the register decision (受理/立案时限). */
    REGISTER,
    /** From registration to dispatch (派遣时限). */
    DISPATCH,
    /** From dispatch to the lead department's feedback (处置时限, from the category and urgency). */
    HANDLE,
    /** From feedback to verification result (核查时限). */
    VERIFY,
    /** From verification to close (结案时限). */
    CLOSE
}
