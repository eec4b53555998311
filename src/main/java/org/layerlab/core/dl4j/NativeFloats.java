package org.layerlab.core.dl4j;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The values of a float array in ND4J's native memory, read and written from Java without a native call: a
 * {@link FloatBuffer} over the array's memory, element 0 first, in memory order. Used by {@link TrainingStep} for
 * element-wise work that is cheaper as a Java loop than as one of ND4J's native operations, each of which costs tens
 * of microseconds before it touches a single value.
 *
 * <p>Holds the array, so that its memory stays allocated as long as this object is used.
 */
final class NativeFloats {
    private final INDArray array;
    private final FloatBuffer values;

    private NativeFloats(INDArray array) {
        this.array = array;
        long bytes = array.length() * Float.BYTES;
        BytePointer memory = new BytePointer(array.data().addressPointer()); // the view's first element
        memory.position(0).capacity(bytes).limit(bytes);
        this.values = memory.asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * The values of {@code array}, which must be a float array whose elements lie next to each other in memory (a
     * whole array, or a contiguous view such as one layer's part of a network's flattened parameters).
     */
    static NativeFloats of(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Expected a float array, got " + array.dataType());
        }
        if (array.length() > 0 && array.elementWiseStride() != 1) {
            throw new IllegalArgumentException("The array's elements are not contiguous in memory");
        }
        return new NativeFloats(array);
    }

    /** The values; index 0 is the array's first element in memory. */
    FloatBuffer values() {
        return values;
    }

    INDArray array() {
        return array;
    }

    int length() {
        return values.capacity();
    }
}
