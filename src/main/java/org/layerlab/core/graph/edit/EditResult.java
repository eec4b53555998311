package org.layerlab.core.graph.edit;

import java.util.Objects;

/**
 * What became of one edit: applied (one undo step), unchanged (nothing to do, nothing recorded) or refused, with a
 * message a user can act on (e.g. "A layer cannot feed itself.").
 */
public record EditResult(Status status, String message) {
    public enum Status { APPLIED, UNCHANGED, REFUSED }

    public EditResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static EditResult applied(String description) {
        return new EditResult(Status.APPLIED, description);
    }

    public static EditResult unchanged() {
        return new EditResult(Status.UNCHANGED, "");
    }

    public static EditResult refused(String reason) {
        return new EditResult(Status.REFUSED, reason);
    }

    public boolean isApplied() {
        return status == Status.APPLIED;
    }

    public boolean isRefused() {
        return status == Status.REFUSED;
    }
}
