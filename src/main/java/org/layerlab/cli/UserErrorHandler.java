package org.layerlab.cli;

import org.layerlab.core.bundle.BundleProblem;
import org.layerlab.core.data.DataProblem;
import org.layerlab.core.project.ProjectFileProblem;
import picocli.CommandLine;

/**
 * Turns the problems a user can cause (bad data, a bad project file, an impossible setting) into one clear
 * line on standard error and exit code 2, instead of a stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (e instanceof DataProblem || e instanceof ProjectFileProblem || e instanceof IllegalArgumentException
                || e instanceof BundleProblem) {
            commandLine.getErr().println("Error: " + e.getMessage());
            return BAD_INPUT;
        }
        throw e;
    }
}
