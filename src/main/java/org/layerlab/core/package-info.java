/**
 * LayerLab's core: everything the app does, in plain Java with no user-interface types, so that the
 * command line and the tests can drive every feature. Engine (DL4J/ND4J) types stay in {@code core.dl4j}.
 */
package org.layerlab.core;
