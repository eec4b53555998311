package org.layerlab.ui;

import java.util.List;

/** Style classes set only when they change: any change of a node's classes restyles it and all it holds. */
final class StyleClasses {
    private StyleClasses() {
    }

    /** Gives {@code styleClasses} the class {@code name} if {@code on}, else takes it away; no change if already so. */
    static void set(List<String> styleClasses, String name, boolean on) {
        if (on != styleClasses.contains(name)) {
            if (on) {
                styleClasses.add(name);
            } else {
                styleClasses.remove(name);
            }
        }
    }
}
