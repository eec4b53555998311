package org.layerlab.core.data;

/**
 * Something is wrong with the user's data. The message is written for the user, not for a developer:
 * it names the file, row or column, says what is wrong and what to do about it.
 */
public class DataProblem extends RuntimeException {
    public DataProblem(String message) {
        super(message);
    }

    public DataProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
