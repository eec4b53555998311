package org.layerlab.cli;

import java.io.PrintWriter;
import org.layerlab.core.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The top-level {@code layerlab} command; its subcommands do the work. */
@Command(name = "layerlab",
        mixinStandardHelpOptions = true,
        versionProvider = LayerLabCommand.VersionProvider.class,
        description = {"LayerLab: build and train neural networks.",
                "Run without arguments to open the app."},
        subcommands = {TrainCommand.class, ValidateCommand.class, TemplatesCommand.class, PredictCommand.class,
                ServeCommand.class, ExportJavaCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class LayerLabCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Exit codes: 0 done, 1 training failed (or, for {@code validate}, the network has errors), 2 the input was
     * wrong (a message says what).
     */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output going to {@code out} and problems to {@code err}. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new LayerLabCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new UserErrorHandler())
                .execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"LayerLab " + Version.current()};
        }
    }
}
