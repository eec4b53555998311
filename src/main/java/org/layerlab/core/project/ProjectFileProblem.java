package org.layerlab.core.project;

/** A project file cannot be read or written; the message says why and what to do. */
public class ProjectFileProblem extends RuntimeException {
    public ProjectFileProblem(String message) {
        super(message);
    }

    public ProjectFileProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
