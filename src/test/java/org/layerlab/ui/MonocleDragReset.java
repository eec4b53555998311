package org.layerlab.ui;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Works around a bug of the headless test platform. Monocle's mouse input remembers the window view of the first
 * press-and-drag and forgets it only after a drag-and-drop; a test that starts a new scene (a new view) and then
 * drags from the palette makes Monocle "leave" the stale view, which fails with a NullPointerException in
 * {@code View.notifyDragLeave}. Forgetting that view before each test avoids it. Test-only, and harmless when
 * Monocle is not the platform.
 */
public final class MonocleDragReset {
    private MonocleDragReset() {
    }

    public static void forgetStaleDragView() {
        try {
            Class<?> input = Class.forName("com.sun.glass.ui.monocle.MouseInput");
            Method instance = input.getDeclaredMethod("getInstance");
            instance.setAccessible(true);
            Object mouse = instance.invoke(null);
            Field view = input.getDeclaredField("dragView");
            view.setAccessible(true);
            view.set(mouse, null);
        } catch (ReflectiveOperationException | RuntimeException notMonocle) {
            // Another platform, or another Monocle: nothing to forget.
        }
    }
}
