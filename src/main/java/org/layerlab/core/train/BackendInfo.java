package org.layerlab.core.train;

/**
 * Which compute backend trains the networks, as shown in the status bar and written in reports.
 *
 * @param kind        "CPU" or "CUDA", or "none" when the engine could not start (the explanation says why)
 * @param device      e.g. the processor or GPU name
 * @param explanation why this backend was chosen, e.g. why CUDA fell back to the CPU; empty if nothing to say
 */
public record BackendInfo(String kind, String device, String explanation) {
    /** A short line such as "CPU (AMD EPYC, 2 cores)". */
    public String summary() {
        return device.isBlank() ? kind : kind + " (" + device + ")";
    }
}
