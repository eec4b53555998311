package org.layerlab.core.dl4j;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code c = op(a) × op(b)} for the training step's float matrices, as one call of OpenBLAS's {@code cblas_sgemm} —
 * the library ND4J itself multiplies with, loaded by ND4J — on the arrays' own memory.
 *
 * <p>Used for Dense layers' products, where it beats {@code Nd4j.gemm}, which builds and runs ND4J's {@code matmul}
 * operation: per call that costs tens of microseconds of set-up in Java and native code, a third of a 64 × 256 × 128
 * product (0.064 ms by this class, 0.181 ms by ND4J). Not for convolutions' products: on ND4J's oneDNN build ND4J's
 * operation is faster there (a convolution's filter gradient, 20 × 36,864 × 25: 0.35 ms against OpenBLAS's 1.4 ms).
 * Measured in docs/performance.md (session 7). The arrays are read in place
 * whatever their order: a column-major ('f') matrix is the row-major memory of its transpose, so it is handed over
 * with its transposition flipped, and a column-major result is computed as the transposed product. Anything that is
 * not a contiguous float matrix goes to {@code Nd4j.gemm}.
 */
final class MatrixProduct {
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANSPOSE = openblas_nolapack.CblasNoTrans;
    private static final int TRANSPOSE = openblas_nolapack.CblasTrans;

    private MatrixProduct() {
    }

    /** {@code c = op(a) × op(b)}, {@code op} transposing where asked; as {@code Nd4j.gemm(a, b, c, ta, tb, 1, 0)}. */
    static void multiply(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        if (!isPlain(a) || !isPlain(b) || !isPlain(c)) {
            Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
            return;
        }
        if (c.ordering() == 'f') {
            // c's memory is cᵀ row by row, and cᵀ = op(b)ᵀ × op(a)ᵀ.
            rowMajorProduct(b, !transposeB, a, !transposeA, c, (int) c.size(1), (int) c.size(0));
        } else {
            rowMajorProduct(a, transposeA, b, transposeB, c, (int) c.size(0), (int) c.size(1));
        }
    }

    /** {@code c (rows × columns, row-major) = op(a) × op(b)}. */
    private static void rowMajorProduct(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c,
                                        int rows, int columns) {
        // As a row-major matrix, an 'f' array is its own transpose: flip the flag instead of copying.
        boolean aRead = transposeA ^ (a.ordering() == 'f');
        boolean bRead = transposeB ^ (b.ordering() == 'f');
        int inner = (int) (transposeA ? a.size(0) : a.size(1));
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, aRead ? TRANSPOSE : NO_TRANSPOSE, bRead ? TRANSPOSE : NO_TRANSPOSE,
                rows, columns, inner, 1f, pointer(a), rowLength(a), pointer(b), rowLength(b), 0f, pointer(c),
                columns);
    }

    /** The length of a row of the array's memory read row by row: its columns for 'c', its rows for 'f'. */
    private static int rowLength(INDArray matrix) {
        return (int) (matrix.ordering() == 'c' ? matrix.size(1) : matrix.size(0));
    }

    private static FloatPointer pointer(INDArray matrix) {
        return new FloatPointer(matrix.data().addressPointer()); // the view's first element
    }

    private static boolean isPlain(INDArray matrix) {
        return matrix.rank() == 2 && matrix.dataType() == DataType.FLOAT && matrix.length() > 0
                && matrix.elementWiseStride() == 1 && (matrix.ordering() == 'c' || matrix.ordering() == 'f')
                && matrix.size(0) > 0 && matrix.size(1) > 0;
    }
}
