/**
 * The command line ({@code java -jar layerlab.jar train …}): the same core as the app, without a window.
 * Output is plain text progress on standard output; problems go to standard error in the same words the app uses.
 */
package org.layerlab.cli;
