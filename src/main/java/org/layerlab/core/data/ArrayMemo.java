package org.layerlab.core.data;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * A value worked out once per array and remembered by the array's identity (arrays compare by identity), e.g. a
 * column's missing count: counted in the background when the table is read, then asked for on the FX thread for free.
 * Weak, so an entry goes with its array. Thread-safe.
 */
final class ArrayMemo<V> {
    private final Map<Object, V> values = Collections.synchronizedMap(new WeakHashMap<>());

    /** The value for {@code array}, worked out by {@code compute} the first time. */
    V get(Object array, Supplier<V> compute) {
        return values.computeIfAbsent(array, key -> compute.get());
    }
}
