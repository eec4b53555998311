package org.layerlab.ui;

import org.layerlab.core.bundle.BundleProblem;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.project.ProjectFileProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failure into words for the user: core's own problems already are; anything else is a bug. */
final class UserMessages {
    private static final Logger LOG = LoggerFactory.getLogger(UserMessages.class);

    private UserMessages() {
    }

    static String of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DataProblem || cause instanceof ProjectFileProblem
                || cause instanceof BundleProblem
                || cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        if (cause instanceof OutOfMemoryError) {
            return "LayerLab ran out of memory. Try a smaller file, or close other programs and try again.";
        }
        LOG.error("Unexpected failure", cause);
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return "Something went wrong inside LayerLab (" + detail + "). What you had loaded is unchanged.";
    }

    /** The real failure behind the wrappers that futures add. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
