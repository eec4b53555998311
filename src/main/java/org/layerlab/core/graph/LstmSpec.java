package org.layerlab.core.graph;

/**
 * A long short-term memory layer that reads a sequence step by step (Hochreiter &amp; Schmidhuber, 1997); maps to
 * DL4J's {@code LSTM}.
 *
 * @param returnSequences true to pass on every step's output (to stack another recurrent layer), false to pass on
 *                        only the last step's (to feed Dense or Output layers; DL4J's {@code LastTimeStep})
 */
public record LstmSpec(int units, Activation activation, boolean returnSequences) implements LayerSpec {
    public LstmSpec {
        Checks.atLeastOne(units, "units", "LSTM");
        Checks.required(activation, "an activation");
    }

    @Override
    public LayerKind kind() {
        return LayerKind.LSTM;
    }

    @Override
    public String summary() {
        return units + " units" + (returnSequences ? ", every step" : ", last step");
    }
}
