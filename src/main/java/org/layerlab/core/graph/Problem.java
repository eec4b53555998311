package org.layerlab.core.graph;

import java.util.Optional;

/**
 * Something that stops a network from training (an error) or probably hurts it (a warning), said in plain words,
 * with a one-click fix where there is an obvious one.
 *
 * @param node the node it concerns, or null for the network as a whole
 */
public record Problem(NodeId node, Severity severity, String message, Optional<Fix> fix) {
    public enum Severity { ERROR, WARNING }

    public Problem {
        java.util.Objects.requireNonNull(severity, "severity");
        java.util.Objects.requireNonNull(message, "message");
        fix = fix == null ? Optional.empty() : fix;
    }

    public static Problem error(NodeId node, String message) {
        return new Problem(node, Severity.ERROR, message, Optional.empty());
    }

    public static Problem error(NodeId node, String message, Fix fix) {
        return new Problem(node, Severity.ERROR, message, Optional.of(fix));
    }

    public static Problem warning(NodeId node, String message) {
        return new Problem(node, Severity.WARNING, message, Optional.empty());
    }

    public static Problem warning(NodeId node, String message, Fix fix) {
        return new Problem(node, Severity.WARNING, message, Optional.of(fix));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
