package org.layerlab.core.graph;

import java.util.function.Function;

/**
 * A ready-made network a user can start from. Its builder adapts the input and output to the loaded data (e.g. a
 * CNN reads a 64-column table of pixels as a 1×8×8 image; the output gets one unit per class).
 *
 * @param id short name used on the command line, e.g. "lenet"
 */
public record Template(String id, String name, String description, Function<DataSignature, NetworkGraph> builder) {
    public NetworkGraph buildFor(DataSignature data) {
        return builder.apply(data);
    }
}
