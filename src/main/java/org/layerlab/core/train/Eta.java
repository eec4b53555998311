package org.layerlab.core.train;

/** Estimates the time a run still needs from the pace so far. Pure arithmetic, so it is easy to test. */
public final class Eta {
    private Eta() {
    }

    /**
     * Seconds left if the remaining work goes at the pace of the work done.
     *
     * @param done          units of work done in the measured time (e.g. minibatches)
     * @param total         units of work in all
     * @param secondsSoFar  time spent on the {@code done} units, without pauses
     * @return the estimate; NaN when nothing is done yet, 0 when all is done
     */
    public static double remainingSeconds(long done, long total, double secondsSoFar) {
        if (done >= total) {
            return 0;
        }
        if (done <= 0 || !(secondsSoFar >= 0)) {
            return Double.NaN;
        }
        return secondsSoFar / done * (total - done);
    }

    /**
     * The time a run still needs from the pace of its recent epochs. The first epoch is left out once there are
     * others (it pays for loading the native library and warming up), so an early estimate is not minutes too long.
     * Not thread-safe: one per run.
     */
    public static final class Pace {
        private static final int RECENT = 3;
        private final java.util.ArrayDeque<Double> recent = new java.util.ArrayDeque<>();
        private int epochsMeasured;

        /** An epoch took {@code seconds} (without pauses). */
        public void epochDone(double seconds) {
            epochsMeasured++;
            if (epochsMeasured == 2 && recent.size() == 1) {
                recent.clear(); // drop the warm-up epoch as soon as a normal one is known
            }
            recent.addLast(seconds);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }

        /** Seconds per epoch lately; NaN before the first epoch ends. */
        public double secondsPerEpoch() {
            return recent.isEmpty() ? Double.NaN
                    : recent.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /**
         * Seconds left when {@code epochFractionLeft} of the current epoch and then {@code epochsAfter} whole epochs
         * remain; NaN before the first epoch ends.
         */
        public double remainingSeconds(double epochFractionLeft, int epochsAfter) {
            return secondsPerEpoch() * (Math.max(0, epochFractionLeft) + Math.max(0, epochsAfter));
        }
    }

    /** "about 2 min 05 s", "about 40 s", or "" when unknown. */
    public static String describe(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "";
        }
        long whole = Math.round(seconds);
        if (whole < 60) {
            return "about " + whole + " s";
        }
        if (whole < 3600) {
            return String.format(java.util.Locale.ROOT, "about %d min %02d s", whole / 60, whole % 60);
        }
        return String.format(java.util.Locale.ROOT, "about %d h %02d min", whole / 3600, (whole % 3600) / 60);
    }
}
