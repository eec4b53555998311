/**
 * Turning a run into things to hand on: the HTML report of a run ({@link org.layerlab.core.export.HtmlReport}),
 * built from the same JSON report the command line writes, with charts drawn as inline SVG so the file stands alone.
 */
package org.layerlab.core.export;
