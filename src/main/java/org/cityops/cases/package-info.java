/**
 * The case loop (案卷流程): report, register (立案), dispatch (派遣), handle (处置), feed back
 * (反馈), verify (核查) and close (结案), with return, rework, extension, deferral, supervision,
 * escalation and co-handling; time limits on the working calendar; the append-only history.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases")
package org.cityops.cases;
