package org.layerlab.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Row indices of the three splits. Made by {@link #stratified}: each class is shuffled with the seed and
 * divided in the requested proportions, so every split has about the same class balance as the whole table.
 */
public record Split(int[] train, int[] validation, int[] test) {

    /**
     * @param classOfRow the class index of each row, or -1 for rows without a label (left out of every split)
     */
    public static Split stratified(int[] classOfRow, SplitSettings settings) {
        int classes = Arrays.stream(classOfRow).max().orElse(-1) + 1;
        List<List<Integer>> rowsByClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            rowsByClass.add(new ArrayList<>());
        }
        for (int row = 0; row < classOfRow.length; row++) {
            if (classOfRow[row] >= 0) {
                rowsByClass.get(classOfRow[row]).add(row);
            }
        }
        Random random = new Random(settings.seed());
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> rows : rowsByClass) {
            Collections.shuffle(rows, random);
            int n = rows.size();
            int testCount = (int) Math.round(n * settings.test());
            int validationCount = (int) Math.round(n * settings.validation());
            if (n >= 3) {
                // Every split should see each class when the class is big enough to share.
                testCount = Math.max(1, testCount);
                validationCount = settings.validation() > 0 ? Math.max(1, validationCount) : 0;
            }
            testCount = Math.min(testCount, n);
            validationCount = Math.min(validationCount, n - testCount);
            test.addAll(rows.subList(0, testCount));
            validation.addAll(rows.subList(testCount, testCount + validationCount));
            train.addAll(rows.subList(testCount + validationCount, n));
        }
        // Interleave classes: shuffle each split once more so batches mix classes.
        return new Split(shuffled(train, random), shuffled(validation, random), shuffled(test, random));
    }

    private static int[] shuffled(List<Integer> rows, Random random) {
        Collections.shuffle(rows, random);
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
