package org.layerlab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.core.graph.Template;
import org.layerlab.core.graph.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code layerlab templates}: the ready-made networks, for {@code layerlab train --template ID}. */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "List the ready-made networks (use one with: layerlab train --template ID).")
public final class TemplatesCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int width = Templates.all().stream().mapToInt(t -> t.id().length()).max().orElse(4);
        for (Template template : Templates.all()) {
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", template.id(), template.name());
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", "", template.description());
        }
        out.printf(Locale.ROOT, "%nEach adapts its input and output to the data. Train one with: "
                + "layerlab train --data FILE.csv --template ID%n");
        out.flush();
        return 0;
    }
}
