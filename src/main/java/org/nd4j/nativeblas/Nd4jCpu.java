package org.nd4j.nativeblas;

/**
 * Answers, under its old name, DL4J 1.0.0-M2.1's question whether ND4J's native build has oneDNN.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks this class up by name; in M2.1 ND4J moved it to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}, so without this class DL4J never uses oneDNN for its
 * layers. See {@link org.layerlab.core.dl4j.NativeBuild} and docs/decisions/0009. Only reached on the CPU backend.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The part of the old class DL4J calls: {@code getInstance().isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
