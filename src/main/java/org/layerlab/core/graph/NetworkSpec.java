package org.layerlab.core.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A feed-forward network: the hidden Dense layers in order, followed by an output layer whose size comes
 * from the data (one unit per class, softmax, cross-entropy loss). The input size also comes from the data,
 * so the same spec fits any table.
 */
public record NetworkSpec(List<DenseSpec> hiddenLayers) {
    public NetworkSpec {
        hiddenLayers = List.copyOf(hiddenLayers);
    }

    /** What the app and the command line use when the user has not chosen: two ReLU layers, 64 and 32 units. */
    public static NetworkSpec defaultSpec() {
        return ofUnits(List.of(64, 32), Activation.RELU);
    }

    public static NetworkSpec ofUnits(List<Integer> units, Activation activation) {
        List<DenseSpec> layers = new ArrayList<>();
        for (int u : units) {
            layers.add(new DenseSpec(u, activation));
        }
        return new NetworkSpec(layers);
    }

    /** Parameters (weights and biases) of the whole network, output layer included. */
    public long parameterCount(int inputs, int outputs) {
        long total = 0;
        long previous = inputs;
        for (DenseSpec layer : hiddenLayers) {
            total += layer.parameterCount(previous);
            previous = layer.units();
        }
        return total + previous * outputs + outputs;
    }

    /** Layer sizes from input to output, e.g. "4 → 64 → 32 → 3". */
    public String describe(int inputs, int outputs) {
        StringBuilder text = new StringBuilder().append(inputs);
        for (DenseSpec layer : hiddenLayers) {
            text.append(" → ").append(layer.units());
        }
        return text.append(" → ").append(outputs).toString();
    }
}
