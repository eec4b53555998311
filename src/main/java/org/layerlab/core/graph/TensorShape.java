package org.layerlab.core.graph;

/**
 * The shape of the values flowing along one connection of a network, for one example (the batch dimension is
 * left out). Shown on every connection of the canvas.
 */
public sealed interface TensorShape {

    /** A text such as "64", "1×28×28" or "10 steps × 8". */
    String describe();

    /** Values per example. */
    long elementCount();

    /** A flat list of numbers, e.g. one table row or the output of a Dense layer. */
    record Vector(int size) implements TensorShape {
        public Vector {
            if (size < 1) {
                throw new IllegalArgumentException("A vector needs at least one value, not " + size + ".");
            }
        }

        @Override
        public String describe() {
            return Integer.toString(size);
        }

        @Override
        public long elementCount() {
            return size;
        }
    }

    /** Feature maps of an image: channels × height × width (DL4J's NCHW). */
    record Image(int channels, int height, int width) implements TensorShape {
        public Image {
            if (channels < 1 || height < 1 || width < 1) {
                throw new IllegalArgumentException("An image needs at least one channel, row and column, not "
                        + channels + "×" + height + "×" + width + ".");
            }
        }

        @Override
        public String describe() {
            return channels + "×" + height + "×" + width;
        }

        @Override
        public long elementCount() {
            return (long) channels * height * width;
        }
    }

    /**
     * A sequence of steps, each a vector of {@code features} values.
     *
     * @param length the number of steps, or 0 when it varies from example to example
     */
    record Sequence(int features, int length) implements TensorShape {
        public Sequence {
            if (features < 1 || length < 0) {
                throw new IllegalArgumentException("A sequence needs at least one feature per step.");
            }
        }

        @Override
        public String describe() {
            return (length == 0 ? "?" : Integer.toString(length)) + " steps × " + features;
        }

        @Override
        public long elementCount() {
            return (long) features * Math.max(1, length);
        }
    }
}
