package org.layerlab.core.graph;

/**
 * Turns whole-number codes (e.g. word numbers) into learned vectors of {@code dimensions} values. Maps to DL4J's
 * {@code EmbeddingSequenceLayer}: a vector of n codes becomes a sequence of n steps.
 *
 * @param vocabulary how many different codes there are (codes run from 0 to vocabulary − 1)
 */
public record EmbeddingSpec(int vocabulary, int dimensions) implements LayerSpec {
    public EmbeddingSpec {
        Checks.atLeastOne(dimensions, "dimensions", "Embedding");
        if (vocabulary < 2 || vocabulary > 10_000_000) {
            throw new IllegalArgumentException("An Embedding layer needs a vocabulary of at least 2 codes; "
                    + vocabulary + " is not possible.");
        }
    }

    @Override
    public LayerKind kind() {
        return LayerKind.EMBEDDING;
    }

    @Override
    public String summary() {
        return vocabulary + " codes → " + dimensions;
    }
}
