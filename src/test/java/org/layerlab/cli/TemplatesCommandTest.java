package org.layerlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.layerlab.core.graph.Template;
import org.layerlab.core.graph.Templates;

/** {@code layerlab templates}: every ready-made network, with its id, name and description. */
class TemplatesCommandTest {

    @Test
    void listsEveryTemplateWithItsIdNameAndDescription() {
        StringWriter out = new StringWriter();

        int exit = LayerLabCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "templates");

        assertThat(exit).isZero();
        assertThat(Templates.all()).extracting(Template::id)
                .containsExactly("mlp", "lenet", "vgg-small", "resnet-small", "lstm");
        for (Template template : Templates.all()) {
            assertThat(out.toString()).containsPattern("(?m)^" + template.id() + " +" + template.name() + "$")
                    .contains(template.description());
        }
        assertThat(out.toString()).contains("layerlab train --data FILE.csv --template ID");
    }
}
