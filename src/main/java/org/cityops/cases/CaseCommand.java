package org.cityops.cases;

import java.util.List;

import org.cityops.catalog.TimeLimit;
import org.cityops.catalog.Urgency;

/**
 * One requested transition with its parameters; which parameters matter depends on the action.
 *
 * @param action                the action
 * @param comment               free text recorded in the history
 * @param departmentId          DISPATCH: the lead department (the matrix's suggestion when null)
 * @param assistDepartmentIds   DISPATCH: assisting departments (协办)
 * @param extension             REQUEST_EXTENSION: how much more time
 * @param categoryCode          REGISTER: corrects the reported category
 * @param urgency               REGISTER: sets the urgency
 * @param verifier              REQUEST_VERIFICATION: the inspector who verifies (optional)
 * @param attachments           references to photos or documents
 * @param expectedVersion       when given, the action applies only to this version of the case
 */
public record CaseCommand(CaseAction action, String comment, Long departmentId, List<Long> assistDepartmentIds,
                   TimeLimit extension, String categoryCode, Urgency urgency, String verifier,
                   List<String> attachments, Integer expectedVersion) {

    public CaseCommand {
        assistDepartmentIds = assistDepartmentIds == null ? List.of() : List.copyOf(assistDepartmentIds);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Returns a command with no parameters. */
    public static CaseCommand of(CaseAction action) {
        return new CaseCommand(action, null, null, null, null, null, null, null, null, null);
    }

    /** Returns a command with only a comment. */
    public static CaseCommand of(CaseAction action, String comment) {
        return new CaseCommand(action, comment, null, null, null, null, null, null, null, null);
    }

    /** Returns whether a non-blank comment was given. */
    public boolean hasComment() {
        return comment != null && !comment.isBlank();
    }
}
