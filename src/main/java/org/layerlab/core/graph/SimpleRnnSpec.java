package org.layerlab.core.graph;

/**
 * A plain recurrent layer (Elman, 1990); maps to DL4J's {@code SimpleRnn}.
 *
 * @param returnSequences as for {@link LstmSpec}
 */
public record SimpleRnnSpec(int units, Activation activation, boolean returnSequences) implements LayerSpec {
    public SimpleRnnSpec {
        Checks.atLeastOne(units, "units", "Simple RNN");
        Checks.required(activation, "an activation");
    }

    @Override
    public LayerKind kind() {
        return LayerKind.SIMPLE_RNN;
    }

    @Override
    public String summary() {
        return units + " units" + (returnSequences ? ", every step" : ", last step");
    }
}
